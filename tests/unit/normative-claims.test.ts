import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import {
  claimProblems,
  extract,
  extractAll,
  foldLevel,
  mentionProblems,
  root,
  sourceFiles,
  type RequirementTable,
} from "./normative-claims.ts";

const table = JSON.parse(readFileSync(`${root}tests/data/rfc-requirements.json`, "utf8")) as RequirementTable;
const levels = new Set(["MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"]);

/** Problems of one planted text, read as if it were the file at `path`. */
function problemsOf(path: string, text: string): string[] {
  const { claims, mentions } = extract(`${root}${path}`, text);
  return [
    ...claims.flatMap((claim) => claimProblems(claim, table)),
    ...mentions.flatMap((mention) => mentionProblems(mention, table)),
  ];
}

test("the table of requirements is well-formed: known RFCs, RFC 2119 levels, a subject, no duplicate row", () => {
  const seen = new Set<string>();
  for (const row of table.requirements) {
    expect(table.rfcs[String(row.rfc)], `RFC ${row.rfc} is described in "rfcs"`).toBeDefined();
    expect(levels.has(foldLevel(row.level) ?? ""), `${row.rfc} §${row.section}: level ${row.level}`).toBe(true);
    expect(row.subject.length, `${row.rfc} §${row.section} has a subject`).toBeGreaterThan(10);
    const key = `${row.rfc} §${row.section} ${row.level} ${row.subject}`;
    expect(seen.has(key), `duplicate row ${key}`).toBe(false);
    seen.add(key);
  }
  for (const [rfc, info] of Object.entries(table.rfcs)) {
    if (info.status === "obsoleted")
      expect(info.obsoletedBy?.length, `RFC ${rfc} says what obsoleted it`).toBeGreaterThan(0);
  }
});

test("every requirement a page, sample, handler note or lint states matches the table at its level and section", () => {
  const files = sourceFiles();
  // The globs reach every kind of source, wherever the files move.
  for (const kind of [
    /^src\/content\/status\/.*\.mdx$/,
    /^src\/content\/lessons\//,
    /^examples\/.*\.conf$/,
    /^src\/http\/lints\.ts$/,
  ]) {
    expect(
      files.some((file) => kind.test(file)),
      String(kind),
    ).toBe(true);
  }
  const { claims, mentions } = extractAll(files);
  expect(claims.length).toBeGreaterThan(150);
  const problems = [
    ...claims.flatMap((claim) => claimProblems(claim, table)),
    ...mentions.flatMap((mention) => mentionProblems(mention, table)),
  ];
  expect(problems).toEqual([]);
});

test("a planted wrong level is reported", () => {
  const right =
    "- A server **must not** generate content in a 205 ([RFC 9110 §15.3.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6)).";
  expect(problemsOf("src/content/status/205.mdx", right)).toEqual([]);
  const wrong = right.replace("**must not**", "**should not**");
  expect(problemsOf("src/content/status/205.mdx", wrong).join("\n")).toMatch(
    /says should not, but RFC 9110 §15\.3\.6 has MUST NOT/,
  );
  // In capitals, in a handler's note, the same.
  const note = `note: "A 405 MAY carry Allow with the methods the resource supports (RFC 9110 §15.5.6).",`;
  expect(problemsOf("src/sandbox/scenarios/status-response.ts", note).join("\n")).toMatch(
    /says MAY, but RFC 9110 §15\.5\.6 has MUST/,
  );
});

test("a planted wrong section is reported", () => {
  const wrong = "A 401 MUST carry WWW-Authenticate with at least one challenge (RFC 9110 §15.5.3).";
  expect(problemsOf("src/sandbox/scenarios/status-response.ts", `note: "${wrong}",`).join("\n")).toMatch(
    /no requirement of RFC 9110 §15\.5\.3 is in the table/,
  );
  // A section computed from a lookup table is checked for every value the table holds.
  const computed = [
    'const sections = { 301: "15.4.2", 303: "15.4.4" };',
    'note: `The server SHOULD send Location (RFC 9110 §${sections[status] ?? "15.4"}).`,',
  ].join("\n");
  expect(problemsOf("src/sandbox/x.ts", computed).join("\n")).toMatch(/RFC 9110 §15\.4\.4/);
});

test("a requirement without a cited section is reported", () => {
  expect(problemsOf("src/content/status/301.mdx", "The server **should** send `Location`.").join("\n")).toMatch(
    /should cites no RFC section/,
  );
});

