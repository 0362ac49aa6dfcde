/**
 * A keynote room on loopback (README, "A keynote room"): Redis, three live servers sharing its
 * REDIS_URL and one SERVER_SECRET, and nginx in front with the repository's
 * deploy/nginx/keynote.conf (its ports and directory replaced), which spreads requests over the
 * servers in turn. Proves that what one server saw, every server knows: the lessons run through
 * the front; a Digest answer to one server's nonce is accepted by another and its replay refused
 * by all; an OAuth code issued by one is redeemed at another, once; Redis going away is 503 with
 * Retry-After, never a wrong answer, and the servers recover when it returns.
 */
import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { parse } from "yaml";
import { lessonSchema } from "../../src/content/lesson-schema.ts";
import { digestAuthorization, parseChallenges } from "../../src/http/index.ts";
import { createSandboxClient, loadLessonRun, type SandboxTransport } from "../../src/sandbox/index.ts";
import { keynoteConf, nginxMainConf } from "../../scripts/keynote-conf.ts";
import { startDaemon, stopDaemon } from "./daemon.ts";
import { freePort } from "./httpbin-server.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";
import { startRedis, type RedisDaemon } from "./redis-daemon.ts";

const secret = "5f0c6a1e9b2d47c38e1f0a9d6b3c2e4f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";
let offset = 0;
/** The servers' clock: the test moves it on where a lesson waits, instead of sleeping. */
const now = () => Date.now() + offset;

let redis: RedisDaemon;
const servers: LiveServer[] = [];
let nginx: ChildProcess;
let front: string;
let scratch: string;

// A test that moved the clock (a lesson that waits) and failed leaves it as the room's again.
afterEach(() => {
  offset = 0;
});

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < 3; i++) {
    servers.push(await startLiveServer({ serverSecret: secret, redisUrl: redis.url, sandbox: { now } }));
  }
  scratch = mkdtempSync(join(tmpdir(), "http-status-lab-keynote-"));
  // nginx's workers run as another user when the test runs as root: let them read the site.
  for (const dir of [scratch, servers[0]?.root ?? ""]) chmodSync(dir, 0o755);
  const port = await freePort();
  writeFileSync(join(scratch, "nginx.conf"), nginxMainConf(scratch, join(scratch, "keynote.conf")));
  writeFileSync(
    join(scratch, "keynote.conf"),
    keynoteConf(
      servers.map((server) => server.port),
      port,
      servers[0]?.root ?? "",
    ),
  );
  nginx = await startDaemon(
    "/usr/sbin/nginx",
    ["-c", join(scratch, "nginx.conf"), "-p", scratch],
    port,
    join(scratch, "error.log"),
  );
  front = `http://127.0.0.1:${port}`;
}, 30_000);

afterAll(async () => {
  if (nginx !== undefined) await stopDaemon(nginx);
  for (const server of servers) await server.stop();
  await redis?.remove();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/**
 * Sends a request over node:http, to the front or straight to one server (`via`), with the
 * front's name in Host, as nginx passes it on: fetch would turn a 407 into a network error (Fetch
 * §4.4) and cannot set Host. The response comes back as sent: status, fields, body.
 */
async function send(request: Request, via?: string): Promise<Response> {
  const url = new URL(request.url);
  const target = new URL(via ?? url.origin);
  const body =
    request.method === "GET" || request.method === "HEAD" ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = { ...Object.fromEntries(request.headers), host: url.host };
  if (body !== undefined) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: target.hostname, port: target.port, method: request.method, path: url.pathname + url.search, headers },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const fields = new Headers();
          for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2)
            fields.append(incoming.rawHeaders[i] ?? "", incoming.rawHeaders[i + 1] ?? "");
          const status = incoming.statusCode ?? 0;
          const empty = request.method === "HEAD" || status === 204 || status === 304;
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: fields }));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** A request to `path` under the front's name, sent to server `via` (0, 1, 2) or to the front. */
const call = (path: string, init: RequestInit = {}, via?: number) =>
  send(new Request(new URL(path, front), init), via === undefined ? undefined : servers[via]?.origin);

const digestPath = "/api/digest-auth/auth/user/passwd/SHA-256";

/** A Digest answer (nc=00000001) to the challenge of a 401 from server `via` (or the front). */
async function digestAnswer(via?: number): Promise<string> {
  const response = await call(digestPath, {}, via);
  expect(response.status).toBe(401);
  const parsed = parseChallenges(response.headers.get("WWW-Authenticate") ?? "");
  const params = parsed.ok ? parsed.challenges[0]?.params : undefined;
  if (params === undefined) throw new Error("no Digest challenge");
  return digestAuthorization({
    algorithm: "SHA-256",
    username: "user",
    password: "passwd",
    realm: params["realm"] ?? "",
    method: "GET",
    uri: digestPath,
    nonce: params["nonce"] ?? "",
    nc: "00000001",
    cnonce: crypto.randomUUID(),
    qop: "auth",
    ...(params["opaque"] === undefined ? {} : { opaque: params["opaque"] }),
  });
}

