/**
 * A status page's diagram takes its code's response from the one table of what each response
 * carries (src/data/status-responses.ts): `{{response}}` and `{{Field-Name}}` are filled from it,
 * values escaped as Mermaid text, and a placeholder the table cannot fill stops the build.
 */
import { expect, test } from "vitest";
import { statusResponseFields } from "../../src/data/status-responses.ts";
import { diagramCaption, diagramSource } from "../../src/diagrams/diagram-source.ts";

const diagram = (source: string, description = "A diagram.", exchange = {}) => ({
  title: "Test diagram",
  description,
  source: `sequenceDiagram\n  C->>S: GET /x\n  ${source}`,
  exchange,
});

test("{{response}} is the registry's status line and the table's fields; {{Field}} is one value", () => {
  const retryAfter = statusResponseFields(429, {})["Retry-After"];
  expect(retryAfter).toMatch(/^\d+$/);
  const source = diagramSource(
    diagram("S-->>C: {{response}}<br/>Content-Type: text/plain", "Waits {{retry-after}} s."),
    429,
  );
  expect(source).toContain(`S-->>C: 429 Too Many Requests<br/>Retry-After: ${retryAfter}<br/>Content-Type: text/plain`);
  expect(source).toContain(`accDescr: Waits ${retryAfter} s.`);
  // The neighbour: another code's row gives other fields, and a code without a row only its status line.
  expect(diagramSource(diagram("S-->>C: {{response}}"), 503)).not.toContain(`Retry-After: ${retryAfter}<`);
  expect(diagramSource(diagram("S-->>C: {{response}}"), 404)).toMatch(/S-->>C: 404 Not Found$/m);
});

test("a value is text: Mermaid syntax in it becomes entity codes in the source, plain in the caption", () => {
  const challenge = 'Basic realm="a;b" %%<br/>#x';
  const example = diagram("P-->>C: {{response}}", "It says {{Proxy-Authenticate}}.", { challenge });
  const source = diagramSource(example, 407);
  const value = /P-->>C: 407 Proxy Authentication Required<br\/>Proxy-Authenticate: (.*)$/m.exec(source)?.[1] ?? "";
  expect(value.startsWith("Basic realm=#34;a#59;b#34;")).toBe(true);
  expect(value.replace(/#\d+;/g, "")).not.toMatch(/[;%<>"#]/);
  expect(value.replace(/#\d+;/g, "")).toBe("Basic realm=ab br/x");
  expect(diagramCaption(example, 407)).toBe(`It says ${challenge}.`);
});

test("the exchange gives what the table's values depend on, and a missing fact is an error that names the diagram", () => {
  const located = diagram("S-->>C: {{response}}", "A diagram.", { location: "/new" });
  expect(diagramSource(located, 301)).toContain("301 Moved Permanently<br/>Location: /new");
  expect(() => diagramSource(diagram("S-->>C: {{response}}"), 301)).toThrow(
    /"Test diagram" uses \{\{response\}\}: Location depends on the exchange's location/,
  );
  const ranged = { firstByte: 10, lastByte: 19, length: 100, contentType: "video/mp4" };
  expect(diagramSource(diagram("S-->>C: {{response}}", "A diagram.", ranged), 206)).toContain(
    "206 Partial Content<br/>Content-Range: bytes 10-19/100<br/>Content-Type: video/mp4",
  );
  expect(diagramSource(diagram("S-->>C: {{response}}", "A diagram.", ranged), 416)).toContain(
    "416 Range Not Satisfiable<br/>Content-Range: bytes */100",
  );
});

test("a placeholder the table cannot fill stops the build", () => {
  expect(() => diagramSource(diagram("Note over C: wait {{Retry-After}}"), 404)).toThrow(
    /the 404 response carries no such field/,
  );
  expect(() => diagramSource(diagram("S-->>C: {{response}}"))).toThrow(/only a status page's diagram/);
  // The neighbour: a diagram without placeholders needs no code (a lesson's).
  expect(diagramSource(diagram("S-->>C: 200 OK"))).toContain("S-->>C: 200 OK");
});
