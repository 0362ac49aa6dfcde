/** Digest authentication, the server side (RFC 7616): stateless nonces, the replay memory, verification. */
import { base64ToBytes, bytesToBase64url } from "./base64.ts";
import { type Challenge, parseCredentials } from "./auth-field.ts";
import { decodeExtValue } from "./ext-value.ts";
import { digestAlgorithm, digestChain, digestUserhash } from "./digest.ts";
import type { Failure } from "./problem.ts";
import { requestTarget } from "./transcript.ts";

export type DigestQop = "auth" | "auth-int";

export type DigestServerOptions = {
  /** The HMAC key for nonces and opaque; every instance that must agree shares it. */
  secret: Uint8Array | string;
  realm: string;
  /** Offered in this order, one challenge each (RFC 7616 §3.7). Default ["SHA-256"]. */
  algorithms?: readonly string[];
  /** Default ["auth"]. */
  qop?: readonly DigestQop[];
  /** How long a nonce is accepted; after that a correct response gets "stale-nonce". Default 5 minutes. */
  nonceLifetimeMs?: number;
  /** Announce userhash=true (RFC 7616 §3.4.4). Default false. */
  userhash?: boolean;
  /** Share one memory between servers, e.g. one per route configuration, or one in a store several processes share. Default: a new one. */
  replayMemory?: DigestNonceCounts;
  now?: () => number;
};

type Expected =
  | { user: string; password: string }
  | { lookup: (username: string) => string | undefined | Promise<string | undefined> };

export type DigestVerifyInput = {
  method: string;
  /** The request-target (origin-form), or the absolute URL of the request. */
  uri: string;
  authorization: string | null | undefined;
  /** The request body's octets as received, needed for qop=auth-int (RFC 7616 §3.4.3 hashes the entity body, not a decoding of it). */
  body?: string | Uint8Array;
} & Expected;

export type DigestVerifyFailure =
  | "missing"
  | "malformed"
  | "mismatch"
  | "uri-mismatch"
  | "invalid-nonce"
  | "stale-nonce"
  | "replayed-nonce-count"
  | "wrong-credentials";

export type DigestVerifyResult =
  | { ok: true; username: string; algorithm: string; qop: string; nc: number }
  | Failure<{ reason: DigestVerifyFailure; message: string }>;

export type DigestServer = {
  issueNonce(): Promise<string>;
  /** The first offered challenge; `stale: true` after a "stale-nonce" result (RFC 7616 §3.3). */
  challenge(options?: { stale?: boolean }): Promise<Challenge>;
  /** One challenge per offered algorithm, sharing one nonce, most preferred first (§3.7). */
  challenges(options?: { stale?: boolean }): Promise<Challenge[]>;
  verify(input: DigestVerifyInput): Promise<DigestVerifyResult>;
};

/** Compares two strings in time that depends only on their lengths. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i % Math.max(1, b.length));
  return difference === 0;
}

/** What one Digest server offers and keeps: its configuration, checked once, and its keys. */
type DigestServerState = {
  realm: string;
  algorithms: string[];
  qops: readonly DigestQop[];
  lifetimeMs: number;
  userhash: boolean;
  now: () => number;
  memory: DigestNonceCounts;
  key: DigestNonceKey;
  opaque: Promise<string>;
};

type VerifyFailure = Failure<{ reason: DigestVerifyFailure; message: string }>;

const fail = (reason: DigestVerifyFailure, message: string): VerifyFailure => ({
  ok: false,
  error: { reason, message },
});

const wrongCredentials = () => fail("wrong-credentials", "The user name or password is wrong.");

/** The options, checked: an unknown algorithm or an empty list is a RangeError with a sentence. */
function digestServerState(options: DigestServerOptions): DigestServerState {
  const algorithms = (options.algorithms ?? ["SHA-256"]).map((name) => {
    const found = digestAlgorithm(name);
    if (found === undefined)
      throw new RangeError(
        `The Digest algorithm "${name}" is not one of MD5, SHA-256, SHA-512-256 or their -sess forms (RFC 7616 §3.3).`,
      );
    return found.name;
  });
  if (algorithms.length === 0) throw new RangeError("A Digest server needs at least one algorithm.");
  const qops = options.qop ?? ["auth"];
  if (qops.length === 0)
    throw new RangeError('A Digest server needs at least one qop: "auth" or "auth-int" (RFC 7616 §3.3).');
  const key = digestNonceKey(options.secret, options.realm);
  return {
    realm: options.realm,
    algorithms,
    qops,
    lifetimeMs: options.nonceLifetimeMs ?? 5 * 60_000,
    userhash: options.userhash === true,
    now: options.now ?? Date.now,
    memory: options.replayMemory ?? createDigestReplayMemory(),
    key,
    opaque: digestOpaque(key),
  };
}