const withDigest = (via: number | undefined, authorization: string) =>
  call(digestPath, { headers: { Authorization: authorization } }, via);

const redirectUri = "http://127.0.0.1:8765/callback";
const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const codeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B

/** Registers a client at server `via` and logs in there: the client_id and a code issued by that server. */
async function codeFrom(via?: number): Promise<{ clientId: string; code: string }> {
  const registered = await call(
    "/api/oauth/as/register",
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ redirect_uris: [redirectUri] }),
    },
    via,
  );
  expect(registered.status).toBe(201);
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const login = await call(
    "/api/oauth/as/authorize",
    {
      method: "POST",
      body: new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: redirectUri,
        state: "st",
        scope: "read",
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
        resource: `${front}/api/oauth/resource`,
        username: "user",
        password: "passwd",
      }),
    },
    via,
  );
  expect(login.status).toBe(302);
  const code = new URL(login.headers.get("Location") ?? "").searchParams.get("code") ?? "";
  return { clientId, code };
}

const redeem = (via: number | undefined, clientId: string, code: string) =>
  call(
    "/api/oauth/as/token",
    {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: verifier,
      }),
    },
    via,
  );

/** A refresh token request (RFC 6749 §6) sent to server `via`. */
const refresh = (via: number | undefined, clientId: string, refreshToken: string) =>
  call(
    "/api/oauth/as/token",
    {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId }),
    },
    via,
  );

test("nginx serves the site itself and the API from the servers, in turn", async () => {
  const page = await call("/status/401/");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<h1>401</h1>");
  const missing = await call("/no/such/page");
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain("This page does not exist");
  // Three 401s in a row come from three servers: each challenge names a nonce, and the API is answered.
  const statuses = await Promise.all([0, 1, 2].map(() => call("/api/basic-auth/user/passwd")));
  expect(statuses.map((response) => response.status)).toEqual([401, 401, 401]);
  const metadata = await call("/.well-known/oauth-authorization-server/api/oauth/as");
  expect(metadata.status).toBe(200);
  // The issuer names the front, not a server behind it (Host is passed on).
  expect(((await metadata.json()) as { issuer: string }).issuer).toBe(`${front}/api/oauth/as`);
});

test("every lesson runs through the front, each step on whichever server nginx picks", async () => {
  const lessonsDir = join(process.cwd(), "src/content/lessons");
  const transport: SandboxTransport = { kind: "node", send: (request) => send(request) };
  for (const file of readdirSync(lessonsDir).filter((name) => name.endsWith(".md"))) {
    const text = readFileSync(join(lessonsDir, file), "utf8");
    const lesson = lessonSchema.parse(parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? ""));
    offset = 0; // each lesson starts on the clock of the room, as in lessons.test.ts
    const client = createSandboxClient({ transport, base: "/", origin: front });
    const run = (await loadLessonRun()).createLessonRun();
    const results: Array<{ title: string; status: number; mismatches: string[] }> = [];
    for (const step of lesson.steps) {
      const wait = run.waitSeconds(step, now());
      if (!wait.ok) throw new Error(`${file}, ${step.title}: ${wait.error.message}`);
      offset += wait.seconds * 1000;
      const drafted = await run.draft(step, client.base, client.origin, client.memory.lastAuthorization);
      if (!drafted.ok) throw new Error(`${file}, ${step.title}: ${drafted.error.message}`);
      const sent = await client.send(drafted.draft);
      if (!sent.ok) throw new Error(`${file}, ${step.title}: ${sent.error.message}`);
      const recorded = run.record(step, sent.exchange);
      if (!recorded.ok) throw new Error(`${file}, ${step.title}: ${recorded.error.message}`);
      results.push({
        title: step.title,
        status: sent.exchange.response.status,
        mismatches: run.mismatches(step, sent.exchange),
      });
    }
    expect({ file, results }).toEqual({
      file,
      results: lesson.steps.map((step) => ({ title: step.title, status: step.expectStatus, mismatches: [] })),
    });
  }
}, 30_000);

