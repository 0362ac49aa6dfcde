/**
 * The OAuth scenario's handlers (src/sandbox/scenarios/oauth) behind real fetch calls, intercepted
 * in-process by msw/node under the production base path, with the clock under the test's control.
 * Every RFC outcome is shown with its neighbour that must not get it.
 */
import fc from "fast-check";
import {
  base64url,
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseChallenges, type Challenge } from "../../src/http/index.ts";
import { setupSandboxServer } from "../../src/sandbox/node.ts";

const origin = "http://lab.test";
const api = `${origin}/http-status-lab/api/`;
const oauthRoot = `${api}oauth/`;
const issuer = `${oauthRoot}as`;
const redirectUri = "http://127.0.0.1:8765/callback";
let time = Date.parse("2026-03-01T12:00:00Z");
const server = setupSandboxServer(origin, "/http-status-lab/", { now: () => time, serverSecret: "oauth-tests" });

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

function challengeOf(response: Response): Challenge {
  const parsed = parseChallenges(response.headers.get("WWW-Authenticate") ?? "");
  if (!parsed.ok || parsed.challenges.length !== 1 || parsed.challenges[0] === undefined)
    throw new Error(`not one parsable challenge: ${response.headers.get("WWW-Authenticate") ?? "(none)"}`);
  return parsed.challenges[0];
}

