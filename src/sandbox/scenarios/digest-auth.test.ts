import { expect, test } from "vitest";
import { digestResponse, lintResponse, type Challenge } from "../../http/index.ts";
import { challengesOf, headerList, testClient } from "./test-client.ts";

type Answer = {
  user?: string;
  password?: string;
  method?: string;
  uri: string;
  nc?: string;
  cnonce?: string;
  body?: string | Uint8Array;
  /** Python requests quotes qop and algorithm; curl does not. */
  quoteAll?: boolean;
  /** Change one parameter after computing the response. */
  override?: Record<string, string>;
};

/** The one Digest challenge of a response, after src/http's lint found nothing wrong with it. */
function digestChallengeOf(response: Response): Challenge {
  const challenges = challengesOf(response);
  expect(challenges).toHaveLength(1);
  expect(challenges[0]?.scheme).toBe("Digest");
  expect(
    lintResponse({ status: response.status, headers: headerList(response) }).filter(
      (finding) => finding.severity === "error",
    ),
  ).toEqual([]);
  return challenges[0] as Challenge;
}

/** The Authorization value a client computes for a challenge, the response from src/http's digestResponse. */
async function answer(challenge: Challenge, input: Answer): Promise<string> {
  const p = challenge.params;
  const algorithm = p["algorithm"] ?? "MD5";
  const qop = (p["qop"] ?? "auth").split(",")[0]?.trim() ?? "auth";
  const nc = input.nc ?? "00000001";
  const cnonce = input.cnonce ?? "0a4f113b";
  const response = await digestResponse({
    algorithm,
    username: input.user ?? "user",
    password: input.password ?? "passwd",
    realm: p["realm"] ?? "",
    method: input.method ?? "GET",
    uri: input.uri,
    nonce: p["nonce"] ?? "",
    nc,
    cnonce,
    qop,
    entityBody: input.body ?? "",
  });
  const q = (value: string) => (input.quoteAll === true ? `"${value}"` : value);
  const params: Record<string, string> = {
    username: `"${input.user ?? "user"}"`,
    realm: `"${p["realm"] ?? ""}"`,
    nonce: `"${p["nonce"] ?? ""}"`,
    uri: `"${input.uri}"`,
    algorithm: q(algorithm),
    qop: q(qop),
    nc,
    cnonce: `"${cnonce}"`,
    response: `"${response}"`,
    opaque: `"${p["opaque"] ?? ""}"`,
    ...input.override,
  };
  return `Digest ${Object.entries(params)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ")}`;
}

async function handshake(
  send: ReturnType<typeof testClient>,
  path: string,
  init: RequestInit & { answer?: Partial<Answer> } = {},
) {
  const first = await send(path, { method: init.method ?? "GET", body: init.body ?? null });
  const challenge = digestChallengeOf(first);
  const authorization = await answer(challenge, {
    uri: path,
    method: init.method ?? "GET",
    body: typeof init.body === "string" ? init.body : "",
    ...init.answer,
  });
  const second = await send(path, {
    method: init.method ?? "GET",
    body: init.body ?? null,
    headers: { Authorization: authorization },
  });
  return { first, challenge, authorization, second };
}

test("no credentials: 401 with one Digest challenge carrying realm, qop, algorithm, nonce, opaque, charset", async () => {
  const response = await testClient()("/api/digest-auth/auth/user/passwd/MD5");
  expect(response.status).toBe(401);
  const { params } = digestChallengeOf(response);
  expect(Object.keys(params)).toEqual(["realm", "qop", "algorithm", "nonce", "opaque", "charset", "userhash"]);
  expect(params).toMatchObject({
    realm: "HTTP Status Lab",
    qop: "auth",
    algorithm: "MD5",
    charset: "UTF-8",
    userhash: "false",
  });
  expect(params["stale"]).toBeUndefined();
  expect(await response.json()).toEqual({ authenticated: false });
});

test("httpbin's path without an algorithm offers MD5", async () => {
  const { params } = digestChallengeOf(await testClient()("/api/digest-auth/auth/user/passwd"));
  expect(params["algorithm"]).toBe("MD5");
});

