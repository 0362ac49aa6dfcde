import { expect, test } from "vitest";
import { bearerAttributeProblem, lintResponse } from "../../http/index.ts";
import { bearerRequiredScope } from "./bearer.ts";
import { demoTokens } from "./demo-tokens.ts";
import { challengesOf, headerList, testClient } from "./test-client.ts";

const send = testClient();
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

/** The one Bearer challenge of a response, its attributes checked against RFC 6750 §3. */
function bearerChallengeOf(response: Response): Record<string, string> {
  const challenges = challengesOf(response);
  expect(challenges).toHaveLength(1);
  const [challenge] = challenges;
  expect(challenge?.scheme).toBe("Bearer");
  for (const [name, value] of Object.entries(challenge?.params ?? {}))
    expect(bearerAttributeProblem(name, value)).toBeUndefined();
  expect(
    lintResponse({ status: response.status, headers: headerList(response) }).filter(
      (finding) => finding.severity !== "info",
    ),
  ).toEqual([]);
  return challenge?.params ?? {};
}

test("no credentials: 401 with Bearer realm and no error code (RFC 6750 §3.1)", async () => {
  const response = await send("/api/bearer");
  expect(response.status).toBe(401);
  expect(response.statusText).toBe("Unauthorized");
  expect(bearerChallengeOf(response)).toEqual({ realm: "HTTP Status Lab" });
  expect(await response.json()).toEqual({ authenticated: false });
});

test("credentials of another scheme count as none: 401 without an error code, and a sentence", async () => {
  const response = await send("/api/bearer", { headers: { Authorization: `Basic ${btoa("user:passwd")}` } });
  expect(response.status).toBe(401);
  expect(bearerChallengeOf(response)).toEqual({ realm: "HTTP Status Lab" });
  const body = (await response.json()) as { message: string };
  expect(body.message).toMatch(/bearer token.*not Basic/);
});

test.each([
  ["Bearer", "only the scheme"],
  ["Bearer ", "the scheme and a space"],
  ["Bearer a b", "two tokens"],
  ["Bearer demo-read-write, Bearer demo-read-only", "two credentials in one field"],
  ["Bearer tok=en", "= inside the token"],
  ["Bearer \u00e4", "a Latin-1 letter"],
  ["Bearer\tdemo-read-write", "a tab instead of a space"],
  ['Bearer "demo-read-write"', "a quoted token"],
  ["Bearer token=demo-read-write", "the auth-param form"],
])("a malformed Authorization field (%s: %s) gets 400 invalid_request", async (value) => {
  const response = await send("/api/bearer", { headers: { Authorization: value } });
  expect(response.status).toBe(400);
  expect(response.statusText).toBe("Bad Request");
  const params = bearerChallengeOf(response);
  expect(params["realm"]).toBe("HTTP Status Lab");
  expect(params["error"]).toBe("invalid_request");
  expect(params["error_description"]).toBeTruthy();
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ authenticated: false, error: "invalid_request" });
  expect(String(body["message"])).toMatch(/RFC 6750/);
});

test("an empty Authorization field gets 400 invalid_request", async () => {
  const response = await send("/api/bearer", { headers: { Authorization: "" } });
  expect(response.status).toBe(400);
  expect(bearerChallengeOf(response)["error"]).toBe("invalid_request");
});

test("the scheme is case-insensitive and 1*SP allows several spaces (RFC 6750 §2.1, RFC 9110 §11.1)", async () => {
  expect((await send("/api/bearer", { headers: { Authorization: "bearer demo-read-write" } })).status).toBe(200);
  expect((await send("/api/bearer", { headers: { Authorization: "BEARER   demo-read-write" } })).status).toBe(200);
});

test("an unknown token: 401 invalid_token with error_description", async () => {
  const response = await send("/api/bearer", bearer("not-a-demo-token"));
  expect(response.status).toBe(401);
  const params = bearerChallengeOf(response);
  expect(params).toMatchObject({ realm: "HTTP Status Lab", error: "invalid_token" });
  expect(params["error_description"]).toMatch(/not one this server issued/);
  expect(await response.json()).toMatchObject({ authenticated: false, error: "invalid_token" });
});

test("the expired demo token: 401 invalid_token saying it expired", async () => {
  const response = await send("/api/bearer", bearer("demo-expired"));
  expect(response.status).toBe(401);
  const params = bearerChallengeOf(response);
  expect(params["error"]).toBe("invalid_token");
  expect(params["error_description"]).toBe("The access token expired at 2020-01-01T00:00:00Z.");
});

test("expiry follows the injected clock: before its date the expired token was valid", async () => {
  const before = testClient({ now: () => Date.parse("2019-12-31T23:59:59Z") });
  expect((await before("/api/bearer", bearer("demo-expired"))).status).toBe(200);
  const at = testClient({ now: () => Date.parse("2020-01-01T00:00:00Z") });
  expect((await at("/api/bearer", bearer("demo-expired"))).status).toBe(401);
});

