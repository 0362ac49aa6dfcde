// The structure rules of `npm run structure` (scripts/structure-rules.ts), each on small fixtures:
// the case it must report and its neighbour it must not.
import { describe, expect, test } from "vitest";
import {
  basePathsByHand,
  castsOfParsedData,
  deadFileMentions,
  functionSpans,
  functionsTooLong,
  reasonPhraseLiterals,
  reasonPhrases,
  testsWithoutModule,
} from "../../scripts/structure-rules.ts";

const body = (lines: number) => Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join("\n");

describe("function length", () => {
  test("measures a function's whole span, nested functions included, and names it", () => {
    const text = `export function long() {\n  const inner = () => {\n${body(80)}\n  };\n  return inner;\n}\n`;
    const [span] = functionSpans([{ path: "src/a.ts", text }]);
    expect(span).toEqual({ path: "src/a.ts", line: 1, name: "long", lines: 85 });
  });

  test("80 lines pass and 81 fail", () => {
    const of = (lines: number) => `function f() {\n${body(lines - 2)}\n}\n`;
    expect(functionsTooLong(functionSpans([{ path: "src/a.ts", text: of(80) }]))).toEqual([]);
    expect(functionsTooLong(functionSpans([{ path: "src/a.ts", text: of(81) }]))).toEqual([
      { path: "src/a.ts", line: 1, message: "f: 81 lines" },
    ]);
  });

  test("measures arrow functions held by a const, methods and callbacks, each on its own", () => {
    const text = [
      `export const arrow = async () => {\n${body(3)}\n};`,
      `class Island extends Base {\n  connectedCallback() {\n${body(2)}\n  }\n  #onClick = () => {};\n}`,
      `register("x", function () {\n  return 1;\n});`,
    ].join("\n");
    const spans = functionSpans([{ path: "src/a.ts", text }]).map(({ name, lines }) => [name, lines]);
    expect(spans).toEqual([
      ["arrow", 5],
      ["Island.connectedCallback", 4],
      ["callback of register", 3],
      ["Island.#onClick", 1],
    ]);
  });

  test("reads an .astro file's front matter and scripts, with true line numbers, and not its markup", () => {
    const text = `---\nconst x = 1;\n---\n<p>{() => 1}</p>\n<script>\n  function tick() {\n${body(2)}\n  }\n</script>\n`;
    expect(functionSpans([{ path: "src/A.astro", text }])).toEqual([
      { path: "src/A.astro", line: 6, name: "tick", lines: 4 },
    ]);
  });
});

describe("test files named after their module", () => {
  test("a test file with its module beside it passes, also with an aspect; one without is reported", () => {
    const paths = [
      "src/http/digest.ts",
      "src/http/digest.test.ts",
      "src/http/digest.server.test.ts",
      "src/http/digest-nonce.test.ts",
      "src/sandbox/digest.test.ts",
      "tests/unit/anything.test.ts",
    ];
    expect(testsWithoutModule(paths)).toEqual(["src/http/digest-nonce.test.ts", "src/sandbox/digest.test.ts"]);
  });
});

describe("comments naming files", () => {
  const repository = ["src/http/digest.ts", "src/http/index.ts", "decisions/probe.md", "README.md"];
  const mentions = (comment: string, facts = {}) =>
    deadFileMentions([{ path: "src/http/lints.ts", text: `${comment}\nexport {};\n` }], repository, facts).map(
      (finding) => finding.message,
    );

  test("a file that exists passes, by root path, by tail, beside the comment or relative", () => {
    expect(
      mentions(
        "// See src/http/digest.ts:71, http/index.ts, digest.ts, ./index.ts, ../../decisions/probe.md, README.md.",
      ),
    ).toEqual([]);
  });

  test("a deleted file is reported, with its line number, in line and block comments", () => {
    expect(mentions("// as digest-server.ts:71 does\n/** see decisions/gone.md */")).toEqual([
      "names digest-server.ts:71, which does not exist",
      "names decisions/gone.md, which does not exist",
    ]);
  });

  test("URLs, globs, templates, calls, products and a machine's own files are not repository names", () => {
    expect(
      mentions(
        "// https://example.com/x/gone.ts, *.spec.ts, <code>.mdx, response.json(), Node.js, apache2.conf, `${name}.ts`",
      ),
    ).toEqual([]);
  });

  test("generated output and a dependency's files pass only when the repository says so", () => {
    const comment = "// writes bench-results/bench.json; compares statuses/codes.json";
    expect(mentions(comment)).toHaveLength(2);
    expect(mentions(comment, { isGenerated: (p: string) => p.startsWith("bench-results/") })).toHaveLength(1);
    expect(
      mentions(comment, { isGenerated: () => true, inDependency: (p: string) => p === "statuses/codes.json" }),
    ).toEqual([]);
  });

  test("an installed package named by its bare name passes only when it is installed", () => {
    const comment = "// parsed with ipaddr.js";
    expect(mentions(comment)).toEqual(["names ipaddr.js, which does not exist"]);
    expect(mentions(comment, { inDependency: (p: string) => p === "ipaddr.js" })).toEqual([]);
  });

  test("string literals are not comments", () => {
    expect(
      deadFileMentions([{ path: "src/a.ts", text: 'const x = "gone.ts"; // fine\n' }], repository).map((f) => f.line),
    ).toEqual([]);
  });
});