const form = (url: string, fields: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", body: new URLSearchParams(fields), redirect: "manual", headers });

async function register(metadata: Record<string, unknown> = { redirect_uris: [redirectUri] }): Promise<Response> {
  return fetch(`${oauthRoot}as/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(metadata),
  });
}

async function clientId(metadata?: Record<string, unknown>): Promise<string> {
  return ((await (await register(metadata)).json()) as { client_id: string }).client_id;
}

const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B

function authorizeParams(client: string, overrides: Record<string, string | undefined> = {}): URLSearchParams {
  const params: Record<string, string | undefined> = {
    response_type: "code",
    client_id: client,
    redirect_uri: redirectUri,
    state: "st-1",
    scope: "read",
    code_challenge: challenge,
    code_challenge_method: "S256",
    resource: `${oauthRoot}resource`,
    ...overrides,
  };
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) out.append(name, value);
  return out;
}

/** Logs in through the form post; returns the redirect's query. */
async function code(
  client: string,
  overrides: Record<string, string | undefined> = {},
  login = { username: "user", password: "passwd" },
) {
  const params = authorizeParams(client, overrides);
  for (const [name, value] of Object.entries(login)) params.set(name, value);
  const response = await form(`${oauthRoot}as/authorize`, params);
  expect(response.status).toBe(302);
  return new URL(response.headers.get("Location") ?? "").searchParams;
}

async function exchange(
  client: string,
  codeValue: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return form(
    `${oauthRoot}as/token`,
    {
      grant_type: "authorization_code",
      code: codeValue,
      redirect_uri: redirectUri,
      client_id: client,
      code_verifier: verifier,
      ...extra,
    },
    headers,
  );
}

async function accessToken(
  client: string,
  overrides: Record<string, string | undefined> = {},
  login?: { username: string; password: string },
) {
  const query = await code(client, overrides, login);
  const response = await exchange(client, query.get("code") ?? "");
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string; token_type: string; scope: string };
}

const bearer = (url: string, token: string, method = "GET") =>
  fetch(url, { method, headers: { Authorization: `Bearer ${token}` } });

// ---- DPoP proofs made here with jose, so that each can be wrong in one way ----------------------

type Key = { privateKey: CryptoKey; jwk: JWK; jkt: string };
async function dpopKey(): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
}
async function proof(
  key: Key,
  htm: string,
  htu: string,
  claims: { nonce?: string; accessToken?: string; iat?: number; jti?: string; typ?: string } = {},
): Promise<string> {
  const payload: Record<string, unknown> = {
    htm,
    htu,
    jti: claims.jti ?? crypto.randomUUID(),
    iat: claims.iat ?? Math.floor(time / 1000),
  };
  if (claims.nonce !== undefined) payload["nonce"] = claims.nonce;
  if (claims.accessToken !== undefined)
    payload["ath"] = base64url.encode(
      new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(claims.accessToken))),
    );
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES256", typ: claims.typ ?? "dpop+jwt", jwk: key.jwk })
    .sign(key.privateKey);
}

// ---- Metadata ------------------------------------------------------------------------------------

test("RFC 9728: the challenge names the metadata; the same document is at the §3.1 well-known URL; resource is the URL requested", async () => {
  for (const name of ["resource", "step-up", "dpop"]) {
    const first = await fetch(`${oauthRoot}${name}`);
    expect(first.status).toBe(401);
    const url = challengeOf(first).params["resource_metadata"];
    expect(url).toBe(`${oauthRoot}metadata/${name}`);
    const document = await (await fetch(url ?? "")).json();
    const wellKnown = await fetch(`${origin}/.well-known/oauth-protected-resource/http-status-lab/api/oauth/${name}`);
    expect(await wellKnown.json()).toEqual(document);
    expect(document).toMatchObject({
      resource: `${oauthRoot}${name}`,
      authorization_servers: [issuer],
      bearer_methods_supported: ["header"],
      dpop_bound_access_tokens_required: name === "dpop",
    });
  }
  expect((await fetch(`${oauthRoot}metadata/resource`, { method: "POST" })).status).toBe(405);
});

test("RFC 8414: issuer is exactly the identifier whose §3.1 well-known URL was asked (§3.3), S256 only", async () => {
  const response = await fetch(`${origin}/.well-known/oauth-authorization-server/http-status-lab/api/oauth/as`);
  expect(response.status).toBe(200);
  const metadata = (await response.json()) as Record<string, unknown>;
  expect(metadata).toMatchObject({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    code_challenge_methods_supported: ["S256"],
    response_types_supported: ["code"],
  });
  // The neighbour: the appended form (OpenID Connect's) is not this server's metadata.
  expect((await fetch(`${issuer}/.well-known/oauth-authorization-server`)).status).toBe(404);
});

// ---- Registration (RFC 7591) -------------------------------------------------------------------------

test("RFC 7591: a public client with loopback or same-origin redirect URIs is registered (201); others get §3.2.2 errors", async () => {
  const ok = await register({
    redirect_uris: [redirectUri, `${origin}/http-status-lab/sandbox/`],
    client_name: "Test",
  });
  expect(ok.status).toBe(201);
  expect(await ok.json()).toMatchObject({
    token_endpoint_auth_method: "none",
    redirect_uris: [redirectUri, `${origin}/http-status-lab/sandbox/`],
  });
  const refused: Array<[Record<string, unknown> | string, string]> = [
    [{ redirect_uris: ["https://attacker.example/cb"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["http://127.0.0.1/cb#frag"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["javascript:alert(1)"] }, "invalid_redirect_uri"],
    [{ redirect_uris: [] }, "invalid_redirect_uri"],
    [{ redirect_uris: [redirectUri], token_endpoint_auth_method: "client_secret_basic" }, "invalid_client_metadata"],
    [{ redirect_uris: [redirectUri], client_name: "x".repeat(101) }, "invalid_client_metadata"],
    [{ redirect_uris: [redirectUri], client_name: "x".repeat(9000) }, "invalid_client_metadata"],
    ["[1, 2", "invalid_client_metadata"],
  ];
  for (const [body, error] of refused) {
    const response = await fetch(`${oauthRoot}as/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(error);
  }
});

test("the sandbox's access_token_lifetime metadata (RFC 7591 §2): a client may shorten its tokens' lives, never lengthen them", async () => {
  const registered = await register({ redirect_uris: [redirectUri], access_token_lifetime: 60 });
  expect(registered.status).toBe(201);
  const { client_id: client, access_token_lifetime } = (await registered.json()) as {
    client_id: string;
    access_token_lifetime: number;
  };
  expect(access_token_lifetime).toBe(60);
  const issued = await accessToken(client);
  expect(decodeJwt(issued.access_token).exp).toBe(Math.floor(time / 1000) + 60);
  const refreshed = await form(`${oauthRoot}as/token`, {
    grant_type: "refresh_token",
    refresh_token: issued.refresh_token,
    client_id: client,
  });
  expect(((await refreshed.json()) as { expires_in: number }).expires_in).toBe(60);
  // Neighbours: without it, the server's lifetime (300 s); out of bounds or not a whole number, refused.
  const plain = await accessToken(await clientId());
  expect(decodeJwt(plain.access_token).exp).toBe(Math.floor(time / 1000) + 300);
  for (const lifetime of [4, 301, 30.5, "60"]) {
    const refused = await register({ redirect_uris: [redirectUri], access_token_lifetime: lifetime });
    expect(refused.status, String(lifetime)).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe("invalid_client_metadata");
  }
});

