/**
 * The sandbox's memory in Redis (or Valkey), for several live servers behind one name
 * (src/sandbox/memory.ts has the interface; decisions/keynote-room.md why ioredis). Each decision
 * is one Lua script, which Redis runs atomically: of two servers asked the same nonce count or code
 * at once, one hears "fresh". Bounds and eviction are the in-process ones, with expiries as times:
 *
 * - Digest nonce counts: one hash per second of issue (nonce → highest nc) with a TTL at the
 *   second's last expiry; an index of seconds by record count; at most `maxNonces` records, past
 *   which the densest second (ties: the oldest) is given up and its nonces answered "evicted"
 *   (the server says stale=true), as createDigestReplayMemory does (ARCHITECTURE.md).
 * - Values used once: one sorted set per keyspace (value → expiry); expired values leave first,
 *   and past `max` the one closest to expiry, as createOneTimeMemory does.
 *
 * Redis going away never yields a guess: an operation that cannot reach it throws
 * MemoryUnavailableError and the server answers 503 with Retry-After. A Redis that comes back empty
 * (restarted without persistence, flushed) is noticed by a marker key holding the time since which
 * it remembers: a Digest nonce issued before then is answered "evicted" (stale=true, the client
 * takes a new nonce), and a once-used value that may have been used before then is not judged
 * (503) rather than accepted twice.
 */
import { Redis } from "ioredis";
import {
  eachOnceKeyspace,
  MemoryUnavailableError,
  type OnceKeyspace,
  type OnceKeyspaceSpec,
  type SandboxMemory,
} from "../sandbox/node.ts";

/**
 * On every connection: KEYS generation, since; ARGV: the generation this process saw last ("" on
 * its first connection), now, a new generation id. A Redis without a generation is new or came back
 * empty: on a process's first connection that cannot be told apart from a first start (as with a
 * restart of one server today, nothing was seen), so it remembers "since 0"; on a reconnection it
 * lost what it held, so it remembers since now. A generation other than the one seen last means
 * another process found it emptied: since becomes now here too. Returns the generation.
 */
const greetScript = `
local generation = redis.call('GET', KEYS[1])
if not generation then
  redis.call('SET', KEYS[1], ARGV[3])
  if ARGV[1] == '' then
    redis.call('SET', KEYS[2], '0', 'NX')
  else
    redis.call('SET', KEYS[2], ARGV[2])
  end
  return ARGV[3]
end
if ARGV[1] ~= '' and generation ~= ARGV[1] then
  local since = tonumber(redis.call('GET', KEYS[2]) or '0')
  if since < tonumber(ARGV[2]) then redis.call('SET', KEYS[2], ARGV[2]) end
end
redis.call('SET', KEYS[2], ARGV[2], 'NX')
return generation`;

/** Every decision's first part: the time since which this Redis remembers; if it was emptied while connected, now. */
const since = `
local since = tonumber(redis.call('GET', KEYS[1]))
if not since then
  redis.call('SET', KEYS[1], ARGV[1])
  since = tonumber(ARGV[1])
end`;

/**
 * KEYS: since, zset (value → expiry). ARGV: now, value, expiresAt, max, longestLifeMs.
 * Returns "fresh", "replayed", or the marker's time when the value may predate it.
 */
const useOnceScript = `${since}
local now = tonumber(ARGV[1])
if tonumber(ARGV[3]) - tonumber(ARGV[5]) < since then return tostring(since) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZSCORE', KEYS[2], ARGV[2]) then return 'replayed' end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
local size = redis.call('ZCARD', KEYS[2])
local max = tonumber(ARGV[4])
if size > max then redis.call('ZPOPMIN', KEYS[2], size - max) end
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIRE', KEYS[2], math.max(1000, tonumber(last[2]) - now + 1000)) end
return 'fresh'`;

/** KEYS: since, zset. ARGV: now, value, expiresAt, longestLifeMs. Returns "yes", "no", or the marker's time. */
const hasOnceScript = `${since}
if tonumber(ARGV[3]) - tonumber(ARGV[4]) < since then return tostring(since) end
local expiry = redis.call('ZSCORE', KEYS[2], ARGV[2])
if expiry and tonumber(expiry) > tonumber(ARGV[1]) then return 'yes' end
return 'no'`;

/**
 * KEYS: since, index (second → -records), deadlines (second → last expiry), evicted (second →
 * last expiry), size. ARGV: now, bucket key prefix, nonce, second (zero-padded, so that ties in
 * the index go oldest first), nc, the second's last expiry, maxNonces, issuedAt.
 */
