import { expect, test } from "vitest";
import { inspectField, inspectPaste, readBearerToken } from "./inspect-field.ts";

test("a challenge list: each challenge, its scheme explained, every parameter explained with its RFC", () => {
  const report = inspectField(
    "WWW-Authenticate",
    'Basic realm="Lab", charset="UTF-8", Bearer realm="api", error="invalid_token"',
  );
  expect(report.ok).toBe(true);
  if (!report.ok) return;
  expect(report.items.map((item) => item.scheme)).toEqual(["Basic", "Bearer"]);
  expect(report.items[0]?.schemeNote?.rfc.label).toBe("RFC 7617 §2");
  expect(report.items[0]?.params.map((param) => [param.name, param.explanation?.rfc.label])).toEqual([
    ["realm", "RFC 7617 §2"],
    ["charset", "RFC 7617 §2.1"],
  ]);
  expect(report.items[1]?.params.find((param) => param.name === "error")?.explanation?.rfc.label).toBe("RFC 6750 §3.1");
});

test("Digest challenge parameters (nonce, opaque, qop, algorithm, stale, userhash) are all explained", () => {
  const report = inspectField(
    "WWW-Authenticate",
    'Digest realm="Lab", nonce="abc", opaque="o", qop="auth", algorithm=SHA-256, stale=true, userhash=false',
  );
  expect(report.ok && report.items[0]?.params.every((param) => param.explanation !== undefined)).toBe(true);
});

test("Basic credentials are decoded to user-id and password", () => {
  const report = inspectField("Authorization", "Basic dXNlcjpwYXNzd2Q=");
  expect(report.ok && report.items[0]?.decoded).toEqual([
    ["user-id (decoded)", "user"],
    ["password (decoded)", "passwd"],
  ]);
  expect(report.ok && report.kind).toBe("credentials");
});

test("a syntax error gives the parser's message and offset, and a lint citing the field's section", () => {
  const report = inspectField("WWW-Authenticate", 'Basic realm="Lab');
  expect(report.ok).toBe(false);
  if (report.ok) return;
  expect(report.error.offset).toBeGreaterThanOrEqual(12);
  expect(report.error.message).toMatch(/quot/i);
  expect(report.findings.map((finding) => finding.rfc.label)).toContain("RFC 9110 §11.6.1");
});

test("lints: a Basic challenge without realm, a bad Bearer token", () => {
  const challenge = inspectField("WWW-Authenticate", "Basic charset=UTF-8");
  expect(challenge.findings.map((finding) => finding.id)).toContain("basic-realm-missing");
  const credentials = inspectField("Authorization", "Bearer a b");
  expect(credentials.ok).toBe(false);
});

test("Proxy-Authenticate is linted as part of a 407, unknown parameters are kept without explanation", () => {
  const report = inspectField("Proxy-Authenticate", 'Basic realm="proxy", flavour=mint');
  expect(report.ok && report.items[0]?.params.find((param) => param.name === "flavour")?.explanation).toBeUndefined();
  expect(report.findings.filter((finding) => finding.severity === "error")).toEqual([]);
});

test("an empty value or 10 kB of garbage is a report, not an exception", () => {
  expect(inspectField("Authorization", "").ok).toBe(false);
  expect(inspectField("WWW-Authenticate", `Basic realm="${"x".repeat(10_000)}`).ok).toBe(false);
  expect(inspectField("WWW-Authenticate", 'Basic realm="€"').ok).toBe(false);
});

test("a pasted whole field line is split into field and value, in any case; other fields are not inspected", () => {
  expect(inspectPaste('www-authenticate:  Basic realm="x"\n', "Authorization")).toMatchObject({
    kind: "field",
    field: "WWW-Authenticate",
    value: 'Basic realm="x"',
    fromLine: true,
  });
  expect(inspectPaste("Proxy-Authorization: Basic abc", "WWW-Authenticate")).toMatchObject({
    field: "Proxy-Authorization",
    value: "Basic abc",
  });
  expect(inspectPaste('Basic realm="x"', "WWW-Authenticate")).toMatchObject({
    fromLine: false,
    value: 'Basic realm="x"',
  });
  expect(inspectPaste("X-Other: 1", "WWW-Authenticate").kind).toBe("error");
});