test("a Digest answer to one server's nonce is accepted by another, and its replay refused by every one", async () => {
  const authorization = await digestAnswer(0);
  const accepted = await withDigest(1, authorization);
  expect(accepted.status).toBe(200);
  expect(await accepted.json()).toEqual({ authenticated: true, user: "user" });
  for (const via of [0, 1, 2, undefined]) {
    const replayed = await withDigest(via, authorization);
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { reason: string }).reason).toBe("replayed-nonce-count");
  }
});

const bearer = (token: string, via: number | undefined) =>
  call("/api/oauth/resource", { headers: { Authorization: `Bearer ${token}` } }, via);

test("an OAuth code issued by one server is redeemed at another, once; a replay anywhere revokes its tokens on every server", async () => {
  const { clientId, code } = await codeFrom(0);
  const first = await redeem(1, clientId, code);
  expect(first.status).toBe(200);
  const tokens = (await first.json()) as { access_token: string; refresh_token: string };
  // The access token, signed by server 1, is accepted by server 2 (one key, derived from the secret).
  expect((await bearer(tokens.access_token, 2)).status).toBe(200);
  for (const via of [2, 0, 1]) {
    const again = await redeem(via, clientId, code);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant", error_description: /used already/ });
  }
  // The replay at server 2 revoked what server 1 issued (RFC 6749 §4.1.2), on every server.
  for (const via of [0, 1, 2, undefined]) {
    const revoked = await bearer(tokens.access_token, via);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toMatch(/invalid_token/);
  }
  expect((await refresh(0, clientId, tokens.refresh_token)).status).toBe(400);
});

test("refresh tokens rotate across servers: a reuse at one revokes the family at all; a family not reused refreshes", async () => {
  const { clientId, code } = await codeFrom(1);
  const tokens = (await (await redeem(2, clientId, code)).json()) as { access_token: string; refresh_token: string };
  const rotated = await refresh(0, clientId, tokens.refresh_token);
  expect(rotated.status).toBe(200);
  const next = (await rotated.json()) as { access_token: string; refresh_token: string };
  // The old refresh token again, at another server: a reuse, refused, and the family revoked.
  const reused = await refresh(1, clientId, tokens.refresh_token);
  expect(reused.status).toBe(400);
  expect(await reused.json()).toMatchObject({ error: "invalid_grant", error_description: /used already/ });
  for (const via of [2, undefined]) expect((await refresh(via, clientId, next.refresh_token)).status).toBe(400);
  for (const via of [0, 2]) expect((await bearer(next.access_token, via)).status).toBe(401);
  // The neighbour: another family, rotated at one server and again at another, goes on.
  const other = await codeFrom(0);
  const otherTokens = (await (await redeem(0, other.clientId, other.code)).json()) as { refresh_token: string };
  const once = await refresh(1, other.clientId, otherTokens.refresh_token);
  expect(once.status).toBe(200);
  const twice = await refresh(2, other.clientId, ((await once.json()) as { refresh_token: string }).refresh_token);
  expect(twice.status).toBe(200);
});

test("Redis away: 503 with Retry-After where memory is needed, right answers where it is not; back again when it returns", async () => {
  const { clientId, code } = await codeFrom();
  const answered = await digestAnswer();
  await redis.stop();
  try {
    // What needs the memory is not guessed: 503 with Retry-After, from every server.
    for (const via of [0, 1, 2, undefined]) {
      const digest = await withDigest(via, answered);
      expect(digest.status).toBe(503);
      expect(Number(digest.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    const token = await redeem(undefined, clientId, code);
    expect(token.status).toBe(503);
    expect(token.headers.get("Retry-After")).toMatch(/^[1-9][0-9]*$/);
    // What does not need it is answered as always: a challenge, Basic.
    expect((await call(digestPath)).status).toBe(401);
    const basic = await call("/api/basic-auth/user/passwd", { headers: { Authorization: "Basic dXNlcjpwYXNzd2Q=" } });
    expect(basic.status).toBe(200);
  } finally {
    await redis.start();
  }
  // Redis came back empty. A fresh handshake succeeds on every server once it has reconnected
  // (each retries at least once a second; this waits up to about ten), and its replay is refused again.
  for (const via of [0, 1, 2]) {
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = (await withDigest(via, await digestAnswer(via))).status;
      if (status !== 200) await new Promise((wait) => setTimeout(wait, 100));
    }
    expect(status).toBe(200);
  }
  const fresh = await digestAnswer(0);
  expect((await withDigest(1, fresh)).status).toBe(200);
  expect((await withDigest(2, fresh)).status).toBe(401);
  // The code issued before Redis forgot cannot be judged: still not a 200 (it may have been used), nor a crash.
  expect((await redeem(undefined, clientId, code)).status).toBe(503);
}, 30_000);
