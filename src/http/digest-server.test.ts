import { expect, test } from "vitest";
import type { Challenge } from "./auth-field.ts";
import { createDigestServer, type DigestServerOptions } from "./digest-server.ts";
import { digestAuthorization } from "./digest.ts";
import { createDigestReplayMemory } from "./digest-server.ts";
import { formatChallenge } from "./auth-field.ts";
import { parseChallenges } from "./auth-field.ts";

function setup(options: Partial<DigestServerOptions> = {}) {
  let clock = 1_700_000_000_000;
  const server = createDigestServer({
    secret: "correct horse battery staple",
    realm: "lab",
    now: () => clock,
    ...options,
  });
  return { server, advance: (ms: number) => (clock += ms) };
}

async function answer(challenge: Challenge, changes: Record<string, unknown> = {}) {
  return digestAuthorization({
    algorithm: challenge.params["algorithm"] ?? "MD5",
    username: "ada",
    password: "p4ss",
    realm: challenge.params["realm"] ?? "",
    method: "GET",
    uri: "/api/digest-auth/auth/ada/p4ss/SHA-256",
    nonce: challenge.params["nonce"] ?? "",
    nc: "00000001",
    cnonce: "0a4f113b",
    qop: "auth",
    opaque: challenge.params["opaque"] ?? "",
    ...changes,
  });
}

const request = { method: "GET", uri: "/api/digest-auth/auth/ada/p4ss/SHA-256", user: "ada", password: "p4ss" };

/** Why `server` refuses the answer to `challenge` (with `changes`) sent on `request` (with `requestChanges`), or "accepted". */
async function reasonOf(
  server: ReturnType<typeof setup>["server"],
  challenge: Challenge,
  changes: Record<string, unknown> = {},
  requestChanges: Partial<typeof request> = {},
): Promise<string> {
  const verdict = await server.verify({
    ...request,
    ...requestChanges,
    authorization: await answer(challenge, changes),
  });
  return verdict.ok ? "accepted" : verdict.error.reason;
}

test("the challenge carries realm, qop, algorithm, nonce, opaque, charset and userhash", async () => {
  const { server } = setup();
  const value = formatChallenge(await server.challenge());
  expect(value).toMatch(
    /^Digest realm="lab", qop="auth", algorithm=SHA-256, nonce="[A-Za-z0-9_-]{64}", opaque="[A-Za-z0-9_-]{32}", charset=UTF-8, userhash=false$/,
  );
  expect(parseChallenges(value).ok).toBe(true);
});

test("several algorithms give one challenge each, sharing the nonce (RFC 7616 §3.7)", async () => {
  const { server } = setup({ algorithms: ["SHA-256", "md5"], qop: ["auth", "auth-int"], userhash: true });
  const challenges = await server.challenges({ stale: true });
  expect(challenges.map((c) => c.params["algorithm"])).toEqual(["SHA-256", "MD5"]);
  expect(challenges[0]?.params["nonce"]).toBe(challenges[1]?.params["nonce"]);
  expect(challenges[0]?.params).toMatchObject({ qop: "auth, auth-int", stale: "true", userhash: "true" });
});

test("a right answer is accepted once; the same nc again is a replay, a higher nc is fine", async () => {
  const { server } = setup();
  const challenge = await server.challenge();
  const authorization = await answer(challenge);
  expect(await server.verify({ ...request, authorization })).toEqual({
    ok: true,
    username: "ada",
    algorithm: "SHA-256",
    qop: "auth",
    nc: 1,
  });
  expect(await server.verify({ ...request, authorization })).toMatchObject({
    ok: false,
    error: { reason: "replayed-nonce-count" },
  });
  expect(await server.verify({ ...request, authorization: await answer(challenge, { nc: "00000003" }) })).toMatchObject(
    { ok: true, nc: 3 },
  );
  expect(await server.verify({ ...request, authorization: await answer(challenge, { nc: "00000002" }) })).toMatchObject(
    { error: { reason: "replayed-nonce-count" } },
  );
});

test("another instance with the same secret accepts the nonce: no shared memory needed", async () => {
  const { server } = setup();
  const other = setup().server;
  const authorization = await answer(await server.challenge());
  expect(await other.verify({ ...request, authorization })).toMatchObject({ ok: true });
});

