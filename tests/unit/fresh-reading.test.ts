/**
 * The findings of the fresh reader's pass (issue 24, point 2; decisions/rfc-third-reading.md,
 * "The fresh reading"), each held by what a reader would notice: the old wording gone, the
 * corrected one there, and the pattern for the old wording shown to catch the sentence it
 * replaced (the neighbour that must fail). The sentences with a bold keyword and a section (103's
 * user agent, lesson 5's metadata check) are also held by the requirement checker
 * (normative-claims.test.ts); the lint texts are checked through the functions that show them.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { lintProtectedResourceMetadata } from "../../src/http/lint-oauth-metadata.ts";
import { explainParam } from "../../src/http/lints.ts";
import { root } from "./normative-claims.ts";

const page = (path: string) => readFileSync(`${root}${path}`, "utf8").replace(/\s+/g, " ");

const findings: Array<{ file: string; old: string; wrong: RegExp; right: RegExp; source: string }> = [
  {
    file: "src/content/status/103.mdx",
    old: "A client that ignores unexpected 1xx responses, as RFC 9110 allows, simply waits",
    wrong: /A client that ignores unexpected 1xx responses, as RFC 9110 allows/,
    right:
      /A user agent \*\*may\*\* ignore a 1xx it did not expect.*must still parse the 103.*proxy on the way must forward it/,
    source:
      "RFC 9110 §15.2: a user agent MAY ignore unexpected 1xx; a client MUST parse them; a proxy MUST forward them",
  },
  {
    file: "src/content/status/101.mdx",
    old: "If the request was a GET, the server then answers it in the new protocol",
    wrong: /If the request was a GET, the server then answers it/,
    right: /still owes an answer to the request that carried `Upgrade`, whatever its method/,
    source: "RFC 9110 §7.8: the server answers the original request in the new protocol; a GET is the example",
  },
  {
    file: "src/content/status/200.mdx",
    old: "content on success. A 200 is expected to carry content, unless its framing says the length is zero.",
    wrong: /success\. A 200 is expected to carry content/,
    right: /Apart from a 200 to CONNECT, which opens a tunnel, a 200 is expected to carry content/,
    source: "RFC 9110 §15.3.1: aside from responses to CONNECT",
  },
  {
    file: "src/content/status/204.mdx",
    old: "difference: >- A 200 is expected to carry content (RFC 9110 §15.3.1).",
    wrong: />- A 200 is expected to carry content/,
    right: /Apart from a 200 to CONNECT, a 200 is expected to carry content \(RFC 9110 §15\.3\.1\)/,
    source: "RFC 9110 §15.3.1: aside from responses to CONNECT",
  },
  {
    file: "src/content/status/405.mdx",
    old: "403 refuses this client; 405 refuses this method for everyone",
    wrong: /403 refuses this client/,
    right:
      /403 refuses the request, for whatever reason the server has, which need not be about who sent it \(RFC 9110 §15\.5\.4\)/,
    source: "RFC 9110 §15.5.4: forbidden for reasons unrelated to the credentials",
  },
  {
    file: "src/content/status/423.mdx",
    old: "403 is a refusal whatever the client does; a 423 goes away",
    wrong: /403 is a refusal whatever the client does/,
    right: /same credentials will not change \(other credentials may, RFC 9110 §15\.5\.4\)/,
    source: "RFC 9110 §15.5.4: the client MAY repeat the request with new or different credentials",
  },
  {
    file: "src/content/status/416.mdx",
    old: 'For byte ranges, "no overlap" means every range starts at or beyond the current length; the server _should_ then send a `Content-Range` field',
    wrong: /the current length; the server _should_ then send/,
    right:
      /Whenever it answers a byte-range request with 416, for either reason, the server _should_ send a `Content-Range`/,
    source: "RFC 9110 §15.5.17: when a 416 is generated in response to a byte-range request",
  },
  {
    file: "src/content/status/305.mdx",
    old: "modern browsers show an error page instead of switching proxy.",
    wrong: /browsers show an error page instead of switching proxy/,
    right: /Fetch standard follows only 301, 302, 303, 307 and 308.*shows whatever content came with it/,
    source: "WHATWG Fetch, redirect status (301, 302, 303, 307, 308)",
  },
  {
    file: "src/content/status/520.mdx",
    old: 'Cloudflare names it "Web server returned an unknown error".',
    wrong: /Cloudflare names it "Web server returned an unknown error"/,
    right: /Cloudflare's documentation calls it "web server returns an unknown error"/,
    source: "Cloudflare's documentation, Error 520",
  },
  {
    file: "src/content/lessons/01-basic-handshake.md",
    old: "refuses: `403 Forbidden`, with no challenge, because new credentials would not help.",
    wrong: /because new credentials would not help/,
    right: /because the same credentials sent again would not help; only the user `admin`'s would/,
    source: "RFC 9110 §15.5.4: the client MAY repeat the request with new or different credentials",
  },
  {
    file: "src/content/lessons/05-discovery-and-tokens.md",
    old: "A careful client compares resource with the URL it asked for and drops a document",
    wrong: /A careful client compares resource/,
    right: /a client \*\*must not\*\* use a document that names another resource \(RFC 9728 §3\.3\)/,
    source: "RFC 9728 §3.3: metadata whose resource does not match MUST NOT be used",
  },
  {
    file: "src/content/lessons/05-discovery-and-tokens.md",
    old: "Token endpoint errors are JSON with a 400, not challenges: the client is talking",
    wrong: /Token endpoint errors are JSON with a 400, not challenges/,
    right:
      /invalid_client, which comes as a 401 with a challenge when the client authenticated with the Authorization field \(RFC 6749 §5\.2\)/,
    source:
      "RFC 6749 §5.2: 400 unless specified otherwise; invalid_client is 401 with WWW-Authenticate after Authorization-field client authentication",
  },
];

test.each(findings.map((finding, index) => [`${finding.file} #${index}`, finding] as const))(
  "%s: the fresh reading's correction stands, and its pattern catches the old wording",
  (_name, { file, old, wrong, right }) => {
    expect(old).toMatch(wrong);
    const text = page(file);
    expect(text).not.toMatch(wrong);
    expect(text).toMatch(right);
  },
);

test("the Bearer error tooltip gives the no-authentication case as a SHOULD NOT, not as a fact", () => {
  const text = explainParam("Bearer", "error")?.text ?? "";
  expect(text).not.toMatch(/Absent when no token was sent/);
  expect(text).toMatch(
    /Should be absent when the request carried no authentication at all \(RFC 6750 §3\.1: SHOULD NOT\)/,
  );
});

test("the token-in-query warning keeps RFC 6750 §2.3's condition", () => {
  const resource = "https://api.example/mcp";
  const lint = (methods: string[]) =>
    lintProtectedResourceMetadata(
      {
        url: "https://api.example/.well-known/oauth-protected-resource/mcp",
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          resource,
          authorization_servers: ["https://as.example"],
          bearer_methods_supported: methods,
        }),
      },
      resource,
    ).findings.filter((finding) => finding.id === "resource-metadata-token-in-query");
  const [warning] = lint(["header", "query"]);
  expect(warning?.message).toMatch(
    /SHOULD NOT send it that way unless neither the Authorization field nor the request body can carry it/,
  );
  expect(warning?.rfc.label).toBe("RFC 6750 §2.3");
  expect(lint(["header"])).toEqual([]);
});

/** Server and tool behaviour the pages described without a version: now named, and tried here. */
const versions: Array<{ file: string; old: string; wrong: RegExp; right: RegExp; heldBy: string }> = [
  {
    file: "src/content/status/501.mdx",
    old: "- **WebDAV method on a plain web server.** `PROPFIND` to a server without WebDAV support gets 501.",
    wrong: /`PROPFIND` to a server without WebDAV support gets 501/,
    right:
      /Apache httpd 2\.4\.71 answers an invented method such as `BREW` with 501\. A `PROPFIND` .* gets 405, not 501/,
    heldBy: "examples/501/apache.conf (server-configs.test.ts)",
  },
  {
    file: "src/content/status/405.mdx",
    old: "A `POST` to a file served by a static web server gets 405: the server serves files",
    wrong: /A `POST` to a file served by a static web server gets 405/,
    right:
      /nginx 1\.22\.1 answers a `POST` to a static file with 405.*Apache httpd 2\.4\.71 answers the same request with 200/,
    heldBy: "examples/405/nginx.conf and apache.conf (server-configs.test.ts)",
  },
  {
    file: "src/content/status/417.mdx",
    old: "A client sends `Expect: x-fast-path`; an Apache httpd server answers 417",
    wrong: /an Apache httpd server answers 417/,
    right: /Apache httpd \(2\.4\.71, tried here\) answers 417/,
    heldBy: "examples/417/apache.conf (server-configs.test.ts)",
  },
  {
    file: "src/content/status/301.mdx",
    old: "- **Trailing slash.** Apache's `mod_dir` answers `GET /docs` with `301` to `/docs/`",
    wrong: /Apache's `mod_dir` answers/,
    right: /Apache httpd's `mod_dir` \(2\.4\.71, tried here\) answers `GET \/docs` with `301`/,
    heldBy: "examples/301/apache.conf (server-configs.test.ts)",
  },
  {
    file: "src/content/status/100.mdx",
    old: "`curl -T talk.mp4` adds `Expect: 100-continue` to a large HTTP/1.1 upload on its own;",
    wrong: /to a large HTTP\/1\.1 upload on its own/,
    right: /curl 7\.88\.1, tried here, does so for every `-T` upload, whatever its size/,
    heldBy: "tests/integration/curl-expect.test.ts",
  },
];

