/**
 * RFC 7009 revocation, RFC 7662 introspection and the opaque-token resource, and the discovery
 * documents (RFC 9728, RFC 8414, OpenID Connect Discovery) of the sandbox's OAuth scenario, behind
 * real fetch calls that msw/node answers in-process under the production base path. Every outcome
 * with its neighbour.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { encodeBasic, parseChallenges } from "../../src/http/index.ts";
import { setupSandboxServer } from "../../src/sandbox/node.ts";
import { bearer, form, oauthClient } from "./oauth-flow-helpers.ts";

const origin = "http://lab.test";
const oauthRoot = `${origin}/http-status-lab/api/oauth/`;
const issuer = `${oauthRoot}as`;
let time = Date.parse("2026-03-01T12:00:00Z");
const server = setupSandboxServer(origin, "/http-status-lab/", { now: () => time, serverSecret: "revocation-tests" });
const client = oauthClient(oauthRoot, "http://127.0.0.1:8765/callback");
const resourceServer = { Authorization: encodeBasic("opaque-resource", "introspect-demo") };

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

const revoke = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  form(`${issuer}/revoke`, fields, headers);
const introspect = (token: string, headers: Record<string, string> = resourceServer) =>
  form(`${issuer}/introspect`, { token }, headers);
const challengeOf = (response: Response) => {
  const parsed = parseChallenges(response.headers.get("WWW-Authenticate") ?? "");
  return parsed.ok ? parsed.challenges[0] : undefined;
};

test("discovery: RFC 8414 path-inserted and OpenID Connect path-inserted and path-appended give one issuer with the new endpoints", async () => {
  const urls = [
    `${origin}/.well-known/oauth-authorization-server/http-status-lab/api/oauth/as`,
    `${origin}/.well-known/openid-configuration/http-status-lab/api/oauth/as`,
    `${issuer}/.well-known/openid-configuration`,
  ];
  for (const url of urls) {
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    expect(await response.json(), url).toMatchObject({
      issuer,
      revocation_endpoint: `${issuer}/revoke`,
      revocation_endpoint_auth_methods_supported: ["none"],
      introspection_endpoint: `${issuer}/introspect`,
      introspection_endpoint_auth_methods_supported: ["client_secret_basic"],
      client_id_metadata_document_supported: true,
    });
  }
  const openId = (await (await fetch(urls[1] ?? "")).json()) as Record<string, unknown>;
  expect(openId).toMatchObject({
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
  });
  // The neighbours: RFC 8414 metadata has no OpenID members; the appended RFC 8414 form is not served.
  expect(await (await fetch(urls[0] ?? "")).json()).not.toHaveProperty("subject_types_supported");
  expect((await fetch(`${issuer}/.well-known/oauth-authorization-server`)).status).toBe(404);
});

test("RFC 9728: the opaque resource names no metadata in its challenge; its document is at the §3.1 URL only", async () => {
  const first = await fetch(`${oauthRoot}opaque`);
  expect(first.status).toBe(401);
  expect(challengeOf(first)?.params).toEqual({ scope: "read" });
  const wellKnown = await fetch(`${origin}/.well-known/oauth-protected-resource/http-status-lab/api/oauth/opaque`);
  expect(await wellKnown.json()).toMatchObject({ resource: `${oauthRoot}opaque`, authorization_servers: [issuer] });
  expect((await fetch(`${oauthRoot}metadata/opaque`)).status).toBe(404);
  // The neighbour: the JWT resource still names its document.
  expect(challengeOf(await fetch(`${oauthRoot}resource`))?.params["resource_metadata"]).toBe(
    `${oauthRoot}metadata/resource`,
  );
});

test("RFC 7009: a revoked access token gets 401 invalid_token at the resource; the refresh token of the same grant still works", async () => {
  const id = await client.register();
  const tokens = await client.tokens(id);
  expect((await bearer(`${oauthRoot}resource`, tokens.access_token)).status).toBe(200);
  const answer = await revoke({ token: tokens.access_token, token_type_hint: "access_token", client_id: id });
  expect(answer.status).toBe(200);
  expect(await answer.text()).toBe("");
  const after = await bearer(`${oauthRoot}resource`, tokens.access_token);
  expect(after.status).toBe(401);
  expect(challengeOf(after)?.params["error"]).toBe("invalid_token");
  const refreshed = await form(`${issuer}/token`, {
    grant_type: "refresh_token",
    refresh_token: tokens.refresh_token,
    client_id: id,
  });
  expect(refreshed.status).toBe(200);
});

test("RFC 7009 §2.1: revoking a refresh token revokes its grant: the access token gets invalid_token and the refresh is refused", async () => {
  const id = await client.register();
  const tokens = await client.tokens(id);
  expect((await revoke({ token: tokens.refresh_token, client_id: id })).status).toBe(200);
  expect(challengeOf(await bearer(`${oauthRoot}resource`, tokens.access_token))?.params["error"]).toBe("invalid_token");
  const refreshed = await form(`${issuer}/token`, {
    grant_type: "refresh_token",
    refresh_token: tokens.refresh_token,
    client_id: id,
  });
  expect(refreshed.status).toBe(400);
  expect(await refreshed.json()).toMatchObject({ error: "invalid_grant" });
});

test("RFC 7009 §2.2, §2.2.1: unknown tokens 200; a code unsupported_token_type; another client's token invalid_grant; credentials 401", async () => {
  const id = await client.register();
  const other = await client.register();
  const tokens = await client.tokens(id);
  expect((await revoke({ token: "not-a-token-we-issued", client_id: id })).status).toBe(200);
  const loggedIn = await client.login(id, "resource");
  const code = new URL(loggedIn.headers.get("Location") ?? "").searchParams.get("code") ?? "";
  const cases: Array<[string, Response, number, string]> = [
    ["a code", await revoke({ token: code, client_id: id }), 400, "unsupported_token_type"],
    ["another client", await revoke({ token: tokens.access_token, client_id: other }), 400, "invalid_grant"],
    ["no client_id", await revoke({ token: tokens.access_token }), 400, "invalid_client"],
    ["no token", await revoke({ client_id: id }), 400, "invalid_request"],
    [
      "credentials",
      await revoke({ token: "x", client_id: id }, { Authorization: encodeBasic(id, "s") }),
      401,
      "invalid_client",
    ],
  ];
  for (const [label, response, status, error] of cases) {
    expect(response.status, label).toBe(status);
    expect(await response.json(), label).toMatchObject({ error });
  }
  expect((await fetch(`${issuer}/revoke`)).status).toBe(405);
  // None of those revoked anything: the token still works.
  expect((await bearer(`${oauthRoot}resource`, tokens.access_token)).status).toBe(200);
});

test("RFC 7662: the opaque resource's token is not a JWT; introspection says active with its claims, only to the resource server", async () => {
  const id = await client.register();
  const tokens = await client.tokens(id, "opaque");
  expect(tokens.access_token.split(".")).toHaveLength(1);
  expect((await bearer(`${oauthRoot}opaque`, tokens.access_token)).status).toBe(200);
  const answer = await introspect(tokens.access_token);
  expect(answer.headers.get("Cache-Control")).toBe("no-store");
  expect(await answer.json()).toMatchObject({
    active: true,
    client_id: id,
    sub: "user",
    scope: "read",
    aud: `${oauthRoot}opaque`,
    iss: issuer,
    token_type: "Bearer",
  });
  const stranger = await introspect(tokens.access_token, { Authorization: encodeBasic("opaque-resource", "wrong") });
  expect(stranger.status).toBe(401);
  expect(challengeOf(stranger)?.scheme).toBe("Basic");
  expect(await stranger.json()).toMatchObject({ error: "invalid_client" });
  expect((await introspect(tokens.access_token, {})).status).toBe(401);
  // A JWT access token of another resource introspects too, and the opaque resource refuses it (aud).
  const jwt = await client.tokens(id, "resource");
  expect(await (await introspect(jwt.access_token)).json()).toMatchObject({
    active: true,
    aud: `${oauthRoot}resource`,
  });
  expect(challengeOf(await bearer(`${oauthRoot}opaque`, jwt.access_token))?.params["error"]).toBe("invalid_token");
  // The JWT resource cannot read the opaque token.
  expect(challengeOf(await bearer(`${oauthRoot}resource`, tokens.access_token))?.params["error"]).toBe("invalid_token");
});

test("RFC 7662 §2.2: revoked, expired and unknown opaque tokens are active false, and the resource answers 401 invalid_token", async () => {
  const id = await client.register();
  const revokedToken = (await client.tokens(id, "opaque")).access_token;
  expect((await revoke({ token: revokedToken, client_id: id })).status).toBe(200);
  const expiring = (await client.tokens(id, "opaque")).access_token;
  const alive = (await client.tokens(id, "opaque")).access_token;
  time += 301_000;
  const fresh = (await client.tokens(id, "opaque")).access_token;
  for (const [label, token] of [
    ["revoked", revokedToken],
    ["expired", expiring],
    ["expired too", alive],
    ["unknown", `${fresh.slice(0, -6)}AAAAAA`],
  ] as const) {
    expect(await (await introspect(token)).json(), label).toEqual({ active: false });
    const refused = await bearer(`${oauthRoot}opaque`, token);
    expect(refused.status, label).toBe(401);
    expect(challengeOf(refused)?.params["error"], label).toBe("invalid_token");
  }
  expect(await (await introspect(fresh)).json()).toMatchObject({ active: true });
  expect((await bearer(`${oauthRoot}opaque`, fresh)).status).toBe(200);
});