// ---- Authorization endpoint ------------------------------------------------------------------------

test("the login form: username and password fields posted to the same endpoint; every reader value is text", async () => {
  const client = await clientId({ redirect_uris: [redirectUri], client_name: '<script>alert("name")</script>' });
  const page = await fetch(
    `${oauthRoot}as/authorize?${authorizeParams(client, { state: '"><script>alert(1)</script>' })}`,
  );
  expect(page.status).toBe(200);
  expect(page.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  const html = await page.text();
  expect(html).toContain('<form method="post" action="/http-status-lab/api/oauth/as/authorize">');
  expect(html).toMatch(/<input id="username" name="username"/);
  expect(html).toMatch(/<input id="password" name="password" type="password"/);
  expect(html).not.toMatch(/name="otp"/);
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain("&#60;script&#62;alert(&#34;name&#34;)");
  // The neighbour: a step-up request (acr_values with the multi-factor acr) adds the one-time code field.
  const stepUp = await fetch(
    `${oauthRoot}as/authorize?${authorizeParams(client, { acr_values: "urn:http-status-lab:acr:mfa", max_age: "300" })}`,
  );
  expect(await stepUp.text()).toMatch(/name="otp"/);
});

test("RFC 6749 §4.1.2: the right login answers 302 to the redirect URI with code, state and iss; a wrong one shows the form again", async () => {
  const client = await clientId();
  const query = await code(client);
  expect(query.get("state")).toBe("st-1");
  expect(query.get("iss")).toBe(issuer);
  expect(query.get("code")?.length).toBeGreaterThan(20);
  const params = authorizeParams(client);
  params.set("username", "user");
  params.set("password", "wrong");
  const wrong = await form(`${oauthRoot}as/authorize`, params);
  expect(wrong.status).toBe(200);
  expect(wrong.headers.get("Location")).toBeNull();
  expect(await wrong.text()).toContain('role="alert"');
});

test("RFC 6749 §4.1.2.1: an unknown client, an unregistered or hostile redirect_uri, a 20 kB state: an error page, never a redirect", async () => {
  const client = await clientId();
  const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ["forged client", { client_id: `${client.slice(0, -4)}AAAA` }, /client_id/],
    ["no client", { client_id: undefined }, /client_id/],
    ["hostile redirect", { redirect_uri: "https://attacker.example/cb" }, /redirect_uri/],
    ["script redirect", { redirect_uri: "javascript:alert(1)" }, /redirect_uri/],
    ["no redirect", { redirect_uri: undefined }, /redirect_uri/],
    ["near miss", { redirect_uri: `${redirectUri}/` }, /redirect_uri/],
    ["20 kB state", { state: "s".repeat(20_000) }, /state parameter is 20000 characters long/],
  ];
  for (const [label, overrides, sentence] of cases) {
    const response = await fetch(`${oauthRoot}as/authorize?${authorizeParams(client, overrides)}`, {
      redirect: "manual",
    });
    expect(response.status, label).toBe(400);
    expect(response.headers.get("Location"), label).toBeNull();
    expect(response.headers.get("Content-Type"), label).toMatch(/^text\/html/);
    expect(await response.text(), label).toMatch(sentence);
  }
  // The same 20 kB state in a form post: still a clear 400 page.
  const posted = await form(`${oauthRoot}as/authorize`, authorizeParams(client, { state: "s".repeat(20_000) }));
  expect(posted.status).toBe(400);
  expect(posted.headers.get("Location")).toBeNull();
});

test("errors after the redirect URI is known go back to it with state (RFC 6749 §4.1.2.1, RFC 7636 §4.4.1, RFC 8707 §2)", async () => {
  const client = await clientId();
  const cases: Array<[Record<string, string | undefined>, string]> = [
    [{ code_challenge: undefined }, "invalid_request"],
    [{ code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge_method: undefined }, "invalid_request"],
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ scope: "admin" }, "invalid_scope"],
    [{ resource: "https://elsewhere.example/api" }, "invalid_target"],
    [{ resource: undefined }, "invalid_target"],
    [{ max_age: "soon" }, "invalid_request"],
  ];
  for (const [overrides, error] of cases) {
    const response = await fetch(`${oauthRoot}as/authorize?${authorizeParams(client, overrides)}`, {
      redirect: "manual",
    });
    expect(response.status, JSON.stringify(overrides)).toBe(302);
    const location = new URL(response.headers.get("Location") ?? "");
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get("error"), JSON.stringify(overrides)).toBe(error);
    expect(location.searchParams.get("state")).toBe("st-1");
    expect(location.searchParams.get("code")).toBeNull();
  }
});