test.each(versions.map((finding) => [finding.file, finding] as const))(
  "%s: the version is named, the old unversioned wording is gone",
  (_file, { file, old, wrong, right }) => {
    expect(old).toMatch(wrong);
    const text = page(file);
    expect(text).not.toMatch(wrong);
    expect(text).toMatch(right);
  },
);

test("208's 508 condition cites the section that states it (RFC 5842 §7.1), its definition §7.2", () => {
  const old =
    "the client has not said it understands bindings: the whole operation fails because of the loop (RFC 5842 §7.2).";
  const wrong = /has not said it understands bindings: the whole operation/;
  expect(old).toMatch(wrong);
  const text = page("src/content/status/208.mdx");
  expect(text).not.toMatch(wrong);
  expect(text).toMatch(
    /in the DAV request field, that it understands bindings \(RFC 5842 §7\.1\): the whole operation fails because of the loop \(RFC 5842 §7\.2\)/,
  );
});

test("the httpbin page gives the reason-phrase rule its level, and names the httpbin it compares", () => {
  const old = "ours `401 Unauthorized`. Clients ignore the reason phrase ([RFC 9112 §4]";
  const wrong = /Clients ignore the reason phrase/;
  expect(old).toMatch(wrong);
  const text = page("src/content/docs/httpbin.mdx");
  expect(text).not.toMatch(wrong);
  expect(text).toMatch(/A client should ignore the reason phrase, which is not a reliable channel/);
  // The version itself is checked against the installed package by tried-versions.test.ts.
  expect(text).toMatch(/`python3-httpbin` \(httpbin 0\.7\.0, tried here;/);
});