test("the algorithm in the path is case-insensitive and offered by its registered name", async () => {
  const send = testClient();
  expect(digestChallengeOf(await send("/api/digest-auth/auth/user/passwd/sha-256")).params["algorithm"]).toBe(
    "SHA-256",
  );
  expect(digestChallengeOf(await send("/api/digest-auth/auth/user/passwd/sha-512-256")).params["algorithm"]).toBe(
    "SHA-512-256",
  );
  expect(digestChallengeOf(await send("/api/digest-auth/auth/user/passwd/md5-SESS")).params["algorithm"]).toBe(
    "MD5-sess",
  );
});

test.each([
  ["auth", "MD5"],
  ["auth", "SHA-256"],
  ["auth", "SHA-512-256"],
  ["auth-int", "MD5"],
  ["auth-int", "SHA-256"],
  ["auth-int", "SHA-512-256"],
  ["auth", "SHA-256-sess"],
])("the full handshake with qop=%s and %s: 401, then 200", async (qop, algorithm) => {
  const { challenge, second } = await handshake(testClient(), `/api/digest-auth/${qop}/user/passwd/${algorithm}`);
  expect(challenge.params["qop"]).toBe(qop);
  expect(challenge.params["algorithm"]).toBe(algorithm);
  expect(second.status).toBe(200);
  expect(await second.json()).toEqual({ authenticated: true, user: "user" });
});

test("qop=auth-int hashes the body: a POST with the body answered right gets 200, a changed body 401", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth-int/user/passwd/SHA-256";
  const { second, challenge } = await handshake(send, path, { method: "POST", body: "name=value" });
  expect(second.status).toBe(200);
  const authorization = await answer(challenge, { uri: path, method: "POST", body: "name=value", nc: "00000002" });
  const tampered = await send(path, { method: "POST", body: "name=other", headers: { Authorization: authorization } });
  expect(tampered.status).toBe(401);
  expect(await tampered.json()).toMatchObject({ reason: "wrong-credentials" });
});

test("qop=auth-int hashes the body's octets: invalid UTF-8 verifies when hashed as sent, not as replacement characters", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth-int/user/passwd/SHA-256";
  const bytes = new Uint8Array([0x6e, 0x3d, 0xff, 0xfe, 0xc3, 0x28]); // "n=" then bytes that are not UTF-8
  const challenge = digestChallengeOf(await send(path, { method: "POST", body: bytes }));
  const decoded = new TextDecoder().decode(bytes); // "n=\uFFFD\uFFFD\uFFFD(": what a text reading makes of it
  const asText = await answer(challenge, { uri: path, method: "POST", body: decoded, nc: "00000001" });
  const refused = await send(path, { method: "POST", body: bytes, headers: { Authorization: asText } });
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({ reason: "wrong-credentials" });
  const asBytes = await answer(challenge, { uri: path, method: "POST", body: bytes, nc: "00000002" });
  const accepted = await send(path, { method: "POST", body: bytes, headers: { Authorization: asBytes } });
  expect(accepted.status).toBe(200);
});

test('Python requests\' quoting (qop="auth", algorithm="MD5") is accepted', async () => {
  const { second } = await handshake(testClient(), "/api/digest-auth/auth/user/passwd/MD5", {
    answer: { quoteAll: true },
  });
  expect(second.status).toBe(200);
});

test("the uri is the request-target, query included", async () => {
  const { second } = await handshake(testClient(), "/api/digest-auth/auth/user/passwd/MD5?lang=en");
  expect(second.status).toBe(200);
});

test("a uri that is not the request-target: 400 (RFC 7616 §3.4.6)", async () => {
  const { second } = await handshake(testClient(), "/api/digest-auth/auth/user/passwd/MD5", {
    answer: { uri: "/api/digest-auth/auth/user/passwd/SHA-256" },
  });
  expect(second.status).toBe(400);
  expect(await second.json()).toMatchObject({ authenticated: false, reason: "uri-mismatch" });
});

test("a wrong password: 401 with a fresh challenge, not stale", async () => {
  const { first, second } = await handshake(testClient(), "/api/digest-auth/auth/user/passwd/MD5", {
    answer: { password: "wrong" },
  });
  expect(second.status).toBe(401);
  const challenge = digestChallengeOf(second);
  expect(challenge.params["stale"]).toBeUndefined();
  expect(challenge.params["nonce"]).not.toBe(digestChallengeOf(first).params["nonce"]);
  expect(await second.json()).toMatchObject({ authenticated: false, reason: "wrong-credentials" });
});

