/**
 * The sandbox memory in Redis (src/server/redis-memory.ts) against the in-process one
 * (src/sandbox/memory.ts): the same sequences give the same answers, bounds and eviction included;
 * two clients racing for one value get one "fresh"; Redis away is MemoryUnavailableError (503),
 * never a guess; and a Redis that comes back empty never accepts what it may have seen before.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDigestReplayMemory } from "../../src/http/index.ts";
import { MemoryUnavailableError, type SandboxMemory } from "../../src/sandbox/memory.ts";
import { createOneTimeMemory } from "../../src/sandbox/scenarios/oauth/one-time-memory.ts";
import { createRedisMemory, redisUrlProblem } from "../../src/server/start-server.ts";
import { nodeTransport } from "../../src/sandbox/node.ts";
import { bearer, form, oauthClient } from "./oauth-flow-helpers.ts";
import { startRedis, type RedisDaemon } from "./redis-daemon.ts";

let redis: RedisDaemon;
const opened: SandboxMemory[] = [];
let prefixes = 0;

/** A Redis memory with its own keys, so the tests do not see each other's. */
async function redisMemory(options: Parameters<typeof createRedisMemory>[1] = {}) {
  const memory = await createRedisMemory(redis.url, { prefix: `test${++prefixes}:`, ...options });
  opened.push(memory);
  return memory;
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const memory of opened) await memory.close();
  await redis.remove();
});

/** Sequences of createDigestReplayMemory's own tests (src/http/digest-server.replay-memory.test.ts), as [nonce, issuedAt, nc, now, lifetime]. */
const digestSequences: Array<{
  maxNonces?: number;
  bucketMs?: number;
  steps: Array<[string, number, number, number, number]>;
}> = [
  {
    steps: [
      ["a", 0, 1, 0, 1000],
      ["a", 0, 1, 0, 1000],
      ["a", 0, 5, 0, 1000],
      ["a", 0, 4, 0, 1000],
      ["b", 0, 1, 0, 1000],
    ],
  },
  {
    maxNonces: 2,
    bucketMs: 100,
    steps: [
      ["old", 0, 1, 0, 1000],
      ["quiet", 900, 1, 900, 1000],
      ["new", 1100, 1, 1150, 1000],
      ["quiet", 900, 2, 1150, 1000],
      ["quiet", 900, 2, 1150, 1000],
    ],
  },
  {
    maxNonces: 4,
    bucketMs: 100,
    steps: [
      ["quiet", 0, 1, 0, 10_000],
      ["f1", 150, 1, 150, 10_000],
      ["f2", 150, 1, 150, 10_000],
      ["f3", 150, 1, 150, 10_000],
      ["f4", 160, 1, 160, 10_000],
      ["quiet", 0, 2, 200, 10_000],
      ["quiet", 0, 2, 200, 10_000],
      ["f1", 150, 1, 200, 10_000],
      ["f1", 150, 2, 200, 10_000],
    ],
  },
  {
    maxNonces: 2,
    bucketMs: 100,
    steps: [
      ["a", 0, 1, 0, 10_000],
      ["b", 100, 1, 100, 10_000],
      ["c", 200, 1, 200, 10_000],
      ["a", 0, 2, 200, 10_000],
      ["b", 100, 2, 200, 10_000],
    ],
  },
];

test("Digest nonce counts: Redis answers every sequence as the in-process memory does, eviction included", async () => {
  const all: string[] = [];
  for (const { steps, ...bounds } of digestSequences) {
    const local = createDigestReplayMemory(bounds);
    // The marker says this memory remembers since time 0: the sequences' clock starts there.
    const shared = await redisMemory({ ...bounds, now: () => 0 });
    const answers = { local: [] as string[], shared: [] as string[] };
    for (const [nonce, issuedAt, nc, now, lifetime] of steps) {
      answers.local.push(local.record(nonce, issuedAt, nc, now, lifetime));
      answers.shared.push(await shared.digestNonceCounts.record(nonce, issuedAt, nc, now, lifetime));
    }
    expect(answers.shared).toEqual(answers.local);
    all.push(...answers.shared);
  }
  // The sequences reach every answer, so the comparison covers replays and eviction.
  expect(new Set(all)).toEqual(new Set(["fresh", "replayed", "evicted"]));
});

test("values used once: the same answers as the in-process memory, expiry and bound included", async () => {
  const local = createOneTimeMemory(3);
  const shared = await redisMemory({ now: () => 0, keyspaces: { codes: { max: 3, longestLifeMs: 2_000 } } });
  const steps: Array<[string, number, number]> = [
    ["a", 5_000, 0],
    ["b", 2_000, 0],
    ["c", 9_000, 0],
    ["d", 9_000, 0],
    ["a", 5_000, 1],
    ["c", 9_000, 1],
    ["d", 9_000, 1],
    ["b", 2_000, 1], // b, closest to expiry, was evicted: fresh again, in both homes
    ["e", 9_500, 6_000], // a and b have expired by now
    ["a", 5_000, 6_000],
  ];
  const answers = { local: [] as string[], shared: [] as string[] };
  for (const [key, expiresAt, now] of steps) {
    answers.local.push(local.use(key, expiresAt, now));
    answers.shared.push(await shared.once.codes.use(key, expiresAt, now));
  }
  expect(answers.shared).toEqual(answers.local);
  expect(answers.shared.filter((answer) => answer === "replayed")).toHaveLength(3);
});

