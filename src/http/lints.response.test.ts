import { expect, test } from "vitest";
import { lintResponse } from "./lints.ts";

const ids = (status: number, headers: Array<[string, string]>) => lintResponse({ status, headers }).map((f) => f.id);

test("a 401 without WWW-Authenticate breaks a MUST (RFC 9110 §15.5.2)", () => {
  const [finding] = lintResponse({ status: 401, headers: [["Content-Type", "text/plain"]] });
  expect(finding).toEqual({
    id: "status-401-without-www-authenticate",
    severity: "error",
    message: expect.stringContaining("MUST"),
    rfc: { label: "RFC 9110 §15.5.2", url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2" },
  });
});

test("a 401 whose WWW-Authenticate holds no challenge", () => {
  expect(ids(401, [["WWW-Authenticate", " , "]])).toEqual(["status-401-empty-www-authenticate"]);
});

test("a 407 without Proxy-Authenticate (RFC 9110 §15.5.8)", () => {
  const findings = lintResponse({ status: 407, headers: [] });
  expect(findings.map((f) => [f.id, f.rfc.label])).toEqual([
    ["status-407-without-proxy-authenticate", "RFC 9110 §15.5.8"],
  ]);
});

test("a correct 401 and a correct 407 have no findings; names are case-insensitive", () => {
  expect(ids(401, [["www-authenticate", 'Basic realm="x", charset="UTF-8"']])).toEqual([]);
  expect(ids(407, [["PROXY-AUTHENTICATE", 'Basic realm="proxy"']])).toEqual([]);
});

test("several field lines are combined with a comma (RFC 9110 §5.3)", () => {
  expect(
    ids(401, [
      ["WWW-Authenticate", 'Basic realm="a"'],
      ["WWW-Authenticate", 'Bearer realm="b"'],
    ]),
  ).toEqual([]);
  // Combined, the second line's realm continues the Basic challenge of the first.
  expect(
    ids(401, [
      ["WWW-Authenticate", 'Basic realm="a"'],
      ["WWW-Authenticate", 'realm="b"'],
    ]),
  ).toEqual(["parameter-duplicated"]);
});

test("an unparsable challenge reports the parser's sentence and offset", () => {
  const [finding] = lintResponse({ status: 401, headers: [["WWW-Authenticate", 'Basic realm"x"']] });
  expect(finding?.id).toBe("challenge-unparsable");
  expect(finding?.message).toContain("at character 12");
  expect(finding?.rfc.label).toBe("RFC 9110 §11.6.1");
  expect(lintResponse({ status: 407, headers: [["Proxy-Authenticate", "@"]] })[0]?.rfc.label).toBe("RFC 9110 §11.7.1");
});

test("duplicated parameter, token68 mixed with parameters, non-Latin-1 text", () => {
  expect(ids(401, [["WWW-Authenticate", 'Basic realm="a", realm="b"']])).toEqual(["parameter-duplicated"]);
  expect(ids(401, [["WWW-Authenticate", "Foo abc==, realm=x"]])).toEqual(["challenge-token68-with-parameters"]);
  expect(ids(401, [["WWW-Authenticate", 'Basic realm="Café ☕"']])).toEqual(["field-not-latin1"]);
});

test("Basic: realm required, charset only UTF-8, no token68 (RFC 7617)", () => {
  expect(ids(401, [["WWW-Authenticate", "Basic"]])).toEqual(["basic-realm-missing"]);
  expect(ids(401, [["WWW-Authenticate", 'Basic realm="x", charset="ISO-8859-1"']])).toEqual(["basic-charset-not-utf8"]);
  expect(ids(401, [["WWW-Authenticate", 'Basic realm="x", charset=utf-8']])).toEqual([]);
  expect(ids(401, [["WWW-Authenticate", "Basic abc=="]])).toEqual(["basic-token68"]);
});

test("realm sent as a token (RFC 9110 §11.5)", () => {
  expect(ids(401, [["WWW-Authenticate", "Basic realm=simple"]])).toEqual(["realm-not-quoted"]);
});

test("Bearer: error with the wrong status, an unknown error, forbidden characters (RFC 6750)", () => {
  expect(ids(403, [["WWW-Authenticate", 'Bearer error="insufficient_scope"']])).toEqual(["www-authenticate-on-403"]);
  // RFC 6750 §3: with a Bearer error the field is required, not "allowed but optional"; a Basic
  // challenge on a 403 is the neighbour that stays optional.
  const scope = lintResponse({ status: 403, headers: [["WWW-Authenticate", 'Bearer error="insufficient_scope"']] });
  expect(scope[0]?.message).toMatch(/is required: .*MUST send WWW-Authenticate \(RFC 6750 §3\)/);
  expect(scope[0]?.rfc.label).toBe("RFC 6750 §3");
  const basic = lintResponse({ status: 403, headers: [["WWW-Authenticate", 'Basic realm="x"']] });
  expect(basic[0]?.message).toMatch(/allowed but optional/);
  expect(basic[0]?.rfc.label).toBe("RFC 9110 §11.6.1");
  expect(ids(401, [["WWW-Authenticate", 'Bearer error="insufficient_scope"']])).toEqual(["bearer-error-wrong-status"]);
  expect(ids(400, [["WWW-Authenticate", 'Bearer error="invalid_token"']])).toEqual([
    "bearer-error-wrong-status",
    "www-authenticate-on-400",
  ]);
  expect(ids(401, [["WWW-Authenticate", 'Bearer error="token_gone"']])).toEqual(["bearer-error-unknown"]);
  // RFC 9470 §3: a registered error with its own status; the neighbour is the same error on a 403.
  expect(ids(401, [["WWW-Authenticate", 'Bearer error="insufficient_user_authentication"']])).toEqual([]);
  expect(ids(403, [["WWW-Authenticate", 'Bearer error="insufficient_user_authentication"']])).toContain(
    "bearer-error-wrong-status",
  );
  expect(ids(401, [["WWW-Authenticate", 'Bearer error="invalid_token", error_description="say \\"no\\""']])).toEqual([
    "bearer-attribute-characters",
  ]);
});

test("Digest: nonce, realm and qop present, known algorithm, stale and userhash true/false, charset UTF-8 (RFC 7616 §3.3)", () => {
  expect(ids(401, [["WWW-Authenticate", "Digest algorithm=MD5"]])).toEqual([
    "digest-realm-missing",
    "digest-nonce-missing",
    "digest-qop-missing",
  ]);
  const ok = 'Digest realm="r", nonce="n", qop="auth"';
  expect(ids(401, [["WWW-Authenticate", ok]])).toEqual([]);
  expect(ids(401, [["WWW-Authenticate", `${ok}, algorithm=SHA-1`]])).toEqual(["digest-algorithm-unknown"]);
  expect(ids(401, [["WWW-Authenticate", `${ok}, stale=yes, userhash=1`]])).toEqual([
    "digest-stale-invalid",
    "digest-userhash-invalid",
  ]);
  expect(ids(401, [["WWW-Authenticate", `${ok}, stale=TRUE, userhash=false, charset=latin1`]])).toEqual([
    "digest-charset-not-utf8",
  ]);
});

test("every finding cites an RFC section with a working anchor", () => {
  const findings = lintResponse({ status: 401, headers: [["WWW-Authenticate", "Basic, Digest, Bearer error=x"]] });
  expect(findings.length).toBeGreaterThan(0);
  for (const finding of findings)
    expect(finding.rfc.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+$/);
});
