import { expect, test } from "vitest";
import { redactBody, redactField, scrubText, secretsOf } from "./live-redaction.ts";

const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXBhcnQ";

test("credentials keep their scheme only; cookies, DPoP proofs and MCP session IDs are replaced", () => {
  expect(redactField("Authorization", `Bearer ${jwt}`, [])).toBe("Bearer [redacted]");
  expect(redactField("Proxy-Authorization", "Basic dXNlcjpwYXNzd2Q=", [])).toBe("Basic [redacted]");
  expect(redactField("Cookie", "sid=abc; theme=dark", [])).toBe("[redacted]");
  expect(redactField("Set-Cookie", "sid=abc123; HttpOnly", [])).toBe("sid=[redacted]");
  expect(redactField("Mcp-Session-Id", "4a6f0b1e-0000-4000-8000-000000000000", [])).toBe("[redacted]");
  // The neighbour: a field with nothing secret is shown as it is.
  expect(redactField("Content-Type", "application/json", [])).toBe("application/json");
});

test("a Location keeps the allow-listed query values only: the code and state go, the error stays", () => {
  const location = redactField("Location", "http://127.0.0.1:4439/cb?code=abc&state=xyz&iss=x&error=access_denied", []);
  expect(location).toContain("code=[redacted]");
  expect(location).toContain("state=[redacted]");
  expect(location).toContain("error=access_denied");
});

test("a form keeps public OAuth parameters and loses the password, the code and the verifier", () => {
  const body =
    "grant_type=authorization_code&code=c0de-value&code_verifier=v3rifier&resource=http%3A%2F%2Fa%2Fmcp&password=passwd";
  const shown = redactBody(body, "application/x-www-form-urlencoded", []);
  expect(shown).toContain("grant_type=authorization_code");
  expect(shown).toContain("resource=http%3A%2F%2Fa%2Fmcp");
  for (const name of ["code", "code_verifier", "password"]) expect(shown).toContain(`${name}=[redacted]`);
  expect(shown).not.toMatch(/c0de-value|v3rifier|passwd/);
});

test("JSON keeps its shape and loses token members; a tool's status code stays", () => {
  const token = JSON.stringify({ access_token: "opaque-token-value", token_type: "Bearer", expires_in: 60 });
  expect(JSON.parse(redactBody(token, "application/json", []))).toEqual({
    access_token: "[redacted]",
    token_type: "Bearer",
    expires_in: 60,
  });
  const metadata = JSON.stringify({
    token_endpoint: "http://a/token",
    client_secret: "s",
    client_secret_expires_at: 0,
  });
  expect(JSON.parse(redactBody(metadata, "application/json", []))).toEqual({
    token_endpoint: "http://a/token",
    client_secret: "[redacted]",
    client_secret_expires_at: 0,
  });
  const call = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { arguments: { code: 401 } } });
  expect(redactBody(call, "application/json", [])).toBe(call);
});

test("any JWT and the request's own credentials are cut out of any text that echoes them", () => {
  const secrets = secretsOf([
    ["Authorization", "Basic dXNlcjpzM2NyZXQtcGFzcw=="],
    ["Cookie", "sid=cookie-value-123"],
  ]);
  expect(secrets).toEqual(expect.arrayContaining(["dXNlcjpzM2NyZXQtcGFzcw==", "s3cret-pass", "cookie-value-123"]));
  expect(scrubText(`echo ${jwt} and s3cret-pass and cookie-value-123`, secrets)).toBe(
    "echo [redacted JWT] and [redacted] and [redacted]",
  );
  // Short values are not cut (they would cut every word that contains them).
  expect(scrubText("a user named bob", ["bob"])).toBe("a user named bob");
});