const recordNonceCountScript = `${since}
local now = tonumber(ARGV[1])
if tonumber(ARGV[8]) < since then return 'evicted' end
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[1])) do
  local records = tonumber(redis.call('ZSCORE', KEYS[2], gone) or '0')
  redis.call('ZREM', KEYS[2], gone)
  redis.call('ZREM', KEYS[3], gone)
  redis.call('DEL', ARGV[2] .. gone)
  redis.call('DECRBY', KEYS[5], -records)
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[1])
local second = ARGV[4]
if redis.call('ZSCORE', KEYS[4], second) then return 'evicted' end
local bucket = ARGV[2] .. second
local seen = redis.call('HGET', bucket, ARGV[3])
if seen and tonumber(ARGV[5]) <= tonumber(seen) then return 'replayed' end
redis.call('HSET', bucket, ARGV[3], ARGV[5])
if not seen then
  redis.call('ZINCRBY', KEYS[2], -1, second)
  redis.call('ZADD', KEYS[3], ARGV[6], second)
  redis.call('INCR', KEYS[5])
  redis.call('PEXPIRE', bucket, math.max(1000, tonumber(ARGV[6]) - now + 1000))
end
local max = tonumber(ARGV[7])
while tonumber(redis.call('GET', KEYS[5]) or '0') > max do
  local densest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if not densest[1] then break end
  local given = densest[1]
  redis.call('ZREM', KEYS[2], given)
  redis.call('DEL', ARGV[2] .. given)
  redis.call('DECRBY', KEYS[5], -tonumber(densest[2]))
  redis.call('ZADD', KEYS[4], redis.call('ZSCORE', KEYS[3], given) or ARGV[6], given)
  redis.call('ZREM', KEYS[3], given)
end
if redis.call('ZSCORE', KEYS[4], second) then return 'evicted' end
return 'fresh'`;

type Scripted = Redis & {
  greet(...args: Array<string | number>): Promise<string>;
  useOnce(...args: Array<string | number>): Promise<string>;
  hasOnce(...args: Array<string | number>): Promise<string>;
  recordNonceCount(...args: Array<string | number>): Promise<string>;
};

export type RedisMemoryOptions = {
  /** Prepended to every key, so that several sites can share one Redis. */
  prefix?: string;
  /** The Digest memory's bounds, as createDigestReplayMemory's. */
  maxNonces?: number;
  bucketMs?: number;
  /** Keyspace bounds other than the defaults of src/sandbox/memory.ts (tests). */
  keyspaces?: Partial<Record<keyof SandboxMemory["once"], OnceKeyspaceSpec>>;
  /** How long one operation may take before it is answered 503 (default 1 s). */
  commandTimeoutMs?: number;
  /** Where the memory says it lost or found Redis (default: nowhere). */
  log?: (line: string) => void;
  now?: () => number;
};

/** Seconds a client is asked to wait when Redis cannot be reached (Retry-After). */
const retryAfterSeconds = 2;

/** Why REDIS_URL cannot be used, as a sentence saying what to write instead; undefined when it can. */
export function redisUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    if (!url.includes("://")) throw new TypeError("no scheme");
    parsed = new URL(url);
  } catch {
    return "REDIS_URL is not a URL: write it as redis://host:6379 (or rediss://host:6380 for TLS, redis://:password@host:6379/0 with a password and a database).";
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    return `REDIS_URL starts with ${parsed.protocol}//; write redis://host:6379, or rediss:// for TLS.`;
  if (parsed.hostname === "") return "REDIS_URL names no host: write redis://host:6379.";
  return undefined;
}

/** `redis://host:port/db` without user or password, for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(a REDIS_URL that is not a URL)";
  }
}

/** A client for `url` that fails fast while Redis is away, with this file's scripts defined on it. */
function scriptedClient(url: string, commandTimeoutMs: number): Scripted {
  const client = new Redis(url, {
    lazyConnect: true,
    // No queue while disconnected: a request is answered 503 now, not held until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * times, 1000),
  }) as Scripted;
  client.defineCommand("useOnce", { numberOfKeys: 2, lua: useOnceScript });
  client.defineCommand("hasOnce", { numberOfKeys: 2, lua: hasOnceScript });
  client.defineCommand("recordNonceCount", { numberOfKeys: 5, lua: recordNonceCountScript });
  client.defineCommand("greet", { numberOfKeys: 2, lua: greetScript });
  return client;
}

/** Turns a failed command into a 503 (MemoryUnavailableError); a script Redis refuses stays an error. */
function unavailable(error: unknown): never {
  // A script Redis refuses is a bug here, not an outage: let it be a 500 with its message.
  if (error instanceof Error && error.name === "ReplyError") throw error;
  throw new MemoryUnavailableError(
    `The server's shared memory (Redis) does not answer: ${error instanceof Error ? error.message : String(error)}.`,
    retryAfterSeconds,
  );
}

/** The marker's answer: the memory is younger than this value could be, so it cannot judge it. */
function forgotten(name: string, since: string, spec: OnceKeyspaceSpec, at: number): never {
  const wait = Math.max(1, Math.ceil((Number(since) + spec.longestLifeMs - at) / 1000));
  throw new MemoryUnavailableError(
    `The server's shared memory was emptied recently, so it cannot tell whether this ${name.replace(/s$/, "")} was used before; start again with a new one.`,
    wait,
  );
}