test("an expired nonce with the right password is stale; with a wrong one it is wrong credentials", async () => {
  const { server, advance } = setup({ nonceLifetimeMs: 60_000 });
  const challenge = await server.challenge();
  advance(60_001);
  expect(await reasonOf(server, challenge)).toBe("stale-nonce");
  expect(await reasonOf(server, challenge, { password: "nope" })).toBe("wrong-credentials");
});

test("a nonce from another secret, or mangled, is invalid", async () => {
  const { server } = setup();
  const foreign = createDigestServer({ secret: new Uint8Array([1, 2, 3]), realm: "lab" });
  const challenge = await foreign.challenge();
  const opaque = (await server.challenge()).params["opaque"];
  expect(await reasonOf(server, challenge, { opaque })).toBe("invalid-nonce");
  expect(await reasonOf(server, challenge, { opaque, nonce: "short" })).toBe("invalid-nonce");
});

test("wrong user or password", async () => {
  const { server } = setup();
  const challenge = await server.challenge();
  expect(await reasonOf(server, challenge, { password: "x" })).toBe("wrong-credentials");
  expect(await reasonOf(server, challenge, { username: "eve" })).toBe("wrong-credentials");
});

test("uri must be the request-target (RFC 7616 §3.4.6); an absolute request URL is reduced to it", async () => {
  const { server } = setup();
  const challenge = await server.challenge();
  expect(await reasonOf(server, challenge, {}, { uri: "/other" })).toBe("uri-mismatch");
  const absolute = { ...request, uri: "http://localhost:4321/api/digest-auth/auth/ada/p4ss/SHA-256" };
  expect(await server.verify({ ...absolute, authorization: await answer(challenge) })).toMatchObject({ ok: true });
});

test("realm, algorithm, qop and opaque must be what was offered", async () => {
  const { server } = setup();
  const challenge = await server.challenge();
  for (const changes of [{ realm: "other" }, { algorithm: "MD5" }, { qop: "auth-int" }, { opaque: "forged" }]) {
    expect(
      await server.verify({ ...request, authorization: await answer(challenge, changes) }),
      JSON.stringify(changes),
    ).toMatchObject({ error: { reason: "mismatch" } });
  }
});

test("malformed credentials say what is wrong", async () => {
  const { server } = setup();
  const cases: Array<[string | null, string, string]> = [
    [null, "missing", "no Authorization"],
    ["  ", "missing", "no Authorization"],
    ["Digest", "malformed", '"username", "realm"'],
    ["Basic abc", "malformed", 'scheme "Basic"'],
    ["Digest abc==", "malformed", "token68"],
    ["Digest realm=", "malformed", "token68"],
    ['Digest username="a", realm="lab"', "malformed", '"nonce"'],
    [
      'Digest username="a", username*=UTF-8\'\'a, realm="lab", nonce="n", uri="/", response="r", qop=auth, nc=00000001, cnonce="c"',
      "malformed",
      "both",
    ],
    ["Digest a b", "malformed", "not valid credentials"],
  ];
  for (const [authorization, reason, words] of cases) {
    const result = await server.verify({ ...request, authorization });
    expect(result, String(authorization)).toMatchObject({ ok: false, error: { reason } });
    if (!result.ok) expect(result.error.message).toContain(words);
  }
  const challenge = await server.challenge();
  expect(
    await server.verify({ ...request, authorization: (await answer(challenge)).replace("nc=00000001", "nc=1") }),
  ).toMatchObject({ error: { reason: "malformed" } });
});

test("userhash (RFC 7616 §3.4.4) and username* are understood", async () => {
  const { server } = setup({ userhash: true, algorithms: ["SHA-512-256"] });
  const challenge = await server.challenge();
  const hashed = await answer(challenge, { userhash: true });
  expect(await server.verify({ ...request, authorization: hashed })).toMatchObject({ ok: true, username: "ada" });
  expect(
    await server.verify({
      ...request,
      user: "bob",
      authorization: await answer(challenge, { userhash: true, nc: "00000002" }),
    }),
  ).toMatchObject({ error: { reason: "wrong-credentials" } });
  const lookup = (name: string) => (name === "Jäsøn" ? "pw" : undefined);
  const star = await answer(challenge, { username: "Jäsøn", password: "pw", nc: "00000005" });
  expect(star).toContain("username*=UTF-8''J%C3%A4s%C3%B8n");
  expect(await server.verify({ method: "GET", uri: request.uri, authorization: star, lookup })).toMatchObject({
    ok: true,
    username: "Jäsøn",
  });
  expect(
    await server.verify({ method: "GET", uri: request.uri, authorization: star.replace("%C3%A4", "%C3"), lookup }),
  ).toMatchObject({ error: { reason: "malformed" } });
  expect(
    await server.verify({
      method: "GET",
      uri: request.uri,
      authorization: await answer(challenge, { userhash: true, nc: "00000009" }),
      lookup,
    }),
  ).toMatchObject({ error: { reason: "malformed" } });
});

