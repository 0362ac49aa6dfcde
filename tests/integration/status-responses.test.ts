/**
 * One home for each per-code fact: every row of the IANA registry (src/data/http-status-codes.json)
 * is sent through the sandbox's own handlers, and what comes back must be what the registry and
 * the response table (src/data/status-responses.ts) say; every status page's diagram draws its
 * code's response from that table (`{{response}}`) and writes none of it by hand. A hand copy that
 * drifts (104 without a phrase, 429's Retry-After 30 in the diagram and 60 on the wire) fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { statusRegistry } from "../../src/data/status-registry.ts";
import {
  statusResponseFields,
  sandboxExchange,
  statusResponseTraits,
  statusResponses,
} from "../../src/data/status-responses.ts";
import { basicChallenge, formatChallenge, mermaidText, reasonPhrase } from "../../src/http/index.ts";
import { type DiagramData, diagramSource } from "../../src/diagrams/diagram-source.ts";
import { createApiResponder } from "../../src/sandbox/node.ts";

const respond = createApiResponder("/");
const exchange = sandboxExchange({
  method: "GET",
  location: "/api/status/200",
  challenge: formatChallenge(basicChallenge({ realm: "HTTP Status Lab", charset: "UTF-8" })),
});

/** The request of a code's exchange: with the fields it answers to (304: If-None-Match). */
async function send(code: number): Promise<Response> {
  const headers = statusResponseTraits(code).requestFields ?? {};
  const response = await respond(new Request(`http://registry.test/api/status/${code}`, { headers }));
  if (response === undefined) throw new Error(`no handler answered status/${code}`);
  return response;
}

test("every registry row: the handler sends its code, the registry's reason phrase and the table's fields", async () => {
  const drift: string[] = [];
  for (const row of statusRegistry.codes) {
    const response = await send(row.code);
    const final = row.code < 200 ? 200 : row.code;
    if (response.status !== final) drift.push(`${row.code}: status ${response.status}`);
    // A row whose registry Description is an annotation (418's "(Unused)") sends its sentPhrase.
    const phrase = row.sentPhrase ?? row.reasonPhrase;
    if (row.code >= 200 && response.statusText !== phrase)
      drift.push(`${row.code}: reason "${response.statusText}", registry "${phrase}"`);
    const body = statusResponseTraits(row.code).body === undefined ? await response.text() : "";
    if (row.code >= 200 && body !== "") {
      const json = JSON.parse(body) as { reason: string };
      if (json.reason !== phrase) drift.push(`${row.code}: body reason "${json.reason}"`);
    }
    if (row.code < 200) {
      if (!body.includes(`${row.code} ${row.reasonPhrase} is an interim response`))
        drift.push(`${row.code}: the interim note does not name "${row.reasonPhrase}"`);
      continue;
    }
    for (const [name, value] of Object.entries(statusResponseFields(row.code, exchange))) {
      if (response.headers.get(name) !== value)
        drift.push(`${row.code}: ${name} is ${String(response.headers.get(name))}, the table says ${value}`);
    }
  }
  expect(drift).toEqual([]);
});

test("the neighbour: a table value the handler does not send is a drift", async () => {
  const response = await send(429);
  expect(response.headers.get("Retry-After")).toBe(statusResponseFields(429, exchange)["Retry-After"]);
  expect(response.headers.get("Retry-After")).not.toBe("60");
});

const statusDir = join(process.cwd(), "src/content/status");
const pages = readdirSync(statusDir)
  .filter((file) => file.endsWith(".mdx"))
  .map((name) => {
    const text = readFileSync(join(statusDir, name), "utf8");
    const data = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "") as { code: number; diagram: DiagramData };
    return { name, code: data.code, diagram: data.diagram };
  });

/** The messages of a sequence diagram: the text after "S-->>C:" on each arrow's line. */
function messages(source: string): string[] {
  return source
    .split("\n")
    .map((line) => /^\s*[\w ]+?\s*-{1,2}(?:>>|x|\)|>)\s*[\w ]+?\s*:\s*(.*)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
}

/**
 * Where a status page's diagram (as written, before its placeholders are filled) says by hand what
 * the table says: its own code's response must be `{{response}}` wherever the table gives that
 * code fields, and wherever it spells the registry's status line; after it, no field of the table
 * is written again. Anything else on the line (Content-Type, a note on the body) is the drawn
 * exchange's own.
 */