// ---- Token endpoint ------------------------------------------------------------------------------

test("RFC 9068: the access token is an at+jwt with iss, aud = resource, sub, client_id, scope, exp, iat, jti, verifiable with jwks_uri", async () => {
  const client = await clientId();
  const response = await exchange(client, (await code(client)).get("code") ?? "");
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  const issued = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(issued).toMatchObject({ token_type: "Bearer", expires_in: 300 });
  expect(decodeProtectedHeader(issued.access_token)).toMatchObject({ typ: "at+jwt", alg: "ES256" });
  const jwks = createLocalJWKSet(await (await fetch(`${issuer}/jwks`)).json());
  const { payload } = await jwtVerify(issued.access_token, jwks, {
    issuer,
    audience: `${oauthRoot}resource`,
    currentDate: new Date(time),
  });
  expect(payload).toMatchObject({ sub: "user", client_id: client, scope: "read" });
  expect(payload.exp).toBe(Math.floor(time / 1000) + 300);
  for (const claim of ["iat", "jti"]) expect(payload[claim]).toBeDefined();
  // The neighbour: the same signature check refuses a token whose payload was changed.
  const [head, , signature] = issued.access_token.split(".");
  const forged = `${head}.${base64url.encode(JSON.stringify({ ...payload, scope: "read write" }))}.${signature}`;
  await expect(jwtVerify(forged, jwks, { currentDate: new Date(time) })).rejects.toThrow();
});