/**
 * A Digest server (RFC 7616) that keeps no session state: nonces are HMACs over their issue time
 * (issueDigestNonce below), so any instance with the same secret accepts them. `verify` checks, in
 * order: the credentials' syntax and required parameters (§3.4), that realm, algorithm, qop and
 * opaque are what was offered (§3.3), that `uri` is the request-target (§3.4.6: answer 400 on
 * "uri-mismatch"), the nonce's HMAC, the response, the nonce's age ("stale-nonce": answer 401 with
 * `challenge({ stale: true })`, §3.3), and that nc rose (the only memory: see replay memory).
 */
export function createDigestServer(options: DigestServerOptions): DigestServer {
  const state = digestServerState(options);
  const challenges = (challengeOptions: { stale?: boolean } = {}) => digestChallenges(state, challengeOptions);
  return {
    issueNonce: () => issueDigestNonce(state.key, state.now()),
    challenge: async (challengeOptions = {}) => {
      const [first] = await challenges(challengeOptions);
      if (first === undefined) throw new RangeError("A Digest server needs at least one algorithm.");
      return first;
    },
    challenges,
    verify: (input) => verifyDigest(state, input),
  };
}

/** One challenge per offered algorithm, sharing one fresh nonce (RFC 7616 §3.3, §3.7). */
async function digestChallenges(state: DigestServerState, options: { stale?: boolean }): Promise<Challenge[]> {
  const nonce = await issueDigestNonce(state.key, state.now());
  const opaque = await state.opaque;
  return state.algorithms.map((algorithm) => {
    const params: Record<string, string> = { realm: state.realm, qop: state.qops.join(", "), algorithm, nonce, opaque };
    if (options.stale === true) params["stale"] = "true";
    params["charset"] = "UTF-8";
    params["userhash"] = state.userhash ? "true" : "false";
    return { scheme: "Digest", params };
  });
}

/** The Digest credentials' parameters, when the field holds Digest credentials with every one RFC 7616 §3.4 requires. */
function readDigestCredentials(
  authorization: string | null | undefined,
): { ok: true; params: Record<string, string> } | VerifyFailure {
  if (authorization === null || authorization === undefined || authorization.trim() === "")
    return fail("missing", "The request has no Authorization field.");
  const parsed = parseCredentials(authorization);
  if (!parsed.ok) return fail("malformed", `The Authorization value is not valid credentials: ${parsed.error.message}`);
  const { scheme, params, token68 } = parsed.credentials;
  if (scheme.toLowerCase() !== "digest")
    return fail("malformed", `The credentials use the scheme "${scheme}", not "Digest".`);
  if (token68 !== undefined)
    return fail(
      "malformed",
      "Digest credentials are name=value parameters, not a single token68 value (RFC 7616 §3.4).",
    );
  const required = ["realm", "nonce", "uri", "response", "qop", "nc", "cnonce"].filter(
    (name) => params[name] === undefined,
  );
  if (params["username"] === undefined && params["username*"] === undefined) required.unshift("username");
  if (required.length > 0)
    return fail(
      "malformed",
      `The Digest credentials lack ${required.map((name) => `"${name}"`).join(", ")} (RFC 7616 §3.4; this server requires qop).`,
    );
  if (params["username"] !== undefined && params["username*"] !== undefined)
    return fail(
      "malformed",
      'The Digest credentials carry both "username" and "username*"; send one of them (RFC 7616 §3.4).',
    );
  return { ok: true, params };
}