test("pasted text: one field (folded as RFC 7617 prints it) is inspected as a value; whole responses get the probe's findings", async () => {
  const { rfc7617Challenge, rfc7616Challenge, curlIncludeNoChallenge, harFile } =
    await import("../../tests/fixtures/pasted-examples.ts");
  const basic = inspectPaste(rfc7617Challenge, "Authorization");
  expect(basic).toMatchObject({
    kind: "field",
    field: "WWW-Authenticate",
    value: 'Basic realm="foo", charset="UTF-8"',
  });
  expect(basic.kind === "field" && basic.report.findings).toEqual([]);

  const digest = inspectPaste(rfc7616Challenge, "WWW-Authenticate");
  expect(digest.kind === "responses" && digest.responses[0]?.items.map((item) => item.scheme)).toEqual([
    "Digest",
    "Digest",
  ]);
  expect(digest.kind === "responses" && digest.responses[0]?.reading.findings).toEqual([]);

  const missing = inspectPaste(curlIncludeNoChallenge, "WWW-Authenticate");
  expect(missing.kind === "responses" && missing.responses[0]?.reading.findings.map((f) => f.id)).toEqual([
    "status-401-without-www-authenticate",
  ]);
  const har = inspectPaste(harFile, "WWW-Authenticate");
  expect(har.kind === "responses" && har.responses.map((r) => r.reading.parseError?.error.offset)).toEqual([
    29,
    undefined,
  ]);
});

test("pasted field lines without a status line are read as a 401's fields; fields that are not about authentication get a sentence", () => {
  const two = inspectPaste('WWW-Authenticate: Basic realm="a"\nWWW-Authenticate: Bearer', "Authorization");
  expect(two.kind === "responses" && two.responses[0]?.response.status).toBe(401);
  expect(inspectPaste("Content-Type: text/html", "WWW-Authenticate")).toMatchObject({
    kind: "error",
    message: expect.stringContaining("Content-Type"),
  });
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

test("a JWT bearer token is decoded to its header and claims, never repeated raw", () => {
  const token = `${b64url({ alg: "ES256", typ: "at+jwt" })}.${b64url({ sub: "demo", scope: "read", exp: 1_800_000_000 })}.c2ln`;
  const report = inspectField("Authorization", `Bearer ${token}`);
  const decoded = report.ok ? report.items[0]?.decoded : [];
  expect(decoded?.map(([label]) => label)).toEqual([
    "JWT header (decoded, not verified)",
    "JWT claims (decoded, not verified)",
    "JWT times (UTC)",
  ]);
  expect(JSON.parse(decoded?.[1]?.[1] ?? "{}")).toEqual({ sub: "demo", scope: "read", exp: 1_800_000_000 });
  expect(decoded?.[2]?.[1]).toBe("exp: 2027-01-15T08:00:00.000Z");
  expect(decoded?.some(([, value]) => value.includes(token))).toBe(false);
});

test("an opaque bearer token is said to be opaque, not repeated", () => {
  const report = inspectField("Authorization", "Bearer demo-read-only");
  const decoded = report.ok ? report.items[0]?.decoded : [];
  expect(decoded).toHaveLength(1);
  expect(decoded?.[0]?.[1]).toMatch(/^Opaque: not a JWT/);
  expect(decoded?.[0]?.[1]).not.toContain("demo-read-only");
  // Three parts that are not base64url JSON are not a JWT either.
  expect(readBearerToken("a.b.c")[0]?.[1]).toMatch(/^Opaque/);
});

test("a pasted HTTP/2 response keeps its version; HTTP/1.1 keeps its reason phrase", () => {
  const h2 = inspectPaste('HTTP/2 401\r\nwww-authenticate: Basic realm="x"\r\n', "WWW-Authenticate");
  expect(h2.kind === "responses" && h2.responses[0]?.raw.split("\r\n")[0]).toBe("HTTP/2 401");
  const h11 = inspectPaste('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="x"\r\n', "WWW-Authenticate");
  expect(h11.kind === "responses" && h11.responses[0]?.raw.split("\r\n")[0]).toBe("HTTP/1.1 401 Unauthorized");
});

test("a pasted exchange gets the probe's status-code checks: a 304 held to the 200 before it, a 405 to its Allow", () => {
  const ids = (text: string) => {
    const paste = inspectPaste(text, "WWW-Authenticate");
    return paste.kind === "responses" ? paste.responses.map((r) => r.reading.findings.map((f) => f.id)) : [];
  };
  const ok = 'HTTP/1.1 200 OK\r\nETag: "v1"\r\nCache-Control: max-age=60\r\n\r\n';
  const har = (second: Array<{ name: string; value: string }>) =>
    JSON.stringify({
      log: {
        entries: [
          {
            request: { method: "GET", url: "https://a.example/x" },
            response: { status: 200, statusText: "OK", headers: [{ name: "ETag", value: '"v1"' }] },
          },
          {
            request: { method: "GET", url: "https://a.example/x" },
            response: { status: 304, statusText: "Not Modified", headers: second },
          },
        ],
      },
    });
  expect(ids(har([]))).toEqual([[], ["fields-missing-on-304"]]);
  expect(ids(har([{ name: "ETag", value: '"v1"' }]))).toEqual([[], []]);
  expect(ids("HTTP/1.1 405 Method Not Allowed\r\n\r\n")).toEqual([["allow-missing"]]);
  expect(ids("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n\r\n")).toEqual([[]]);
  expect(ids(ok)).toEqual([[]]);
});