test("RFC 6749 §5.2 / RFC 7636 §4.6: bad verifier, reused code, wrong redirect_uri, expired code → 400 invalid_grant", async () => {
  const client = await clientId();
  const badVerifier = await exchange(client, (await code(client)).get("code") ?? "", { code_verifier: "x".repeat(43) });
  expect(badVerifier.status).toBe(400);
  expect(await badVerifier.json()).toMatchObject({ error: "invalid_grant" });

  const once = (await code(client)).get("code") ?? "";
  expect((await exchange(client, once)).status).toBe(200);
  const again = await exchange(client, once);
  expect(again.status).toBe(400);
  expect(await again.json()).toMatchObject({ error: "invalid_grant" });

  const wrongRedirect = await exchange(client, (await code(client)).get("code") ?? "", {
    redirect_uri: "http://127.0.0.1:8765/other",
  });
  expect(await wrongRedirect.json()).toMatchObject({ error: "invalid_grant" });

  const late = (await code(client)).get("code") ?? "";
  time += 61_000;
  try {
    expect(await (await exchange(client, late)).json()).toMatchObject({ error: "invalid_grant" });
  } finally {
    time -= 61_000;
  }
  const otherClient = await clientId();
  expect(await (await exchange(otherClient, (await code(client)).get("code") ?? "")).json()).toMatchObject({
    error: "invalid_grant",
  });
  expect(await (await exchange(`${client}x`, (await code(client)).get("code") ?? "")).json()).toMatchObject({
    error: "invalid_client",
  });
  expect(
    await (await exchange(client, (await code(client)).get("code") ?? "", { resource: `${oauthRoot}dpop` })).json(),
  ).toMatchObject({ error: "invalid_target" });
  expect(
    await (await form(`${oauthRoot}as/token`, { grant_type: "password", client_id: client })).json(),
  ).toMatchObject({
    error: "unsupported_grant_type",
  });
  const repeated = new URLSearchParams([
    ["grant_type", "authorization_code"],
    ["grant_type", "refresh_token"],
    ["client_id", client],
  ]);
  expect(await (await form(`${oauthRoot}as/token`, repeated)).json()).toMatchObject({ error: "invalid_request" });
  const json = await fetch(`${oauthRoot}as/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  expect(json.status).toBe(400);
});

test("refresh_token (RFC 6749 §6): a new access token for the same grant; more scope than granted is invalid_scope", async () => {
  const client = await clientId();
  const issued = await accessToken(client);
  const refreshed = await form(`${oauthRoot}as/token`, {
    grant_type: "refresh_token",
    refresh_token: issued.refresh_token,
    client_id: client,
  });
  expect(refreshed.status).toBe(200);
  const body = (await refreshed.json()) as { access_token: string };
  expect(decodeJwt(body.access_token)).toMatchObject({ aud: `${oauthRoot}resource`, scope: "read" });
  const wider = await form(`${oauthRoot}as/token`, {
    grant_type: "refresh_token",
    refresh_token: issued.refresh_token,
    client_id: client,
    scope: "read write",
  });
  expect(await wider.json()).toMatchObject({ error: "invalid_scope" });
});

test("refresh tokens rotate (RFC 9700 §4.14.2): each works once; reusing a spent one revokes the whole grant", async () => {
  const client = await clientId();
  const issued = await accessToken(client);
  const refresh = (token: string) =>
    form(`${oauthRoot}as/token`, { grant_type: "refresh_token", refresh_token: token, client_id: client });
  const first = (await (await refresh(issued.refresh_token)).json()) as { access_token: string; refresh_token: string };
  expect(first.refresh_token).not.toBe(issued.refresh_token);
  const second = (await (await refresh(first.refresh_token)).json()) as { access_token: string; refresh_token: string };
  expect((await bearer(`${oauthRoot}resource`, second.access_token)).status).toBe(200);
  // A second, unrelated grant of the same client: the neighbour that must keep working.
  const other = await accessToken(client);
  // The spent first refresh token comes back: refused, and the grant is revoked.
  const reused = await refresh(issued.refresh_token);
  expect([reused.status, await reused.json()]).toEqual([
    400,
    { error: "invalid_grant", error_description: expect.stringContaining("used already") },
  ]);
  expect(await (await refresh(second.refresh_token)).json()).toMatchObject({ error: "invalid_grant" });
  const revoked = await bearer(`${oauthRoot}resource`, second.access_token);
  expect([revoked.status, challengeOf(revoked).params["error"]]).toEqual([401, "invalid_token"]);
  expect((await bearer(`${oauthRoot}resource`, other.access_token)).status).toBe(200);
  expect((await refresh(other.refresh_token)).status).toBe(200);
});

test("a replayed code (RFC 6749 §4.1.2) is refused and revokes the tokens issued for it: the resource answers invalid_token", async () => {
  const client = await clientId();
  const query = await code(client);
  const first = await exchange(client, query.get("code") ?? "");
  const issued = (await first.json()) as { access_token: string; refresh_token: string };
  const untouched = await accessToken(client);
  expect((await bearer(`${oauthRoot}resource`, issued.access_token)).status).toBe(200);
  const replay = await exchange(client, query.get("code") ?? "");
  expect([replay.status, await replay.json()]).toEqual([
    400,
    { error: "invalid_grant", error_description: expect.stringContaining("now revoked") },
  ]);
  const refused = await bearer(`${oauthRoot}resource`, issued.access_token);
  expect([refused.status, challengeOf(refused).params["error"]]).toEqual([401, "invalid_token"]);
  expect(
    await (
      await form(`${oauthRoot}as/token`, {
        grant_type: "refresh_token",
        refresh_token: issued.refresh_token,
        client_id: client,
      })
    ).json(),
  ).toMatchObject({ error: "invalid_grant" });
  // The neighbour: the tokens of another code are not touched.
  expect((await bearer(`${oauthRoot}resource`, untouched.access_token)).status).toBe(200);
});

// ---- The protected resource ------------------------------------------------------------------------

test("RFC 6750 §3.1 at the resource: no token → 401 without error; expired → invalid_token; other audience → invalid_token; forged → invalid_token", async () => {
  const none = await fetch(`${oauthRoot}resource`, { method: "POST" });
  expect(none.status).toBe(401);
  expect(challengeOf(none)).toEqual({
    scheme: "Bearer",
    params: { scope: "write", resource_metadata: `${oauthRoot}metadata/resource` },
  });
  const basic = await fetch(`${oauthRoot}resource`, { headers: { Authorization: "Basic dXNlcjpwYXNzd2Q=" } });
  expect(basic.status).toBe(401);
  expect(challengeOf(basic).params["error"]).toBeUndefined();
  expect((await fetch(`${oauthRoot}resource`, { headers: { Authorization: "Bearer" } })).status).toBe(400);

  const client = await clientId();
  const { access_token } = await accessToken(client);
  expect((await bearer(`${oauthRoot}resource`, access_token)).status).toBe(200);
  time += 299_000;
  expect((await bearer(`${oauthRoot}resource`, access_token)).status).toBe(200);
  time += 1_000;
  try {
    const expired = await bearer(`${oauthRoot}resource`, access_token);
    expect(expired.status).toBe(401);
    expect(challengeOf(expired).params).toMatchObject({ error: "invalid_token" });
    expect(challengeOf(expired).params["error_description"]).toMatch(/expired/);
  } finally {
    time -= 300_000;
  }
  const elsewhere = await bearer(`${oauthRoot}step-up`, access_token);
  expect(elsewhere.status).toBe(401);
  expect(challengeOf(elsewhere).params["error_description"]).toMatch(/issued for .*oauth\/resource/);
  const [head, body] = access_token.split(".");
  const forged = await bearer(`${oauthRoot}resource`, `${head}.${body}.${"A".repeat(86)}`);
  expect(challengeOf(forged).params["error"]).toBe("invalid_token");
  const unsigned = await bearer(
    `${oauthRoot}resource`,
    `${base64url.encode('{"alg":"none","typ":"at+jwt"}')}.${body}.`,
  );
  expect(challengeOf(unsigned).params["error"]).toBe("invalid_token");
});

test("RFC 6750 §3.1: a read token that writes → 403 insufficient_scope with scope; a read write token writes", async () => {
  const client = await clientId();
  const read = await accessToken(client);
  const refused = await bearer(`${oauthRoot}resource`, read.access_token, "POST");
  expect(refused.status).toBe(403);
  expect(challengeOf(refused).params).toMatchObject({ error: "insufficient_scope", scope: "write" });
  const both = await accessToken(client, { scope: "read write" });
  expect((await bearer(`${oauthRoot}resource`, both.access_token, "POST")).status).toBe(200);
});

test("RFC 9470: a password login at step-up → 401 insufficient_user_authentication with acr_values and max_age; multi-factor → 200, until max_age", async () => {
  const client = await clientId();
  const stepUp = `${oauthRoot}step-up`;
  const weak = await accessToken(client, { resource: stepUp });
  const refused = await bearer(stepUp, weak.access_token);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("WWW-Authenticate")).toMatch(/max_age="300"/);
  expect(challengeOf(refused).params).toMatchObject({
    error: "insufficient_user_authentication",
    acr_values: "urn:http-status-lab:acr:mfa",
    max_age: "300",
    resource_metadata: `${oauthRoot}metadata/step-up`,
  });
  const mfa = { resource: stepUp, acr_values: "urn:http-status-lab:acr:mfa", max_age: "300" };
  // Without the one-time code the login does not go through.
  const params = authorizeParams(client, mfa);
  params.set("username", "user");
  params.set("password", "passwd");
  expect((await form(`${oauthRoot}as/authorize`, params)).status).toBe(200);
  params.set("otp", "123456");
  const redirected = await form(`${oauthRoot}as/authorize`, params);
  expect(redirected.status).toBe(302);
  const strong = await exchange(
    client,
    new URL(redirected.headers.get("Location") ?? "").searchParams.get("code") ?? "",
  );
  const { access_token, refresh_token } = (await strong.json()) as { access_token: string; refresh_token: string };
  expect((await bearer(stepUp, access_token)).status).toBe(200);
  // A refreshed token keeps the login time: past max_age the resource asks again.
  time += 301_000;
  try {
    const refreshed = await form(`${oauthRoot}as/token`, {
      grant_type: "refresh_token",
      refresh_token,
      client_id: client,
    });
    const late = await bearer(stepUp, ((await refreshed.json()) as { access_token: string }).access_token);
    expect(late.status).toBe(401);
    expect(challengeOf(late).params["error"]).toBe("insufficient_user_authentication");
    expect(challengeOf(late).params["error_description"]).toMatch(/301 seconds old/);
  } finally {
    time -= 301_000;
  }
});

// ---- DPoP (RFC 9449) ----------------------------------------------------------------------------------

test("RFC 9449 §8 at the token endpoint: 400 use_dpop_nonce with DPoP-Nonce, then a DPoP token with cnf.jkt; dpop_jkt binds the code", async () => {
  const client = await clientId();
  const key = await dpopKey();
  const tokenUrl = `${oauthRoot}as/token`;
  const query = await code(client, { resource: `${oauthRoot}dpop`, dpop_jkt: key.jkt });
  const first = await exchange(client, query.get("code") ?? "", {}, { DPoP: await proof(key, "POST", tokenUrl) });
  expect(first.status).toBe(400);
  expect(await first.json()).toMatchObject({ error: "use_dpop_nonce" });
  const nonce = first.headers.get("DPoP-Nonce") ?? "";
  expect(nonce.length).toBeGreaterThan(10);
  // The neighbour: a proof from another key for a code bound with dpop_jkt.
  const stranger = await dpopKey();
  const wrongKey = await exchange(
    client,
    query.get("code") ?? "",
    {},
    { DPoP: await proof(stranger, "POST", tokenUrl, { nonce }) },
  );
  expect(await wrongKey.json()).toMatchObject({ error: "invalid_grant" });
  const second = await exchange(
    client,
    query.get("code") ?? "",
    {},
    { DPoP: await proof(key, "POST", tokenUrl, { nonce }) },
  );
  expect(second.status).toBe(200);
  const issued = (await second.json()) as { access_token: string; token_type: string };
  expect(issued.token_type).toBe("DPoP");
  expect(decodeJwt(issued.access_token)).toMatchObject({ cnf: { jkt: key.jkt } });
});

test("RFC 9449 §7.1, §9 at the resource: nonce challenge, then 200; wrong URL, method, ath, typ, replay, Bearer use → refused", async () => {
  const client = await clientId();
  const key = await dpopKey();
  const tokenUrl = `${oauthRoot}as/token`;
  const resource = `${oauthRoot}dpop`;
  const query = await code(client, { resource });
  const first = await exchange(client, query.get("code") ?? "", {}, { DPoP: await proof(key, "POST", tokenUrl) });
  const asNonce = first.headers.get("DPoP-Nonce") ?? "";
  const issued = (await (
    await exchange(
      client,
      query.get("code") ?? "",
      {},
      { DPoP: await proof(key, "POST", tokenUrl, { nonce: asNonce }) },
    )
  ).json()) as { access_token: string };
  const token = issued.access_token;
  const call = async (dpopProof: string, init: { method?: string; scheme?: string } = {}) =>
    fetch(resource, {
      method: init.method ?? "GET",
      headers: { Authorization: `${init.scheme ?? "DPoP"} ${token}`, DPoP: dpopProof },
    });

  const noNonce = await call(await proof(key, "GET", resource, { accessToken: token }));
  expect(noNonce.status).toBe(401);
  expect(challengeOf(noNonce)).toMatchObject({ scheme: "DPoP", params: { error: "use_dpop_nonce" } });
  expect(challengeOf(noNonce).params["algs"]).toContain("ES256");
  const nonce = noNonce.headers.get("DPoP-Nonce") ?? "";
  expect(nonce).not.toBe("");
  // The token endpoint's nonce is not the resource's (RFC 9449 §9 lets them differ).
  expect(
    challengeOf(await call(await proof(key, "GET", resource, { accessToken: token, nonce: asNonce }))).params["error"],
  ).toBe("use_dpop_nonce");

  const good = await proof(key, "GET", `${resource}?ignored=query`, { accessToken: token, nonce });
  expect((await call(good)).status).toBe(200);
  const refusedBy = async (dpopProof: string, init?: { method?: string; scheme?: string }) => {
    const response = await call(dpopProof, init);
    expect(response.status).toBe(401);
    return challengeOf(response).params["error"];
  };
  expect(await refusedBy(good)).toBe("invalid_dpop_proof"); // replayed jti
  expect(await refusedBy(await proof(key, "GET", `${oauthRoot}resource`, { accessToken: token, nonce }))).toBe(
    "invalid_dpop_proof",
  );
  expect(await refusedBy(await proof(key, "POST", resource, { accessToken: token, nonce }))).toBe("invalid_dpop_proof");
  expect(await refusedBy(await proof(key, "GET", resource, { accessToken: "another", nonce }))).toBe(
    "invalid_dpop_proof",
  );
  expect(await refusedBy(await proof(key, "GET", resource, { accessToken: token, nonce, typ: "JWT" }))).toBe(
    "invalid_dpop_proof",
  );
  expect(
    await refusedBy(
      await proof(key, "GET", resource, { accessToken: token, nonce, iat: Math.floor(time / 1000) - 600 }),
    ),
  ).toBe("invalid_dpop_proof");
  expect(await refusedBy(await proof(await dpopKey(), "GET", resource, { accessToken: token, nonce }))).toBe(
    "invalid_dpop_proof",
  );
  expect(await refusedBy("not.a.jwt")).toBe("invalid_dpop_proof");
  expect(await refusedBy(await proof(key, "GET", resource, { accessToken: token, nonce }), { scheme: "Bearer" })).toBe(
    "invalid_token",
  );
  // A nonce past its lifetime gets a new nonce challenge.
  time += 121_000;
  try {
    const stale = await call(await proof(key, "GET", resource, { accessToken: token, nonce }));
    expect(challengeOf(stale).params["error"]).toBe("use_dpop_nonce");
  } finally {
    time -= 121_000;
  }
  // An unbound Bearer token is refused by the DPoP-only resource with a DPoP challenge.
  const plain = await accessToken(client, { resource });
  const bearerUse = await bearer(resource, plain.access_token);
  expect(challengeOf(bearerUse)).toMatchObject({ scheme: "DPoP", params: { error: "invalid_token" } });
});

// ---- Hostile input ---------------------------------------------------------------------------------

test(
  "no input gets a 5xx: random methods, fields and bodies at every OAuth endpoint (bounded property run)",
  { timeout: 30_000 },
  async () => {
    const endpoints = [
      "resource",
      "step-up",
      "dpop",
      "opaque",
      "metadata/resource",
      "as/register",
      "as/authorize",
      "as/token",
      "as/jwks",
      "as/revoke",
      "as/introspect",
      "as/.well-known/openid-configuration",
    ].map((path) => `${oauthRoot}${path}`);
    const text = fc.string({ maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.constantFrom("GET", "POST", "PUT", "DELETE"),
        fc.option(fc.oneof(text, fc.constant("Bearer x.y.z"), fc.constant("DPoP ey.ey.sig")), { nil: undefined }),
        fc.option(text, { nil: undefined }),
        fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain"),
        fc.oneof(
          text,
          fc
            .dictionary(
              fc.constantFrom("client_id", "code", "grant_type", "redirect_uri", "state", "resource", "token"),
              fc.oneof(text, fc.constant("https://client.example/c.json"), fc.constant("https://x/../c")),
            )
            .map((d) => new URLSearchParams(d).toString()),
        ),
        async (url, method, authorization, dpop, type, body) => {
          const headers = new Headers({ "Content-Type": type });
          try {
            if (authorization !== undefined) headers.set("Authorization", authorization);
            if (dpop !== undefined) headers.set("DPoP", dpop);
          } catch {
            // A value fetch itself refuses never reaches a server.
          }
          const response = await fetch(`${url}?${body}`, {
            method,
            headers,
            ...(method === "GET" ? {} : { body }),
            redirect: "manual",
          });
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 100, seed: 13 },
    );
  },
);

test("RFC 9449 §5.2: a client registered with dpop_bound_access_tokens must send a proof; RFC 6750 §2.3 query tokens are not taken", async () => {
  const client = await clientId({ redirect_uris: [redirectUri], dpop_bound_access_tokens: true });
  const plain = await exchange(client, (await code(client)).get("code") ?? "");
  expect(plain.status).toBe(400);
  expect(await plain.json()).toMatchObject({ error: "invalid_dpop_proof" });
  // The neighbour: the same kind of request from a client that did not register it gets a Bearer token.
  const other = await clientId();
  expect((await exchange(other, (await code(other)).get("code") ?? "")).status).toBe(200);

  const { access_token } = await accessToken(other);
  // bearer_methods_supported is ["header"]: a token in the query is no token at all (401, no error).
  const inQuery = await fetch(`${oauthRoot}resource?access_token=${access_token}`);
  expect(inQuery.status).toBe(401);
  expect(challengeOf(inQuery).params["error"]).toBeUndefined();
});

test("RFC 6749 §3.1.2: a registered redirect URI's own query is kept, and code and state are added to it", async () => {
  const withQuery = `${redirectUri}?app=lab`;
  const client = await clientId({ redirect_uris: [withQuery] });
  const params = authorizeParams(client, { redirect_uri: withQuery });
  params.set("username", "user");
  params.set("password", "passwd");
  const response = await form(`${oauthRoot}as/authorize`, params);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("Location") ?? "");
  expect(location.searchParams.get("app")).toBe("lab");
  expect(location.searchParams.get("state")).toBe("st-1");
  expect(location.searchParams.get("code")).not.toBeNull();
});