test("the user in the path is the only user: another name with its right password gets 401", async () => {
  const { second } = await handshake(testClient(), "/api/digest-auth/auth/alice/secret/MD5", {
    answer: { user: "bob", password: "secret" },
  });
  expect(second.status).toBe(401);
});

test("an expired nonce with the right credentials: 401 with stale=true, then the new nonce works", async () => {
  let time = Date.parse("2026-01-01T00:00:00Z");
  const send = testClient({ now: () => time, nonceLifetimeMs: 60_000 });
  const path = "/api/digest-auth/auth/user/passwd/SHA-256";
  const challenge = digestChallengeOf(await send(path));
  time += 60_001;
  const late = await send(path, { headers: { Authorization: await answer(challenge, { uri: path }) } });
  expect(late.status).toBe(401);
  const renewed = digestChallengeOf(late);
  expect(renewed.params["stale"]).toBe("true");
  expect(await late.json()).toMatchObject({ authenticated: false, reason: "stale-nonce" });
  const retry = await send(path, { headers: { Authorization: await answer(renewed, { uri: path }) } });
  expect(retry.status).toBe(200);
});

test("within its lifetime the nonce is accepted", async () => {
  let time = 1_000_000;
  const send = testClient({ now: () => time, nonceLifetimeMs: 60_000 });
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const challenge = digestChallengeOf(await send(path));
  time += 59_000;
  expect((await send(path, { headers: { Authorization: await answer(challenge, { uri: path }) } })).status).toBe(200);
});

test("an expired nonce with a wrong password is not stale: new credentials are needed (RFC 7616 §3.3)", async () => {
  let time = 1_000_000;
  const send = testClient({ now: () => time });
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const challenge = digestChallengeOf(await send(path));
  time += 10 * 60_000;
  const response = await send(path, {
    headers: { Authorization: await answer(challenge, { uri: path, password: "wrong" }) },
  });
  expect(response.status).toBe(401);
  expect(digestChallengeOf(response).params["stale"]).toBeUndefined();
});

test("the default nonce lifetime is a minute", async () => {
  let time = 1_000_000;
  const send = testClient({ now: () => time });
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const challenge = digestChallengeOf(await send(path));
  time += 61_000;
  const response = await send(path, { headers: { Authorization: await answer(challenge, { uri: path }) } });
  expect(digestChallengeOf(response).params["stale"]).toBe("true");
});

test("a replayed nonce count is refused with a fresh challenge (not stale) and a reason; a higher nc is accepted", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const { second, authorization, challenge } = await handshake(send, path);
  expect(second.status).toBe(200);
  const replay = await send(path, { headers: { Authorization: authorization } });
  expect(replay.status).toBe(401);
  expect(digestChallengeOf(replay).params["stale"]).toBeUndefined();
  const body = (await replay.json()) as { reason: string; message: string };
  expect(body.reason).toBe("replayed-nonce-count");
  expect(body.message).toMatch(/nonce count/);
  const next = await send(path, { headers: { Authorization: await answer(challenge, { uri: path, nc: "00000002" }) } });
  expect(next.status).toBe(200);
});

test("stale_after in the path: a nonce authenticates that many requests, the next gets stale=true", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth/user/passwd/MD5/1";
  const { second, challenge } = await handshake(send, path);
  expect(second.status).toBe(200);
  const again = await send(path, {
    headers: { Authorization: await answer(challenge, { uri: path, nc: "00000002" }) },
  });
  expect(again.status).toBe(401);
  expect(digestChallengeOf(again).params["stale"]).toBe("true");
  expect(await again.json()).toMatchObject({ reason: "stale-nonce" });
  const never = await handshake(send, "/api/digest-auth/auth/user/passwd/MD5/never");
  expect(never.second.status).toBe(200);
});