/** That realm, algorithm, qop and opaque are what this server offered (RFC 7616 §3.3), and uri is the request-target (§3.4.6). */
async function checkOffered(
  state: DigestServerState,
  p: Record<string, string>,
  uri: string,
): Promise<{ ok: true; algorithm: string; qop: string } | VerifyFailure> {
  const { realm, algorithms, qops } = state;
  if (p["realm"] !== realm)
    return fail(
      "mismatch",
      `The realm "${p["realm"]}" is not the realm "${realm}" this server offered (RFC 7616 §3.3).`,
    );
  const algorithm = digestAlgorithm(p["algorithm"] ?? "")?.name;
  if (algorithm === undefined || !algorithms.includes(algorithm))
    return fail(
      "mismatch",
      `The algorithm "${p["algorithm"] ?? "MD5 (by default)"}" is not one this server offered: ${algorithms.join(", ")} (RFC 7616 §3.3).`,
    );
  const qop = p["qop"] ?? "";
  if (!(qops as readonly string[]).includes(qop))
    return fail("mismatch", `The qop "${qop}" is not one this server offered: ${qops.join(", ")} (RFC 7616 §3.3).`);
  if (p["opaque"] !== (await state.opaque))
    return fail(
      "mismatch",
      "The opaque value is missing or is not the one this server sent; a client returns it unchanged (RFC 7616 §3.3).",
    );
  const { target } = requestTarget(uri);
  if (requestTarget(p["uri"] ?? "").target !== target)
    return fail(
      "uri-mismatch",
      `The uri parameter "${p["uri"]}" is not the request-target "${target}"; answer 400 Bad Request (RFC 7616 §3.4.6).`,
    );
  return { ok: true, algorithm, qop };
}

/** The user name the credentials name: username, username* (RFC 8187), or a userhash checked against the expected user (RFC 7616 §3.4.4). */
function digestUsername(
  state: DigestServerState,
  p: Record<string, string>,
  input: DigestVerifyInput,
  algorithm: string,
): { ok: true; username: string } | VerifyFailure {
  if (p["username*"] !== undefined) {
    const decoded = decodeExtValue(p["username*"]);
    if (decoded === undefined)
      return fail(
        "malformed",
        "The \"username*\" value is not a valid RFC 8187 ext-value such as UTF-8''J%C3%A4s%C3%B8n (RFC 7616 §3.4.4).",
      );
    return { ok: true, username: decoded };
  }
  if ((p["userhash"] ?? "false").toLowerCase() !== "true") return { ok: true, username: p["username"] ?? "" };
  if (!("user" in input))
    return fail(
      "malformed",
      "This server cannot resolve a hashed username (userhash=true) with a lookup function; give it the expected user.",
    );
  if (!sameText((p["username"] ?? "").toLowerCase(), digestUserhash(input.user, state.realm, algorithm)))
    return wrongCredentials();
  return { ok: true, username: input.user };
}

/** Verifies Digest credentials against what this server offered and the expected user (see createDigestServer). */
async function verifyDigest(state: DigestServerState, input: DigestVerifyInput): Promise<DigestVerifyResult> {
  const read = readDigestCredentials(input.authorization);
  if (!read.ok) return read;
  const p = read.params;
  const offered = await checkOffered(state, p, input.uri);
  if (!offered.ok) return offered;
  const { algorithm, qop } = offered;
  const nc = p["nc"] ?? "";
  if (!/^[0-9a-fA-F]{8}$/.test(nc))
    return fail("malformed", `The nonce count "${nc}" is not 8 hex digits (RFC 7616 §3.4).`);
  const nonce = p["nonce"] ?? "";
  const issuedAt = await digestNonceTime(state.key, nonce);
  if (issuedAt === undefined)
    return fail("invalid-nonce", "The nonce was not issued by this server (its signature does not match).");
  const user = digestUsername(state, p, input, algorithm);
  if (!user.ok) return user;
  const { username } = user;
  const password =
    "user" in input ? (username === input.user ? input.password : undefined) : await input.lookup(username);
  if (password === undefined) return wrongCredentials();
  const expected = digestChain({
    algorithm,
    username,
    password,
    realm: state.realm,
    method: input.method,
    uri: p["uri"] ?? "",
    nonce,
    nc,
    cnonce: p["cnonce"] ?? "",
    qop,
    entityBody: input.body ?? "",
  }).response;
  if (!sameText((p["response"] ?? "").toLowerCase(), expected)) return wrongCredentials();
  return checkNonceUse(state, nonce, issuedAt, nc, { ok: true, username, algorithm, qop, nc: Number.parseInt(nc, 16) });
}

