/**
 * One story per status page: the diagram and the raw exchange agree on the response (status, media
 * type, the code's own fields), and where the diagram draws a realistic request, the page's
 * sentence says the exchange is the sandbox's own. The build checks the same (src/pages/status/[code].astro).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { rawExchangeFor } from "../../src/content/examples.ts";
import { exchangeSentence, storyProblems } from "../../src/diagrams/one-story.ts";
import type { DiagramData } from "../../src/diagrams/diagram-source.ts";

const statusDir = join(process.cwd(), "src/content/status");
const pages = readdirSync(statusDir)
  .filter((name) => name.endsWith(".mdx"))
  .map((name) => {
    const text = readFileSync(join(statusDir, name), "utf8");
    return parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "") as { code: number; diagram: DiagramData };
  });

test("every status page's diagram and raw exchange tell one story about the response", () => {
  expect(pages.length).toBeGreaterThan(60);
  const problems = pages.flatMap(({ code, diagram }) => storyProblems(code, diagram, rawExchangeFor(code)));
  expect(problems).toEqual([]);
});

const diagram = (response: string, request = "GET /api/status/429"): DiagramData => ({
  title: "t",
  description: "d",
  source: `sequenceDiagram\n  participant C as Client\n  participant S as Server\n  C->>S: ${request}\n  S-->>C: ${response}`,
});
const exchange = [
  "GET /api/status/429 HTTP/1.1",
  "Host: localhost:4321",
  "",
  "HTTP/1.1 429 Too Many Requests",
  "Content-Type: application/json",
  "Retry-After: 30",
  "",
  "{}",
].join("\n");

test("the 429 page as it was (problem+json drawn, JSON sent) fails; the same status and media type pass", () => {
  const before = diagram("{{response}}<br/>Content-Type: application/problem+json", "GET /api/search?q=teapot");
  expect(storyProblems(429, before, exchange)).toEqual([
    "429: the diagram shows Content-Type: application/problem+json, the exchange Content-Type: application/json",
  ]);
  const after = diagram("{{response}}<br/>Content-Type: application/json; charset=utf-8", "GET /api/search?q=teapot");
  expect(storyProblems(429, after, exchange)).toEqual([]);
  // Another status, or a code's own field missing from the exchange, fails.
  expect(storyProblems(503, diagram("{{response}}"), exchange.replace("429 Too Many", "503 Service"))).toEqual([]);
  expect(storyProblems(429, diagram("{{response}}"), exchange.replace(/429 Too Many Requests/, "200 OK"))).toEqual([
    "429: the diagram draws 429, the exchange is 200",
  ]);
  expect(storyProblems(429, diagram("{{response}}"), exchange.replace("Retry-After: 30\n", ""))).toEqual([
    "429: the exchange lacks Retry-After, a field of every 429 here",
  ]);
});

test("a realistic request is named in one sentence, with the fields that are the exchange's own; the same request needs none", () => {
  const realistic = diagram("{{response}}<br/>Cache-Control: no-store", "GET /api/search?q=teapot");
  expect(exchangeSentence(429, realistic, exchange)).toBe(
    "The diagram draws a realistic request (GET /api/search?q=teapot); this exchange is the sandbox's own (GET /api/status/429): the same 429, without the diagram's Cache-Control.",
  );
  expect(exchangeSentence(429, diagram("{{response}}"), exchange)).toBeUndefined();
});

test("a 1xx page's exchange is the final 200 naming the code, and the page says so", () => {
  const interim = diagram("103 Early Hints<br/>Link: </style.css>; rel=preload");
  const final = exchange
    .replace("429 Too Many Requests", "200 OK")
    .replace("Retry-After: 30", "X-Requested-Status: 103");
  expect(storyProblems(103, interim, final)).toEqual([]);
  expect(exchangeSentence(103, interim, final)).toMatch(/^A 103 is an interim response, which the sandbox cannot send/);
  expect(storyProblems(103, interim, final.replace("X-Requested-Status: 103", ""))).toHaveLength(1);
});