/** The Redis keys one memory uses: everything under `prefix`, and the marker of when it last started empty. */
interface Keys {
  prefix: string;
  since: string;
}

/** One keyspace of values used once, kept in a sorted set under `prefix` (see useOnceScript, hasOnceScript). */
function redisOnceKeyspace(client: Scripted, keys: Keys, name: string, spec: OnceKeyspaceSpec): OnceKeyspace {
  return {
    async use(key, expiresAt, at) {
      const answer = await client
        .useOnce(keys.since, `${keys.prefix}once:${name}`, at, key, expiresAt, spec.max, spec.longestLifeMs)
        .catch(unavailable);
      return answer === "fresh" || answer === "replayed" ? answer : forgotten(name, answer, spec, at);
    },
    async has(key, expiresAt, at) {
      const answer = await client
        .hasOnce(keys.since, `${keys.prefix}once:${name}`, at, key, expiresAt, spec.longestLifeMs)
        .catch(unavailable);
      return answer === "yes" ? true : answer === "no" ? false : forgotten(name, answer, spec, at);
    },
  };
}

/** The Digest nonce counts (RFC 7616 §3.3), nonces grouped in buckets of `bucketMs`, at most `maxNonces`. */
function redisDigestNonceCounts(
  client: Scripted,
  keys: Keys,
  maxNonces: number,
  bucketMs: number,
): SandboxMemory["digestNonceCounts"] {
  const { prefix } = keys;
  return {
    async record(nonce, issuedAt, nc, at, lifetimeMs) {
      const bucket = Math.floor(issuedAt / bucketMs);
      const lastExpiry = (bucket + 1) * bucketMs - 1 + lifetimeMs;
      const answer = await client
        .recordNonceCount(
          keys.since,
          `${prefix}digest:index`,
          `${prefix}digest:deadlines`,
          `${prefix}digest:evicted`,
          `${prefix}digest:size`,
          at,
          `${prefix}digest:nonces:`,
          nonce,
          String(bucket).padStart(16, "0"),
          nc,
          lastExpiry,
          maxNonces,
          issuedAt,
        )
        .catch(unavailable);
      if (answer === "fresh" || answer === "replayed" || answer === "evicted") return answer;
      throw new Error(`The Digest memory script answered "${answer}".`);
    },
  };
}

/** Logs when Redis goes away and comes back (once each), and calls `onReady` on every connection. */
function watchConnection(client: Scripted, where: string, log: (line: string) => void, onReady: () => void): void {
  let away = false;
  client.on("error", (error: Error) => {
    if (away) return;
    away = true;
    log(`The shared memory at ${where} is unreachable (${error.message}): answering 503 until it returns.`);
  });
  client.on("ready", () => {
    if (away) log(`The shared memory at ${where} is back.`);
    away = false;
    onReady();
  });
}

/** Starts connecting; true once connected, false after `timeoutMs` or a failure (retries go on). */
function connectWithin(client: Scripted, timeoutMs: number): Promise<boolean> {
  const connecting = client.connect().then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((done) => setTimeout(() => done(false), timeoutMs).unref());
  return Promise.race([connecting, timeout]);
}

/**
 * Connects to Redis at `url` (redis://[user:password@]host:port[/db], rediss:// for TLS) and returns
 * the sandbox memory kept there. Resolves once connected, or after `connectTimeoutMs` without Redis:
 * the memory then answers 503 until Redis is reachable, and reconnects by itself.
 */
export async function createRedisMemory(
  url: string,
  options: RedisMemoryOptions & { connectTimeoutMs?: number } = {},
): Promise<SandboxMemory> {
  const prefix = options.prefix ?? "http-status-lab:";
  const keys: Keys = { prefix, since: `${prefix}since` };
  const now = options.now ?? Date.now;
  const where = describeRedisUrl(url);
  const client = scriptedClient(url, options.commandTimeoutMs ?? 1000);
  /** The generation of the Redis this process last saw (see greetScript). */
  let generation = "";
  let greeting: Promise<void> | undefined;
  const greet = () =>
    client.greet(`${prefix}generation`, keys.since, generation, now(), crypto.randomUUID()).then(
      (seen) => {
        generation = seen;
      },
      () => {},
    );
  watchConnection(client, where, options.log ?? (() => {}), () => {
    greeting = greet();
  });

  const memory: SandboxMemory = {
    home: `redis (${where})`,
    digestNonceCounts: redisDigestNonceCounts(
      client,
      keys,
      Math.max(1, options.maxNonces ?? 100_000),
      Math.max(1, options.bucketMs ?? 1000),
    ),
    once: eachOnceKeyspace((name, spec) => redisOnceKeyspace(client, keys, name, options.keyspaces?.[name] ?? spec)),
    close: async () => {
      client.disconnect();
    },
  };

  if (await connectWithin(client, options.connectTimeoutMs ?? 5000)) await greeting;
  return memory;
}