/** The nonce's age (stale after the lifetime, RFC 7616 §3.3) and its count, which must rise (§3.4, §5.5). */
async function checkNonceUse(
  state: DigestServerState,
  nonce: string,
  issuedAt: number,
  nc: string,
  success: DigestVerifyResult,
): Promise<DigestVerifyResult> {
  const time = state.now();
  if (time - issuedAt > state.lifetimeMs)
    return fail(
      "stale-nonce",
      "The credentials are right but the nonce has expired; answer with a new challenge carrying stale=true (RFC 7616 §3.3).",
    );
  const recorded = await state.memory.record(nonce, issuedAt, Number.parseInt(nc, 16), time, state.lifetimeMs);
  if (recorded === "evicted")
    return fail(
      "stale-nonce",
      "The nonce is too old for this server to track its nonce counts; answer with stale=true.",
    );
  if (recorded === "replayed")
    return fail(
      "replayed-nonce-count",
      `The nonce count ${nc} was already used with this nonce; each request must use a higher nc (RFC 7616 §3.4, §5.5).`,
    );
  return success;
}

/**
 * Stateless Digest nonces (RFC 7616 §3.3 leaves their form to the server; §5.4–§5.5 discuss
 * lifetime and replay): base64url( time (8 octets, ms, big-endian) || random (8) ||
 * HMAC-SHA-256(secret, "digest-nonce" || realm || time || random) ). Any instance that knows the
 * secret can check a nonce and read its age, so several instances agree without shared memory.
 */
export type DigestNonceKey = { key: Promise<CryptoKey>; realm: string };

const encoder = new TextEncoder();
const TIME_AND_RANDOM = 16;
const MAC = 32;

/** Imports the secret as an HMAC-SHA-256 key for one realm (Web Crypto). */
export function digestNonceKey(secret: Uint8Array | string, realm: string): DigestNonceKey {
  const raw = typeof secret === "string" ? encoder.encode(secret) : Uint8Array.from(secret);
  if (raw.length === 0) throw new RangeError("The Digest nonce secret is empty; give at least 32 random bytes.");
  const key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  return { key, realm };
}

function macInput(realm: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const label = encoder.encode(`digest-nonce\u0000${realm}\u0000`);
  const out = new Uint8Array(label.length + body.length);
  out.set(label);
  out.set(body, label.length);
  return out;
}

/** Issues a nonce stamped with `timeMs`. */
export async function issueDigestNonce(nonceKey: DigestNonceKey, timeMs: number): Promise<string> {
  const body = new Uint8Array(TIME_AND_RANDOM);
  const view = new DataView(body.buffer);
  const time = Math.max(0, Math.floor(timeMs));
  view.setUint32(0, Math.floor(time / 2 ** 32));
  view.setUint32(4, time % 2 ** 32);
  crypto.getRandomValues(body.subarray(8));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await nonceKey.key, macInput(nonceKey.realm, body)));
  const nonce = new Uint8Array(TIME_AND_RANDOM + MAC);
  nonce.set(body);
  nonce.set(mac, TIME_AND_RANDOM);
  return bytesToBase64url(nonce);
}

/** The time a nonce was issued at, if this key made it; undefined for a forged or mangled nonce. */
export async function digestNonceTime(nonceKey: DigestNonceKey, nonce: string): Promise<number | undefined> {
  const decoded = base64ToBytes(nonce, true);
  if (!decoded.ok || decoded.bytes.length !== TIME_AND_RANDOM + MAC) return undefined;
  const body = decoded.bytes.slice(0, TIME_AND_RANDOM);
  const mac = decoded.bytes.slice(TIME_AND_RANDOM);
  const valid = await crypto.subtle.verify("HMAC", await nonceKey.key, mac, macInput(nonceKey.realm, body));
  if (!valid) return undefined;
  const view = new DataView(body.buffer);
  return view.getUint32(0) * 2 ** 32 + view.getUint32(4);
}

/** A constant string per secret and realm for the `opaque` parameter (RFC 7616 §3.3). */
export async function digestOpaque(nonceKey: DigestNonceKey): Promise<string> {
  const input = encoder.encode(`digest-opaque\u0000${nonceKey.realm}`);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await nonceKey.key, input));
  return bytesToBase64url(mac.subarray(0, 24));
}

