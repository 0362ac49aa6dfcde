import { expect, test } from "vitest";
import {
  curlIncludeNoChallenge,
  curlVerboseBearer,
  harFile,
  rfc7616Challenge,
  rfc7616Credentials,
  rfc7617Challenge,
  rfc7617Credentials,
} from "../fixtures/pasted-examples.ts";
import { parseChallenges, parseCredentials, readPaste } from "../../src/http/index.ts";

test("RFC 7616 §3.9.1's 401 as printed: two folded WWW-Authenticate lines, unfolded with one SP per fold (RFC 9112 §5.2)", () => {
  const paste = readPaste(rfc7616Challenge);
  expect(paste.kind).toBe("responses");
  if (paste.kind !== "responses") return;
  expect(paste.format).toBe("curl -i");
  const [response] = paste.responses;
  expect(response?.status).toBe(401);
  expect(response?.statusText).toBe("Unauthorized");
  expect(response?.headers.map(([name]) => name)).toEqual(["WWW-Authenticate", "WWW-Authenticate"]);
  expect(response?.headers[0]?.[1]).toBe(
    'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  );
  expect(parseChallenges(response!.headers[1]![1]).ok).toBe(true);
});

test("RFC 7616 §3.9.1's credentials and RFC 7617 §2.1's examples as printed: one field each, which parses", () => {
  const digest = readPaste(rfc7616Credentials);
  expect(digest.kind).toBe("fields");
  if (digest.kind !== "fields") return;
  expect(digest.fields).toHaveLength(1);
  const parsed = parseCredentials(digest.fields[0]![1]);
  expect(parsed.ok && parsed.credentials.params["response"]).toBe(
    "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
  );
  expect(readPaste(rfc7617Challenge)).toEqual({
    kind: "fields",
    fields: [["WWW-Authenticate", 'Basic realm="foo", charset="UTF-8"']],
  });
  expect(readPaste(rfc7617Credentials)).toEqual({
    kind: "fields",
    fields: [["Authorization", "Basic dGVzdDoxMjPCow=="]],
  });
});

test("a bare value folded over lines becomes one line; a one-line value is left alone", () => {
  expect(readPaste('Digest realm="a",\n   nonce="n",\n   qop="auth"')).toEqual({
    kind: "value",
    value: 'Digest realm="a", nonce="n", qop="auth"',
  });
  expect(readPaste('Basic realm="x"')).toEqual({ kind: "value", value: 'Basic realm="x"' });
});

test("curl -i: status line, fields, the body skipped; several responses in a row (curl -i -L)", () => {
  const paste = readPaste(`${curlIncludeNoChallenge}\r\nHTTP/2 200\r\nserver: x\r\n\r\nok\r\n`);
  expect(paste.kind === "responses" && paste.responses.map((r) => [r.status, r.headers.length])).toEqual([
    [401, 2],
    [200, 1],
  ]);
});

test("curl -v: only the '< ' lines are the response; the request line gives the URL", () => {
  const paste = readPaste(curlVerboseBearer);
  expect(paste.kind === "responses" && paste.format).toBe("curl -v");
  if (paste.kind !== "responses") return;
  expect(paste.responses).toHaveLength(1);
  expect(paste.responses[0]?.url).toBe("api.example:8080/mcp");
  expect(paste.responses[0]?.headers[0]).toEqual([
    "WWW-Authenticate",
    'Bearer resource_metadata="https://api.example/.well-known/oauth-protected-resource/mcp", scope="files:read"',
  ]);
});

test("HAR: every entry's response with its URL; broken JSON or a JSON that is no HAR gets a sentence", () => {
  const paste = readPaste(harFile);
  expect(paste.kind === "responses" && paste.responses.map((r) => [r.status, r.url])).toEqual([
    [401, "https://api.example/private"],
    [200, "https://api.example/public"],
  ]);
  expect(readPaste('{"log": ').kind).toBe("error");
  expect(readPaste('{"log": {}}')).toEqual({ kind: "error", message: expect.stringContaining("log.entries") });
  expect(readPaste('{"log": {"entries": [{"response": {}}]}}')).toEqual({
    kind: "error",
    message: expect.stringContaining("no entry"),
  });
});
