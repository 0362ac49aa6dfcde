/**
 * The sandbox handlers behind real fetch calls, intercepted in-process by msw/node (the tests'
 * transport in ARCHITECTURE.md), under the production base path. What fetch itself adds is tested here:
 * following redirects, form bodies with their Content-Type, Digest with src/http's client side.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { digestAuthorization, encodeBasic, parseChallenges, type Challenge } from "../../src/http/index.ts";
import { setupSandboxServer } from "../../src/sandbox/node.ts";

const origin = "http://lab.test";
const api = `${origin}/http-status-lab/api/`;
let time = Date.parse("2026-03-01T12:00:00Z");
const server = setupSandboxServer(origin, "/http-status-lab/", { now: () => time, serverSecret: "integration" });

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

function challengeOf(response: Response): Challenge {
  const parsed = parseChallenges(response.headers.get("WWW-Authenticate") ?? "");
  if (!parsed.ok || parsed.challenges[0] === undefined) throw new Error("no parsable challenge");
  return parsed.challenges[0];
}

/** What a browser does with a Digest challenge, built by src/http's digestAuthorization. */
async function digestRetry(
  url: string,
  challenge: Challenge,
  user: string,
  password: string,
  init: { method?: string; body?: string; nc?: string } = {},
) {
  const target = new URL(url);
  const authorization = await digestAuthorization({
    algorithm: challenge.params["algorithm"] ?? "MD5",
    username: user,
    password,
    realm: challenge.params["realm"] ?? "",
    method: init.method ?? "GET",
    uri: target.pathname + target.search,
    nonce: challenge.params["nonce"] ?? "",
    nc: init.nc ?? "00000001",
    cnonce: crypto.randomUUID().replaceAll("-", ""),
    qop: (challenge.params["qop"] ?? "auth").split(",")[0]?.trim() ?? "auth",
    entityBody: init.body ?? "",
    ...(challenge.params["opaque"] === undefined ? {} : { opaque: challenge.params["opaque"] }),
  });
  return fetch(url, {
    method: init.method ?? "GET",
    headers: { Authorization: authorization },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

test("Basic: fetch without credentials gets the challenge, with them 200", async () => {
  const first = await fetch(`${api}basic-auth/user/passwd`);
  expect(first.status).toBe(401);
  expect(challengeOf(first)).toEqual({ scheme: "Basic", params: { realm: "HTTP Status Lab", charset: "UTF-8" } });
  const second = await fetch(`${api}basic-auth/user/passwd`, {
    headers: { Authorization: encodeBasic("user", "passwd") },
  });
  expect(await second.json()).toEqual({ authenticated: true, user: "user" });
});

test("Digest, every algorithm and qop, through fetch and src/http's client: 401 then 200", async () => {
  for (const algorithm of ["MD5", "SHA-256", "SHA-512-256"]) {
    for (const qop of ["auth", "auth-int"]) {
      const url = `${api}digest-auth/${qop}/user/passwd/${algorithm}?from=fetch`;
      const first = await fetch(url, { method: "POST", body: "a=1" });
      expect(first.status).toBe(401);
      const second = await digestRetry(url, challengeOf(first), "user", "passwd", { method: "POST", body: "a=1" });
      expect(second.status, `${algorithm} ${qop}`).toBe(200);
    }
  }
});

test("Digest with a non-ASCII user name, sent as username* (RFC 7616 §3.4.4)", async () => {
  const url = `${api}digest-auth/auth/J%C3%A4s%C3%B8n/Circle%20of%20Life/SHA-256`;
  const first = await fetch(url);
  const second = await digestRetry(url, challengeOf(first), "Jäsøn", "Circle of Life");
  expect(await second.json()).toEqual({ authenticated: true, user: "Jäsøn" });
});

test("Digest: a nonce outlives neither its minute nor a replay, and concurrent handshakes do not interfere", async () => {
  const url = `${api}digest-auth/auth/user/passwd/SHA-256`;
  const [a, b] = await Promise.all([fetch(url), fetch(url)]);
  const [challengeA, challengeB] = [challengeOf(a), challengeOf(b)];
  expect(challengeA.params["nonce"]).not.toBe(challengeB.params["nonce"]);
  const [okA, okB] = await Promise.all([
    digestRetry(url, challengeA, "user", "passwd"),
    digestRetry(url, challengeB, "user", "passwd"),
  ]);
  expect([okA.status, okB.status]).toEqual([200, 200]);
  expect((await digestRetry(url, challengeA, "user", "passwd")).status).toBe(401);
  time += 61_000;
  const stale = await digestRetry(url, challengeA, "user", "passwd", { nc: "00000002" });
  expect(stale.status).toBe(401);
  expect(challengeOf(stale).params["stale"]).toBe("true");
});

test("Bearer: fetch's URLSearchParams body is a form body, so the token in it counts (RFC 6750 §2.2)", async () => {
  const response = await fetch(`${api}bearer`, {
    method: "POST",
    body: new URLSearchParams({ access_token: "demo-read-write" }),
  });
  expect(response.status).toBe(200);
  const readOnly = await fetch(`${api}bearer`, {
    method: "PUT",
    body: new URLSearchParams({ access_token: "demo-read-only" }),
  });
  expect(readOnly.status).toBe(403);
  expect(challengeOf(readOnly).params).toMatchObject({ error: "insufficient_scope", scope: "write" });
});

test("fetch follows status/302 to status/200 under the base path", async () => {
  const response = await fetch(`${api}status/302`);
  expect(response.status).toBe(200);
  expect(response.redirected).toBe(true);
  expect(response.url).toBe(`${api}status/200`);
});

test("a 303 turns POST into GET; a 307 keeps POST and its body", async () => {
  const seeOther = await fetch(`${api}status/303`, { method: "POST", body: "x" });
  expect(seeOther.status).toBe(200);
  const temporary = await fetch(`${api}status/307`, { method: "POST", body: "x" });
  expect(temporary.status).toBe(200);
  expect(temporary.url).toBe(`${api}status/200`);
});

test("redirect: manual shows the 3xx itself with its Location", async () => {
  const response = await fetch(`${api}status/308`, { redirect: "manual" });
  expect(response.status).toBe(308);
  expect(response.headers.get("Location")).toBe("/http-status-lab/api/status/200");
});

test("401 versus 403 through fetch", async () => {
  expect((await fetch(`${api}admin/user/passwd`)).status).toBe(401);
  expect(
    (await fetch(`${api}admin/user/passwd`, { headers: { Authorization: encodeBasic("user", "passwd") } })).status,
  ).toBe(403);
  expect(
    (await fetch(`${api}admin/admin/passwd`, { headers: { Authorization: encodeBasic("admin", "passwd") } })).status,
  ).toBe(200);
});

test("hidden-basic-auth answers a stranger exactly like an unknown API path", async () => {
  const hidden = await fetch(`${api}hidden-basic-auth/user/passwd`);
  const unknown = await fetch(`${api}no-such-thing`);
  expect([hidden.status, await hidden.text()]).toEqual([unknown.status, await unknown.text()]);
});