test("an obsoleted RFC cited as authority is reported; the same RFC named as history is not", () => {
  const authority = "A server **should** send the close connection option with a 408 (RFC 7231 §6.5.7).";
  expect(problemsOf("src/content/status/408.mdx", authority).join("\n")).toMatch(
    /rests on RFC 7231, which is obsoleted \(by RFC 9110\)/,
  );
  const history =
    "RFC 7231 said a server **should** send the close connection option with a 408 (RFC 7231 §6.5.7); RFC 9110 dropped that.";
  expect(problemsOf("src/content/status/408.mdx", history)).toEqual([]);
  const mention = "Request Entity Too Large is the reason phrase RFC 2616 uses.";
  expect(problemsOf("examples/413/nginx.conf", `# ${mention}\n`).join("\n")).toMatch(
    /cites RFC 2616 \(not current\) without marking it as history/,
  );
  expect(problemsOf("examples/413/nginx.conf", '# RFC 2616 called 413 "Request Entity Too Large".\n')).toEqual([]);
});

test("the table says who must act, on which message, under what condition, in our words", () => {
  const who = new Set([
    "client",
    "user agent",
    "origin server",
    "server",
    "resource server",
    "authorization server",
    "cache",
    "proxy",
    "intermediary",
    "sender",
    "any recipient",
  ]);
  for (const row of table.requirements) {
    expect(who.has(row.who), `${row.rfc} §${row.section}: who "${row.who}"`).toBe(true);
    expect(row.message.length, `${row.rfc} §${row.section} names its message`).toBeGreaterThan(3);
    expect(row.condition.length, `${row.rfc} §${row.section} names its condition`).toBeGreaterThan(3);
  }
  // RFC 1945 is Informational (never obsoleted, never Historic); RFC 2774 is Historic.
  expect(table.rfcs["1945"]?.status).toBe("informational");
  expect(table.rfcs["2774"]?.status).toBe("historic");
});

test("a planted sentence that gives a server's duty to a client is reported; the server's own is not", () => {
  const cite = "([RFC 9110 §15.3.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6))";
  expect(
    problemsOf("src/content/status/205.mdx", `- A server **must not** generate content in a 205 ${cite}.`),
  ).toEqual([]);
  expect(
    problemsOf("src/content/status/205.mdx", `- A client **must not** generate content in a 205 ${cite}.`).join("\n"),
  ).toMatch(/gives "client" a duty that RFC 9110 §15\.3\.6 \(MUST NOT\) puts on the server \(a 205 response; always\)/);
  // A second keyword in the same sentence without a subject of its own shares the first one's.
  const shared = (who: string) =>
    `- A ${who} **must** answer at once, and **must not** generate content in a 205 ${cite}.`;
  expect(problemsOf("src/content/status/205.mdx", shared("server")).join("\n")).not.toMatch(/gives/);
  expect(problemsOf("src/content/status/205.mdx", shared("client")).join("\n")).toMatch(/gives "client" a duty/);
  // The other way: a client's duty (RFC 8470 §5.2, the retry) given to a server.
  const retry = "(RFC 8470 §5.2)";
  expect(
    problemsOf("src/content/status/425.mdx", `A user agent's retry **must not** be sent in early data ${retry}.`),
  ).toEqual([]);
  expect(
    problemsOf("src/content/status/425.mdx", `A server **must not** send its retry in early data ${retry}.`).join("\n"),
  ).toMatch(/gives "server" a duty that RFC 8470 §5\.2 \(MUST NOT\) puts on the user agent/);
  // A passive sentence names its actor after "by": a cache, not the server, stores.
  expect(problemsOf("src/content/status/429.mdx", "A 429 **must not** be stored by a cache (RFC 6585 §4).")).toEqual(
    [],
  );
  expect(
    problemsOf("src/content/status/429.mdx", "A 429 **must not** be stored by a client (RFC 6585 §4).").join("\n"),
  ).toMatch(/gives "by client" a duty that RFC 6585 §4 \(MUST NOT\) puts on the cache/);
  // The 425 finding of issue 24: the server's SHOULD NOT stated as the server's passes.
  expect(
    problemsOf(
      "src/content/status/425.mdx",
      "A server **should not** emit 425 unless the request was sent in early data or carried `Early-Data: 1` (RFC 8470 §5.2).",
    ),
  ).toEqual([]);
});

test("a row that asks for its condition is reported when the paragraph leaves it out", () => {
  const link =
    '([draft, "Upload Creation"](https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-resumable-upload))';
  const rule = `- Where the responses must carry the same \`Location\`, the client **should** verify that they do ${link}.`;
  expect(problemsOf("src/content/status/104.mdx", rule).join("\n")).toMatch(
    /states draft-ietf-httpbis-resumable-upload §Upload Creation \(SHOULD\) without its condition: .*Upload-Complete: \?1 are exempt/,
  );
  const exempt = `${rule} A final response with \`Upload-Complete: ?1\` is exempt.`;
  expect(problemsOf("src/content/status/104.mdx", exempt)).toEqual([]);
});