test("looking a value up (a revocation list): the same answers in both homes, and looking does not use it", async () => {
  const local = createOneTimeMemory(3);
  const shared = await redisMemory({ now: () => 0, keyspaces: { codes: { max: 3, longestLifeMs: 5_000 } } });
  const steps: Array<["use" | "has", string, number, number]> = [
    ["has", "revoked-1", 5_000, 0], // never marked
    ["use", "revoked-1", 5_000, 0], // marked (revoked)
    ["has", "revoked-1", 5_000, 10],
    ["has", "revoked-2", 5_000, 10],
    ["has", "revoked-2", 5_000, 20], // looking did not mark it
    ["has", "revoked-1", 5_000, 5_000], // expired: forgotten
  ];
  const answers = { local: [] as Array<string | boolean>, shared: [] as Array<string | boolean> };
  for (const [operation, key, expiresAt, now] of steps) {
    answers.local.push(local[operation](key, expiresAt, now));
    answers.shared.push(await shared.once.codes[operation](key, expiresAt, now));
  }
  expect(answers.shared).toEqual(answers.local);
  expect(answers.shared).toEqual([false, "fresh", true, false, false, false]);
});

test("two servers asking at once: exactly one hears fresh, for a code and for a nonce count", async () => {
  const prefix = `race${Date.now()}:`;
  const servers = await Promise.all([1, 2, 3].map(() => redisMemory({ prefix })));
  const now = Date.now();
  const codes = await Promise.all(
    servers.map(async (memory) => await memory.once.codes.use("code-1", now + 60_000, now)),
  );
  expect(codes.sort()).toEqual(["fresh", "replayed", "replayed"]);
  const counts = await Promise.all(
    servers.map(async (memory) => await memory.digestNonceCounts.record("nonce-1", now, 1, now, 60_000)),
  );
  expect(counts.sort()).toEqual(["fresh", "replayed", "replayed"]);
  // Its neighbour: separate memories (one per server, as without REDIS_URL) each say fresh.
  const apart = await Promise.all(
    [1, 2].map(async () => (await redisMemory()).once.codes.use("code-1", now + 60_000, now)),
  );
  expect(apart).toEqual(["fresh", "fresh"]);
});

test("Redis away: MemoryUnavailableError with a wait, then answers again; emptied, it never accepts a replay", async () => {
  const memory = await redisMemory({ commandTimeoutMs: 500 });
  const before = Date.now();
  expect(await memory.once.codes.use("used-before", before + 60_000, before)).toBe("fresh");
  expect(await memory.digestNonceCounts.record("nonce-before", before, 1, before, 60_000)).toBe("fresh");
  await redis.stop();
  const error = await Promise.resolve(memory.once.codes.use("other", before + 60_000, Date.now())).catch(
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MemoryUnavailableError);
  expect((error as MemoryUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
  await redis.start();
  // It reconnects by itself (retries every second at most).
  const deadline = Date.now() + 10_000;
  let answer: string | undefined;
  while (answer === undefined && Date.now() < deadline) {
    const now = Date.now();
    answer = await Promise.resolve(memory.once.codes.use(`after-${now}`, now + 61_000, now)).catch(() => undefined);
    if (answer === undefined) await new Promise((wait) => setTimeout(wait, 100));
  }
  expect(answer).toBe("fresh");
  // Redis came back empty: what it saw before is not taken as new. The code is not judged (503),
  // the nonce is answered "evicted" (the server says stale=true and the client takes a new nonce).
  const now = Date.now();
  await expect(Promise.resolve(memory.once.codes.use("used-before", before + 60_000, now))).rejects.toBeInstanceOf(
    MemoryUnavailableError,
  );
  expect(await memory.digestNonceCounts.record("nonce-before", before, 1, now, 60_000)).toBe("evicted");
  // Nor is a lookup answered: a revoked value it forgot must not pass as not revoked.
  await expect(Promise.resolve(memory.once.codes.has("used-before", before + 60_000, now))).rejects.toBeInstanceOf(
    MemoryUnavailableError,
  );
  // A nonce issued after it came back is remembered as usual.
  expect(await memory.digestNonceCounts.record("nonce-after", now, 1, now, 60_000)).toBe("fresh");
  expect(await memory.digestNonceCounts.record("nonce-after", now, 1, now, 60_000)).toBe("replayed");
}, 30_000);

test("RFC 7009 across servers: a token revoked at one handler set sharing Redis is refused by another (401 invalid_token)", async () => {
  // Two connections to the same keys, as two live servers with one REDIS_URL have.
  const prefix = `revocation${++prefixes}:`;
  const memories = [await createRedisMemory(redis.url, { prefix }), await createRedisMemory(redis.url, { prefix })];
  opened.push(...memories);
  const [one, other] = memories.map((memory) => {
    const transport = nodeTransport("/", { memory, serverSecret: "shared" });
    return (request: Request) => transport.send(request);
  });
  if (one === undefined || other === undefined) throw new Error("two transports");
  const root = "http://lab.test/api/oauth/";
  const client = oauthClient(root, "http://127.0.0.1:9/cb", one);
  const id = await client.register();
  const { access_token: token } = await client.tokens(id, "opaque");
  expect((await bearer(`${root}opaque`, token, other)).status).toBe(200);
  expect((await form(`${root}as/revoke`, { token, client_id: id }, {}, one)).status).toBe(200);
  const refused = await bearer(`${root}opaque`, token, other);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("WWW-Authenticate")).toMatch(/error="invalid_token"/);
});

test("a REDIS_URL that is not a Redis URL is refused with a sentence saying what to write", () => {
  expect(redisUrlProblem("redis://127.0.0.1:6379")).toBeUndefined();
  expect(redisUrlProblem("rediss://:secret@cache.example:6380/2")).toBeUndefined();
  expect(redisUrlProblem("127.0.0.1:6379")).toMatch(/is not a URL: write it as redis:\/\/host:6379/);
  expect(redisUrlProblem("http://127.0.0.1:6379")).toMatch(/starts with http:\/\//);
  expect(redisUrlProblem("not a url")).toMatch(/is not a URL/);
});