test("a token with the needed scope: 200 with the token and its scope", async () => {
  const response = await send("/api/bearer", bearer("demo-read-write"));
  expect(response.status).toBe(200);
  expect(response.headers.get("WWW-Authenticate")).toBeNull();
  expect(await response.json()).toEqual({ authenticated: true, token: "demo-read-write", scope: "read write" });
});

test("GET needs read: the read-only token may read", async () => {
  const response = await send("/api/bearer", bearer("demo-read-only"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ authenticated: true, token: "demo-read-only", scope: "read" });
});

test('POST needs write: the read-only token gets 403 insufficient_scope with scope="write"', async () => {
  const response = await send("/api/bearer", { method: "POST", ...bearer("demo-read-only") });
  expect(response.status).toBe(403);
  expect(response.statusText).toBe("Forbidden");
  const params = bearerChallengeOf(response);
  expect(params).toMatchObject({ realm: "HTTP Status Lab", error: "insufficient_scope", scope: "write" });
  expect(params["error_description"]).toBe("POST needs the scope write; this token has read.");
  expect(await response.json()).toMatchObject({ authenticated: false, error: "insufficient_scope" });
});

test("the read-write token may write with any unsafe method", async () => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    expect((await send("/api/bearer", { method, ...bearer("demo-read-write") })).status).toBe(200);
  }
});

test("safe methods need read, the others write (RFC 9110 §9.2.1)", () => {
  expect(["GET", "HEAD", "OPTIONS", "get"].map(bearerRequiredScope)).toEqual(["read", "read", "read", "read"]);
  expect(["POST", "PUT", "PATCH", "DELETE"].map(bearerRequiredScope)).toEqual(["write", "write", "write", "write"]);
});

test("HEAD is authorized like GET: it needs only read", async () => {
  const response = await send("/api/bearer", { method: "HEAD", ...bearer("demo-read-only") });
  expect(response.status).toBe(200);
});

test("the token in the URI query works, and the success is Cache-Control: private (RFC 6750 §2.3)", async () => {
  const response = await send("/api/bearer?access_token=demo-read-write");
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("private");
  expect(await response.json()).toMatchObject({ authenticated: true, token: "demo-read-write" });
  const viaHeader = await send("/api/bearer", bearer("demo-read-write"));
  expect(viaHeader.headers.get("Cache-Control")).toBeNull();
});

test("the token in a form-encoded body works for POST (RFC 6750 §2.2)", async () => {
  const form = (token: string) => ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: `note=hello&access_token=${token}`,
  });
  expect((await send("/api/bearer", form("demo-read-write"))).status).toBe(200);
  expect((await send("/api/bearer", form("demo-read-only"))).status).toBe(403);
  const unknown = await send("/api/bearer", form("nope"));
  expect(unknown.status).toBe(401);
  expect(bearerChallengeOf(unknown)["error"]).toBe("invalid_token");
});

test("a form body with another media type is not read for a token", async () => {
  const response = await send("/api/bearer", {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: "access_token=demo-read-write",
  });
  expect(response.status).toBe(401);
  expect(bearerChallengeOf(response)).toEqual({ realm: "HTTP Status Lab" });
});

test("a token sent by two methods is 400 invalid_request (RFC 6750 §2: exactly one method)", async () => {
  const response = await send("/api/bearer?access_token=demo-read-write", bearer("demo-read-write"));
  expect(response.status).toBe(400);
  expect(bearerChallengeOf(response)["error"]).toBe("invalid_request");
  expect(((await response.json()) as { message: string }).message).toMatch(/Authorization field and URI query/);
  const formAndQuery = await send("/api/bearer?access_token=demo-read-write", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "access_token=demo-read-write",
  });
  expect(formAndQuery.status).toBe(400);
});

test("a repeated or empty access_token parameter is 400 invalid_request", async () => {
  expect((await send("/api/bearer?access_token=demo-read-write&access_token=demo-read-only")).status).toBe(400);
  expect((await send("/api/bearer?access_token=")).status).toBe(400);
});

test("every published demo token is a b64token with a description", () => {
  expect(demoTokens.map((entry) => entry.token)).toEqual(["demo-read-write", "demo-read-only", "demo-expired"]);
  for (const entry of demoTokens) {
    expect(entry.token).toMatch(/^[A-Za-z0-9\-._~+/]+=*$/);
    expect(entry.description.length).toBeGreaterThan(10);
  }
});

test("a long token gets a plain 401 invalid_token, not an error", async () => {
  const response = await send("/api/bearer", bearer("a".repeat(10_000)));
  expect(response.status).toBe(401);
  expect(bearerChallengeOf(response)["error"]).toBe("invalid_token");
});
