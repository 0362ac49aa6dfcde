/**
 * What the sandbox's handlers remember, behind one interface with two homes: this process (the
 * default, and the only home in the service worker and the page) or a store that several live
 * servers share (Redis, src/server/redis-memory.ts, when `REDIS_URL` is set). No environment here:
 * the handlers see only this interface, so they run unchanged in every transport.
 *
 * Every memory is bounded by time and size, the same in both homes: a record leaves when the value
 * it guards would be refused for its age anyway, and past a keyspace's bound the in-process and the
 * shared home give up the same records (see each implementation).
 */
import { createDigestReplayMemory, type DigestNonceCounts } from "../http/index.ts";
import { createOneTimeMemory } from "./scenarios/oauth/one-time-memory.ts";

export type Awaitable<T> = T | Promise<T>;

export type { DigestNonceCounts };

/** A keyspace of values that may be used once (RFC 6749 §4.1.2 codes, RFC 9449 §11.1 proof jti's). */
export type OnceKeyspace = {
  /**
   * "fresh" the first time `key` is seen, remembered until `expiresAt` (ms since the epoch); then
   * "replayed". Atomic in a shared home: of two servers asked at once, one answers "fresh".
   */
  use(key: string, expiresAt: number, now: number): Awaitable<"fresh" | "replayed">;
  /**
   * Whether `key` was used (or marked with `use`) and has not expired, without using it: for a
   * list of revoked values. `expiresAt` is the latest the key could expire, so that a shared home
   * that was emptied can tell whether it may have forgotten it.
   */
  has(key: string, expiresAt: number, now: number): Awaitable<boolean>;
};

/** How one keyspace is bounded: at most `max` live keys; a key is used no earlier than `expiresAt - longestLifeMs`. */
export type OnceKeyspaceSpec = { max: number; longestLifeMs: number };

/**
 * The keyspaces of values used once. Adding one is a line here: both homes make it from its spec,
 * and handlers reach it as `memory.once.<name>` (`use` to use or mark, `has` to look up, e.g.
 * revoked tokens or refresh-token families).
 */
export const onceKeyspaces = {
  /** Authorization codes' jti: a code lives 60 s, remembered until a second after (oauth-token.ts). */
  codes: { max: 10_000, longestLifeMs: 61_000 },
  /** DPoP proofs' thumbprint and jti, until their iat is out of the ±60 s window (dpop-proof.ts). */
  proofs: { max: 10_000, longestLifeMs: 121_000 },
  /**
   * Refresh tokens used, as "<grant> <generation>": each works once (rotation, RFC 9700 §4.14.2),
   * remembered as long as a refresh token lives (a day, oauth-context.ts) and a second after.
   */
  refreshTokens: { max: 10_000, longestLifeMs: 86_401_000 },
  /** Grants revoked (a code or refresh token used twice): their tokens are refused (grant-memory.ts). */
  revokedGrants: { max: 10_000, longestLifeMs: 86_401_000 },
  /**
   * Access tokens revoked one by one (RFC 7009 §2.1, oauth-revoke.ts), by jti, until they would
   * expire: at most the default access token lifetime (300 s, oauth-constants.ts) and a second.
   */
  revokedTokens: { max: 10_000, longestLifeMs: 301_000 },
} as const satisfies Record<string, OnceKeyspaceSpec>;

export type OnceKeyspaceName = keyof typeof onceKeyspaces;

export type SandboxMemory = {
  /** "process" or "redis", for the start-up message and the tests. */
  readonly home: string;
  /** The highest nonce count per Digest nonce (RFC 7616 §3.4, §5.5). */
  digestNonceCounts: DigestNonceCounts;
  once: Record<OnceKeyspaceName, OnceKeyspace>;
  /** Lets go of the store, if any. */
  close(): Promise<void>;
};

/**
 * Thrown by a shared memory that cannot answer (the store is away, or forgot what it held): the
 * server answers 503 with Retry-After (RFC 9110 §15.6.4) rather than guess, since guessing
 * "fresh" could accept a replay and guessing "replayed" would refuse an honest client.
 */
export class MemoryUnavailableError extends Error {
  override readonly name = "MemoryUnavailableError";
  /** How long the client is asked to wait (Retry-After, RFC 9110 §10.2.3). */
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Makes one value per keyspace. */
export function eachOnceKeyspace<T>(make: (name: OnceKeyspaceName, spec: OnceKeyspaceSpec) => T) {
  const made = {} as Record<OnceKeyspaceName, T>;
  for (const name of Object.keys(onceKeyspaces) as OnceKeyspaceName[]) made[name] = make(name, onceKeyspaces[name]);
  return made;
}

/**
 * The memory of one process, as the handlers always had it: the Digest replay memory of
 * src/http/digest-server.ts (its eviction policy: ARCHITECTURE.md) and one one-time memory per
 * keyspace (one-time-memory.ts). Answers synchronously: nothing to wait for.
 */
export function createProcessMemory(): SandboxMemory {
  return {
    home: "process",
    digestNonceCounts: createDigestReplayMemory(),
    once: eachOnceKeyspace((_, spec) => createOneTimeMemory(spec.max)),
    close: async () => {},
  };
}