test("a second handler set with the same secret accepts the first one's nonce", async () => {
  const path = "/api/digest-auth/auth/user/passwd/SHA-256";
  const challenge = digestChallengeOf(await testClient({ serverSecret: "shared secret" })(path));
  const authorization = await answer(challenge, { uri: path });
  expect(
    (await testClient({ serverSecret: "shared secret" })(path, { headers: { Authorization: authorization } })).status,
  ).toBe(200);
  const other = await testClient({ serverSecret: new Uint8Array(32).fill(7) })(path, {
    headers: { Authorization: authorization },
  });
  expect(other.status).toBe(401);
  // opaque is derived from the secret too, so another secret already fails on opaque.
  expect(await other.json()).toMatchObject({ reason: "mismatch" });
});

test("with no secret given, every handler set shares the default one (a restarted server keeps working)", async () => {
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const challenge = digestChallengeOf(await testClient()(path));
  expect(
    (await testClient()(path, { headers: { Authorization: await answer(challenge, { uri: path }) } })).status,
  ).toBe(200);
});

test("credentials for another algorithm, realm or opaque than offered: 401 with a fresh challenge", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth/user/passwd/SHA-256";
  const challenge = digestChallengeOf(await send(path));
  const md5 = await answer({ ...challenge, params: { ...challenge.params, algorithm: "MD5" } }, { uri: path });
  const wrongRealm = await answer({ ...challenge, params: { ...challenge.params, realm: "elsewhere" } }, { uri: path });
  const wrongOpaque = await answer(challenge, { uri: path, override: { opaque: '"x"' } });
  for (const authorization of [md5, wrongRealm, wrongOpaque]) {
    const response = await send(path, { headers: { Authorization: authorization } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: "mismatch" });
  }
});

test("Digest credentials without a required parameter, or unparsable ones: 400 with a sentence", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const missing = await send(path, { headers: { Authorization: 'Digest username="user", realm="HTTP Status Lab"' } });
  expect(missing.status).toBe(400);
  expect(await missing.json()).toMatchObject({ authenticated: false, reason: "malformed" });
  const broken = await send(path, { headers: { Authorization: 'Digest username="user' } });
  expect(broken.status).toBe(400);
  expect(((await broken.json()) as { message: string }).message).toMatch(/not valid credentials/);
});

test("another scheme: 401 with the Digest challenge", async () => {
  const response = await testClient()("/api/digest-auth/auth/user/passwd/MD5", {
    headers: { Authorization: `Basic ${btoa("user:passwd")}` },
  });
  expect(response.status).toBe(401);
  digestChallengeOf(response);
  expect(await response.json()).toMatchObject({ reason: "other-scheme" });
});

test("a forged nonce: 401, not stale", async () => {
  const send = testClient();
  const path = "/api/digest-auth/auth/user/passwd/MD5";
  const challenge = digestChallengeOf(await send(path));
  const forged = {
    ...challenge,
    params: { ...challenge.params, nonce: "dGhpcyBpcyBub3QgYSBub25jZSBmcm9tIHRoaXMgc2VydmVy" },
  };
  const response = await send(path, { headers: { Authorization: await answer(forged, { uri: path }) } });
  expect(response.status).toBe(401);
  expect(digestChallengeOf(response).params["stale"]).toBeUndefined();
  expect(await response.json()).toMatchObject({ reason: "invalid-nonce" });
});

test.each([
  ["/api/digest-auth/none/user/passwd/MD5", /qop "none"/],
  ["/api/digest-auth/auth/user/passwd/SHA-512", /algorithm "SHA-512"/],
  ["/api/digest-auth/auth/user/passwd/MD5/soon", /stale_after "soon"/],
  ["/api/digest-auth/auth/user/passwd/MD5/-1", /stale_after/],
])("a path naming no Digest resource (%s) is 404 with a sentence", async (path, message) => {
  const response = await testClient()(path);
  expect(response.status).toBe(404);
  expect(((await response.json()) as { error: string }).error).toMatch(message);
});

test("user names and passwords come from the path percent-decoded, and may be UTF-8", async () => {
  const path = "/api/digest-auth/auth/J%C3%A4s%C3%B8n/p%40ss%20word/SHA-256";
  const { second } = await handshake(testClient(), path, { answer: { user: "Jäsøn", password: "p@ss word" } });
  // A non-ASCII name goes in username (this test client does not use username*): both sides hash UTF-8.
  expect(second.status).toBe(200);
  expect(await second.json()).toEqual({ authenticated: true, user: "Jäsøn" });
});