describe("one home for reason phrases, base paths and parsed data", () => {
  const phrases = reasonPhrases(
    JSON.stringify({
      codes: [
        { code: 404, reasonPhrase: "Not Found" },
        { code: 306, reasonPhrase: "(Unused)" },
      ],
    }),
  );

  test("a reason phrase or status line written as a string is reported; prose, src/data and tests pass", () => {
    const text = [
      'const a = "Not Found";',
      "const b = `HTTP/1.1 404 Not Found`;",
      'const c = "404 Not Found: the target has no current representation.";',
      'const d = "Not Found here";',
      'const e = "(Unused)";',
    ].join("\n");
    const found = (path: string) => reasonPhraseLiterals([{ path, text }], phrases).map((f) => f.line);
    expect(found("src/sandbox/browser.ts")).toEqual([1, 2]);
    expect(found("src/data/status-registry.ts")).toEqual([]);
    expect(found("src/sandbox/browser.test.ts")).toEqual([]);
  });

  test("a path built from the base by hand is reported; sitePath, other text and site-config.ts pass", () => {
    const text = [
      "const a = `${base}status/401/`;",
      "const b = `${import.meta.env.BASE_URL}api/`;",
      'const c = base + "oauth/";',
      'const d = sitePath(base, "status/");',
      "const e = `BASE_PATH=${base} npm start`;",
      "const f = `${base}-sess`;",
    ].join("\n");
    const found = (path: string) => basePathsByHand([{ path, text }]).map((f) => f.line);
    expect(found("src/components/x.ts")).toEqual([1, 2, 3]);
    expect(found("src/site-config.ts")).toEqual([]);
    expect(found("src/components/x.test.ts")).toEqual([]);
  });

  test("in .astro markup, an href built from the base is reported and the base shown as text is not", () => {
    const text =
      "---\nconst base = import.meta.env.BASE_URL;\n---\n<a href={`${base}401/`}><code>{base}401</code></a>\n";
    expect(basePathsByHand([{ path: "src/pages/a.astro", text }]).map((f) => f.line)).toEqual([4]);
    const shown = "---\nconst base = import.meta.env.BASE_URL;\n---\n<code>{base}401</code>\n";
    expect(basePathsByHand([{ path: "src/pages/a.astro", text: shown }])).toEqual([]);
  });

  test("a cast of parsed data is reported, through await, parentheses, as unknown and a variable", () => {
    const text = [
      "const a = JSON.parse(s) as Step;",
      "const b = (await response.json()) as Report;",
      "const raw = JSON.parse(s) as unknown;",
      "const c = raw as Record<string, unknown>;",
      "const d = (JSON.parse(s) as { v: string }).v;",
    ].join("\n");
    expect(castsOfParsedData([{ path: "src/a.ts", text }]).map((f) => f.line)).toEqual([1, 2, 4, 5]);
  });

  test("as unknown, as const, casts of other values, and casts in tests pass", () => {
    const text = [
      "const a: unknown = JSON.parse(s);",
      "const b = JSON.parse(s) as unknown;",
      "const c = [1, 2] as const;",
      "const d = element as HTMLInputElement;",
      "function f(raw: string) { return raw as Code; }",
      "const raw = JSON.parse(s); function g(raw: string) { return raw as Code; }",
    ].join("\n");
    expect(castsOfParsedData([{ path: "src/a.ts", text }])).toEqual([]);
    expect(castsOfParsedData([{ path: "src/a.test.ts", text: "const a = JSON.parse(s) as Step;" }])).toEqual([]);
  });
});
