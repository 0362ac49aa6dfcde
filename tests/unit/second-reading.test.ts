/**
 * The findings of the second reading (issue 24, decisions/rfc-third-reading.md) that the
 * requirement checker cannot see, each held by what a reader of the page would notice: the old
 * wording gone, the corrected one there. The checker (normative-claims.test.ts) holds the rest.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { root } from "./normative-claims.ts";

const page = (path: string) => readFileSync(`${root}${path}`, "utf8").replace(/\s+/g, " ");

const findings: Array<{ file: string; wrong: RegExp; right: RegExp; source: string }> = [
  {
    file: "src/content/status/403.mdx",
    wrong: /I know(?: who you are)?, and the answer is no|403 admits|Use 403 once identity is settled/,
    right: /for reasons? (?:that may|unrelated|.*nothing to do with credentials)|something else entirely/,
    source: "RFC 9110 §15.5.4: a request might be forbidden for reasons unrelated to the credentials",
  },
  {
    file: "src/content/status/401.mdx",
    wrong: /I know who you are/,
    right: /nothing to do with credentials at all \(RFC 9110 §15\.5\.4\)/,
    source: "RFC 9110 §15.5.4",
  },
  {
    file: "src/content/status/404.mdx",
    wrong: /403 admits/,
    right: /says nothing either way about whether the resource exists/,
    source: "RFC 9110 §15.5.4: only a 404 can hide existence; a 403 asserts nothing about it",
  },
  {
    file: "src/content/lessons/01-basic-handshake.md",
    wrong: /I know who you are/,
    right: /reasons that need not be about credentials/,
    source: "RFC 9110 §15.5.4",
  },
  {
    file: "src/content/lessons/04-401-403-404-407.md",
    wrong: /I know who you are/,
    right: /403: understood, and no/,
    source: "RFC 9110 §15.5.4",
  },
  {
    file: "src/content/status/104.mdx",
    wrong: /expiring 2026-11-13 in the copy this site took|Report progress if you like|201 Created is the final answer/,
    right:
      /the draft recommends 201 Created.*read here on 2026-11-28\).*expires 2026-11-13.*By 2026-12-07, when this page was last revised, that date had passed/,
    source: "IANA registry as taken (src/data/http-status-codes.json); the draft's Upload Append: progress 104s SHOULD",
  },
  {
    file: "src/content/status/308.mdx",
    wrong: /only after 301 and 302|user is editing content over a secured connection/,
    right: /a 303 asks for a GET by definition.*trusted authority for the content being edited/,
    source: "RFC 9110 §15.4.4 (303 retrieves with GET), §15.4.9 (the three conditions of re-linking)",
  },
  {
    file: "src/content/status/402.mdx",
    wrong: /Prefer registered codes/,
    right: /registered but "reserved for future use"/,
    source: "RFC 9110 §15.5.3; the IANA registry lists 402",
  },
  {
    file: "src/content/status/413.mdx",
    wrong: /It means the limit is temporary/,
    right: /rfc9110#section-15\.5\.14.*as nginx's documentation says/,
    source: "RFC 9110 §15.5.14; nginx's documentation for client_max_body_size",
  },
  {
    file: "src/content/status/302.mdx",
    wrong: /browsers of the time followed a redirected POST with a GET, and that practice won/,
    right: /Early user agents split .* practice converged on GET/,
    source: "RFC 9110 §15.4 (the note on HTTP/1.0's 301 and 302)",
  },
  {
    file: "src/content/status/301.mdx",
    wrong: /user is editing content over a secured connection/,
    right: /trusted authority for the content being edited/,
    source: "RFC 9110 §15.4.2",
  },
  {
    file: "src/content/status/401.mdx",
    wrong: /A 401 always comes from the origin server/,
    right: /or from a gateway \(reverse proxy\) that acts as the origin server for the client \(RFC 9110 §3\.7\)/,
    source: "RFC 9110 §3.7",
  },
  {
    file: "examples/103/nginx.conf",
    wrong: /^(?![\s\S]*1\.29\.0)/,
    right: /nginx 1\.29\.0 .*https:\/\/nginx\.org\/en\/CHANGES.*Not tried here/,
    source: "nginx's changelog, Changes with nginx 1.29.0",
  },
];

test.each(findings.map((finding) => [finding.file, finding] as const))(
  "%s: the second reading's correction stands",
  (_file, { file, wrong, right }) => {
    const text = page(file);
    expect(text).not.toMatch(wrong);
    expect(text).toMatch(right);
  },
);

test("the patterns catch the old wording (the neighbour that must fail)", () => {
  expect('403 means "I know who you are, and the answer is no"').toMatch(findings[0]!.wrong);
  expect("RFC 9110 allows a user agent to turn a POST into a GET only after 301 and 302").toMatch(findings[6]!.wrong);
  expect("- **Prefer registered codes.** If the request").toMatch(findings[7]!.wrong);
  expect("# nginx 1.22 cannot send 103 Early Hints").toMatch(findings.at(-1)!.wrong);
  expect("(RFC 9110 §15.5.8). A 401 always comes from the origin server.").toMatch(findings[11]!.wrong);
});