function diagramDrift(code: number, source: string): string[] {
  const drift: string[] = [];
  const fields = Object.keys(statusResponseTraits(code).fields).map((name) => name.toLowerCase());
  const statusLine = `${code} ${reasonPhrase(code)}`;
  let drawn = false;
  for (const message of messages(source)) {
    const [line = "", ...rest] = message.split(/<br\s*\/?>/).map((part) => part.trim());
    // A status line may be drawn with its HTTP version, as on the wire (505's diagram).
    const head = line.replace(/^HTTP\/\d(?:\.\d)?\s+/, "");
    if (head === "{{response}}") {
      drawn = true;
      for (const part of rest) {
        const name = /^([A-Za-z][A-Za-z0-9-]*):/.exec(part)?.[1];
        if (name !== undefined && fields.includes(name.toLowerCase()))
          drift.push(`${code}: writes ${name} after {{response}}, which already gives the table's`);
      }
    } else if ((head === String(code) || head.startsWith(`${code} `)) && (fields.length > 0 || head === statusLine)) {
      drift.push(`${code}: writes "${head}" by hand; {{response}} draws it from the table`);
    }
  }
  if (fields.length > 0 && !drawn) drift.push(`${code}: does not draw its response with {{response}}`);
  return drift;
}

test("every status diagram draws its code's response from the table, none by hand", () => {
  const drift = pages.flatMap(({ code, diagram }) => diagramDrift(code, diagram.source));
  expect(drift).toEqual([]);
  // Every code the table gives fields has a page whose diagram was checked above.
  const drawn = new Set(pages.map(({ code }) => code));
  const rows = Object.keys(statusResponses).map(Number);
  expect(rows.filter((code) => !drawn.has(code))).toEqual([]);
});

test("every filled status diagram shows each field of its code's response with the table's value", () => {
  const missing: string[] = [];
  let compared = 0;
  for (const { code, diagram } of pages) {
    const source = diagramSource(diagram, code);
    for (const [name, value] of Object.entries(statusResponseFields(code, diagram.exchange ?? {}))) {
      compared += 1;
      if (!source.includes(`<br/>${name}: ${mermaidText(value)}`)) missing.push(`${code}: ${name}: ${value}`);
    }
    if (Object.keys(statusResponseTraits(code).fields).length > 0 && !source.includes(`${code} ${reasonPhrase(code)}`))
      missing.push(`${code}: no "${code} ${reasonPhrase(code)}"`);
  }
  expect(missing).toEqual([]);
  // Every field of every row was compared: each row's code has a page (the test above).
  const tableFields = Object.values(statusResponses).reduce((sum, row) => sum + Object.keys(row.fields).length, 0);
  expect(compared).toBe(tableFields);
});

test("the neighbours: a status line or a table field written by hand is a drift, the exchange's own fields are not", () => {
  const written = (line: string) => `sequenceDiagram\n  C->>S: GET /x\n  S-->>C: ${line}\n  Note over C: Wait`;
  expect(diagramDrift(429, written("429 Too Many Requests<br/>Retry-After: 60"))).toHaveLength(2);
  expect(diagramDrift(429, written("{{response}}<br/>Retry-After: 60"))).toEqual([
    "429: writes Retry-After after {{response}}, which already gives the table's",
  ]);
  expect(diagramDrift(429, written("{{response}}<br/>Content-Type: application/problem+json"))).toEqual([]);
  expect(diagramDrift(404, written("404 Not Found<br/>Content-Type: text/html"))).toHaveLength(1);
  expect(diagramDrift(404, written("{{response}}<br/>Content-Type: text/html"))).toEqual([]);
  expect(diagramDrift(505, written("HTTP/1.1 505 HTTP Version Not Supported"))).toHaveLength(1);
  expect(diagramDrift(505, written("HTTP/1.1 {{response}}"))).toEqual([]);
  // 418's status line is the phrase this site sends (the registry row's sentPhrase): drawn from the
  // table; a phrase of the drawn server's own is not.
  expect(diagramDrift(418, written("418 I'm a teapot"))).toHaveLength(1);
  expect(diagramDrift(418, written("{{response}}"))).toEqual([]);
  expect(diagramDrift(418, written("418 Teapot"))).toEqual([]);
});