/**
 * The one piece of Digest server state: for each nonce in use, the highest nonce count seen, so a
 * repeated or lower nc is refused (RFC 7616 §3.4, §5.5).
 *
 * Bounded by time first, then by size:
 * - Records are filed by the second their nonce was issued (`bucketMs`). A record whose nonce has
 *   outlived `lifetimeMs` is dropped at no risk (the server answers such a nonce stale before it
 *   asks this memory), a whole second at a time.
 * - At most `maxNonces` records (default 100,000: every nonce of a sustained 333 logins a second
 *   over a 5-minute lifetime; about 15 MB of strings and map entries in V8). Only past that is a
 *   live record given up, and then the densest second of issue goes first (ties: the oldest), so a
 *   flood of logins evicts its own nonces before a quiet client's. A nonce whose second was given
 *   up is answered "evicted" (the server says stale=true: the client retries with a new nonce,
 *   one extra round trip) until it would have expired anyway; dropping never reopens a replay.
 */
export type DigestReplayMemory = {
  /** Records nc for a nonce issued at `issuedAt`; "replayed" if nc is not above the highest seen, "evicted" if its record was given up. */
  record(...args: NonceCountArgs): NonceCountVerdict;
  readonly size: number;
};

/** What a replay memory answers for one nonce count. */
type NonceCountVerdict = "fresh" | "replayed" | "evicted";
/** The nonce, the time it was issued, its nonce count, now and the nonce lifetime (ms). */
type NonceCountArgs = [nonce: string, issuedAt: number, nc: number, now: number, lifetimeMs: number];

/**
 * What `createDigestServer` asks of a replay memory: this process's (`createDigestReplayMemory`)
 * or one several servers share, which may answer later (src/sandbox/memory.ts). A shared one must
 * decide atomically (two servers asked the same nc at once: one "fresh") and keep the same bounds.
 */
export type DigestNonceCounts = {
  record(...args: NonceCountArgs): NonceCountVerdict | Promise<NonceCountVerdict>;
};

export function createDigestReplayMemory(options: { maxNonces?: number; bucketMs?: number } = {}): DigestReplayMemory {
  const maxNonces = Math.max(1, options.maxNonces ?? 100_000);
  const bucketMs = Math.max(1, options.bucketMs ?? 1000);
  /** Second of issue → (nonce → highest nc). */
  const buckets = new Map<number, Map<string, number>>();
  /** Seconds of issue whose records were given up while still live. */
  const evicted = new Set<number>();
  let size = 0;
  let sweptAt = Number.NEGATIVE_INFINITY;

  /** True when every nonce a bucket can hold has outlived the lifetime. */
  const expired = (bucket: number, now: number, lifetimeMs: number) => (bucket + 1) * bucketMs - 1 < now - lifetimeMs;

  const sweep = (now: number, lifetimeMs: number) => {
    for (const [bucket, nonces] of buckets) {
      if (!expired(bucket, now, lifetimeMs)) continue;
      buckets.delete(bucket);
      size -= nonces.size;
    }
    for (const bucket of evicted) if (expired(bucket, now, lifetimeMs)) evicted.delete(bucket);
    sweptAt = now;
  };

  const evictDensest = () => {
    let chosen: number | undefined;
    let most = 0;
    for (const [bucket, nonces] of buckets) {
      if (nonces.size > most || (nonces.size === most && chosen !== undefined && bucket < chosen)) {
        chosen = bucket;
        most = nonces.size;
      }
    }
    if (chosen === undefined) return;
    buckets.delete(chosen);
    size -= most;
    evicted.add(chosen);
  };

  return {
    record(nonce, issuedAt, nc, now, lifetimeMs) {
      if (now - sweptAt >= bucketMs || size >= maxNonces) sweep(now, lifetimeMs);
      const bucket = Math.floor(issuedAt / bucketMs);
      if (evicted.has(bucket)) return "evicted";
      let nonces = buckets.get(bucket);
      const seen = nonces?.get(nonce);
      if (seen !== undefined && nc <= seen) return "replayed";
      if (nonces === undefined) {
        nonces = new Map();
        buckets.set(bucket, nonces);
      }
      if (seen === undefined) size += 1;
      nonces.set(nonce, nc);
      while (size > maxNonces) evictDensest();
      return evicted.has(bucket) ? "evicted" : "fresh";
    },
    get size() {
      return size;
    },
  };
}
