/**
 * One home for each per-code fact: every row of the IANA registry (src/data/http-status-codes.json)
 * is sent through the sandbox's own handlers, and what comes back must be what the registry and
 * the response table (src/data/status-responses.ts) say; every status page's diagram must give a
 * field the table fixes the same value. A hand copy that drifts (104 without a phrase, 429's
 * Retry-After 30 in the diagram and 60 on the wire) fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { statusRegistry } from "../../src/data/status-registry.ts";
import { responseFields, statusResponseTraits, statusResponses } from "../../src/data/status-responses.ts";
import { basicChallenge, formatChallenge } from "../../src/http/index.ts";
import { createApiResponder } from "../../src/sandbox/node.ts";

const respond = createApiResponder("/");
const context = {
  method: "GET",
  self200: "/api/status/200",
  challenge: formatChallenge(basicChallenge({ realm: "HTTP Status Lab", charset: "UTF-8" })),
};

async function send(code: number): Promise<Response> {
  const response = await respond(new Request(`http://registry.test/api/status/${code}`));
  if (response === undefined) throw new Error(`no handler answered status/${code}`);
  return response;
}

test("every registry row: the handler sends its code, the registry's reason phrase and the table's fields", async () => {
  const drift: string[] = [];
  for (const row of statusRegistry.codes) {
    const response = await send(row.code);
    const final = row.code < 200 ? 200 : row.code;
    if (response.status !== final) drift.push(`${row.code}: status ${response.status}`);
    if (row.code >= 200 && response.statusText !== row.reasonPhrase)
      drift.push(`${row.code}: reason "${response.statusText}", registry "${row.reasonPhrase}"`);
    const body = statusResponseTraits(row.code).body === undefined ? await response.text() : "";
    if (row.code >= 200 && body !== "") {
      const json = JSON.parse(body) as { reason: string };
      if (json.reason !== row.reasonPhrase) drift.push(`${row.code}: body reason "${json.reason}"`);
    }
    if (row.code < 200) {
      if (!body.includes(`${row.code} ${row.reasonPhrase} is an interim response`))
        drift.push(`${row.code}: the interim note does not name "${row.reasonPhrase}"`);
      continue;
    }
    for (const [name, value] of Object.entries(responseFields(row.code, context))) {
      if (response.headers.get(name) !== value)
        drift.push(`${row.code}: ${name} is ${String(response.headers.get(name))}, the table says ${value}`);
    }
  }
  expect(drift).toEqual([]);
});

test("the neighbour: a table value the handler does not send is a drift", async () => {
  const response = await send(429);
  expect(response.headers.get("Retry-After")).toBe(responseFields(429, context)["Retry-After"]);
  expect(response.headers.get("Retry-After")).not.toBe("60");
});

const statusDir = join(process.cwd(), "src/content/status");

/** The field lines of the responses a diagram draws for its own code: "429 ...<br/>Retry-After: 30". */
function diagramFields(code: number, source: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const line of source.split("\n")) {
    const message = /-->>?[^:]*:\s*(.*)$/.exec(line)?.[1];
    if (message === undefined || !message.startsWith(`${code} `)) continue;
    for (const part of message.split(/<br\s*\/?>/).slice(1)) {
      const field = /^([A-Za-z][A-Za-z0-9-]*):\s*(.+)$/.exec(part.trim());
      if (field?.[1] !== undefined && field[2] !== undefined) fields.push([field[1], field[2]]);
    }
  }
  return fields;
}

test("every status diagram gives the table's value for a field the table fixes", () => {
  const drift: string[] = [];
  let compared = 0;
  for (const name of readdirSync(statusDir).filter((file) => file.endsWith(".mdx"))) {
    const code = Number(name.slice(0, 3));
    const traits = statusResponses[code];
    if (traits === undefined || traits.diagramDiffers !== undefined) continue;
    const text = readFileSync(join(statusDir, name), "utf8");
    const frontmatter = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "") as { diagram?: { source: string } };
    for (const [field, value] of diagramFields(code, frontmatter.diagram?.source ?? "")) {
      const fixed = Object.entries(traits.fields).find(([known]) => known.toLowerCase() === field.toLowerCase())?.[1];
      if (typeof fixed !== "string") continue;
      compared += 1;
      if (fixed !== value) drift.push(`${name}: the diagram says ${field}: ${value}, the table ${fixed}`);
    }
  }
  expect(drift).toEqual([]);
  expect(compared).toBeGreaterThan(0);
});

test("the neighbour: a diagram line with another value is found", () => {
  expect(diagramFields(429, "  S-->>C: 429 Too Many Requests<br/>Retry-After: 60<br/>Content-Type: x")).toEqual([
    ["Retry-After", "60"],
    ["Content-Type", "x"],
  ]);
});