test("auth-int hashes the body", async () => {
  const { server } = setup({ qop: ["auth-int"] });
  const challenge = await server.challenge();
  const authorization = await answer(challenge, { qop: "auth-int", method: "POST", entityBody: "hello" });
  expect(await server.verify({ ...request, method: "POST", body: "hello!", authorization })).toMatchObject({
    error: { reason: "wrong-credentials" },
  });
  expect(await server.verify({ ...request, method: "POST", body: "hello", authorization })).toMatchObject({
    ok: true,
    qop: "auth-int",
  });
});

test("auth-int hashes the body's octets, so a body that is not UTF-8 verifies only when hashed as sent", async () => {
  const { server } = setup({ qop: ["auth-int"] });
  const challenge = await server.challenge();
  const bytes = new Uint8Array([0x61, 0xff, 0x80, 0x62]);
  const post = { ...request, method: "POST", body: bytes };
  const replaced = new TextDecoder().decode(bytes);
  const asText = await answer(challenge, { qop: "auth-int", method: "POST", entityBody: replaced });
  expect(await server.verify({ ...post, authorization: asText })).toMatchObject({
    error: { reason: "wrong-credentials" },
  });
  const asBytes = await answer(challenge, { qop: "auth-int", method: "POST", entityBody: bytes });
  expect(await server.verify({ ...post, authorization: asBytes })).toMatchObject({ ok: true, qop: "auth-int" });
});

test("a shared replay memory that had to drop a nonce answers stale for it, never accepts a replay", async () => {
  const replayMemory = createDigestReplayMemory({ maxNonces: 1 });
  const { server, advance } = setup({ replayMemory });
  const first = await server.challenge();
  advance(1000);
  const second = await server.challenge();
  expect(await server.verify({ ...request, authorization: await answer(first) })).toMatchObject({ ok: true });
  expect(await server.verify({ ...request, authorization: await answer(second) })).toMatchObject({ ok: true });
  expect(await reasonOf(server, first)).toBe("stale-nonce");
});

test("refuses a configuration it cannot serve", () => {
  expect(() => createDigestServer({ secret: "s", realm: "r", algorithms: ["SHA-1"] })).toThrow("SHA-1");
  expect(() => createDigestServer({ secret: "s", realm: "r", algorithms: [] })).toThrow("at least one algorithm");
  expect(() => createDigestServer({ secret: "s", realm: "r", qop: [] })).toThrow("at least one qop");
  expect(() => createDigestServer({ secret: "", realm: "r" })).toThrow("secret is empty");
});

test("a flood of 10,000 logins in 30 s leaves another client's fresh nonce usable; its replay is still refused", async () => {
  const { server, advance } = setup({ qop: ["auth"] });
  const quiet = await server.challenge();
  expect(await server.verify({ ...request, authorization: await answer(quiet) })).toMatchObject({ ok: true });
  const floodChallenge = await server.challenge();
  for (let i = 0; i < 10_000; i++) {
    if (i % 333 === 0) advance(1000);
    // Each flood login uses a nonce of its own (the nonce's issue time and random part differ).
    const nonce = await server.issueNonce();
    const authorization = await answer({ ...floodChallenge, params: { ...floodChallenge.params, nonce } });
    const result = await server.verify({ ...request, authorization });
    if (!result.ok) throw new Error(`flood login ${i} failed: ${result.error.message}`);
  }
  expect(await server.verify({ ...request, authorization: await answer(quiet, { nc: "00000002" }) })).toMatchObject({
    ok: true,
    nc: 2,
  });
  expect(await reasonOf(server, quiet, { nc: "00000002" })).toBe("replayed-nonce-count");
}, 30_000);
