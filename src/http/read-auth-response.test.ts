import { expect, test } from "vitest";
import { readAuthResponse } from "./read-auth-response.ts";

const ids = (status: number, headers: Array<[string, string]>) =>
  readAuthResponse({ status, headers }).findings.map((finding) => finding.id);

test("a 401 with only a Bearer challenge gets a note that browsers show no dialog; Basic or Digest beside it does not", () => {
  expect(ids(401, [["WWW-Authenticate", 'Bearer realm="api"']])).toEqual(["status-401-no-login-dialog"]);
  expect(ids(401, [["WWW-Authenticate", 'Bearer realm="api", Basic realm="api"']])).toEqual([]);
  expect(ids(401, [["WWW-Authenticate", 'Digest realm="a", nonce="n", qop="auth"']])).toEqual([]);
});

test("a 401 without a challenge: the RFC 9110 §15.5.2 error from lintResponse, no challenge read", () => {
  const reading = readAuthResponse({ status: 401, headers: [] });
  expect(reading.findings.map((f) => [f.id, f.rfc.label])).toEqual([
    ["status-401-without-www-authenticate", "RFC 9110 §15.5.2"],
  ]);
  expect(reading.challenges).toEqual([]);
});

test("a malformed challenge: the error, and the offset into the combined value", () => {
  const reading = readAuthResponse({ status: 401, headers: [["WWW-Authenticate", 'Basic realm="a" charset="UTF-8"']] });
  expect(reading.findings.map((f) => f.id)).toEqual(["challenge-unparsable"]);
  expect(reading.parseError).toMatchObject({ field: "WWW-Authenticate", error: { offset: 16 } });
});

test("RFC 9728 §5.1: resource_metadata must be an absolute https URL (http on loopback: a warning)", () => {
  const bearer = (url: string) => ids(401, [["WWW-Authenticate", `Bearer resource_metadata="${url}"`]]);
  expect(bearer("https://api.example/.well-known/oauth-protected-resource")).toEqual(["status-401-no-login-dialog"]);
  expect(bearer("/.well-known/oauth-protected-resource")).toContain("resource-metadata-parameter-not-a-url");
  expect(bearer("http://api.example/x")).toContain("resource-metadata-parameter-not-https");
  expect(bearer("http://127.0.0.1:9/x")).toContain("resource-metadata-parameter-http-loopback");
});

test("a 407 is read from Proxy-Authenticate", () => {
  expect(readAuthResponse({ status: 407, headers: [["Proxy-Authenticate", 'Basic realm="p"']] }).challenges).toEqual([
    { scheme: "Basic", params: { realm: "p" } },
  ]);
});

test("a 64 kB scheme or URL is quoted cut short in the sentences, never whole", () => {
  const long = "A".repeat(65_536);
  for (const finding of readAuthResponse({ status: 401, headers: [["WWW-Authenticate", long]] }).findings) {
    expect(finding.message.length).toBeLessThan(300);
  }
  const url = `http://api.example/${"x".repeat(65_536)}`;
  const findings = readAuthResponse({
    status: 401,
    headers: [["WWW-Authenticate", `Bearer resource_metadata="${url}"`]],
  }).findings;
  expect(findings.map((f) => f.id)).toContain("resource-metadata-parameter-not-https");
  for (const finding of findings) expect(finding.message.length).toBeLessThan(300);
});
