import type { Challenge } from "./auth-types.ts";
import { digestAlgorithm } from "./digest-algorithm.ts";
import { digestChain } from "./digest-chain.ts";
import { digestNonceKey, digestNonceTime, digestOpaque, issueDigestNonce } from "./digest-nonce.ts";
import { createDigestReplayMemory, type DigestReplayMemory } from "./digest-replay-memory.ts";
import { digestUserhash } from "./digest-userhash.ts";
import { decodeExtValue } from "./ext-value.ts";
import { parseCredentials } from "./parse-credentials.ts";
import type { Failure } from "./problem.ts";

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
  /** Share one memory between servers, e.g. one per route configuration. Default: a new one. */
  replayMemory?: DigestReplayMemory;
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

/** The request-target of an absolute URL, or the value itself. */
function requestTarget(uri: string): string {
  if (uri.startsWith("/") || uri === "*") return uri;
  try {
    const url = new URL(uri);
    return url.pathname + url.search;
  } catch {
    return uri;
  }
}

/**
 * A Digest server (RFC 7616) that keeps no session state: nonces are HMACs over their issue time
 * (see digest-nonce.ts), so any instance with the same secret accepts them. `verify` checks, in
 * order: the credentials' syntax and required parameters (§3.4), that realm, algorithm, qop and
 * opaque are what was offered (§3.3), that `uri` is the request-target (§3.4.6: answer 400 on
 * "uri-mismatch"), the nonce's HMAC, the response, the nonce's age ("stale-nonce": answer 401 with
 * `challenge({ stale: true })`, §3.3), and that nc rose (the only memory: see replay memory).
 */
export function createDigestServer(options: DigestServerOptions): DigestServer {
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
  const lifetimeMs = options.nonceLifetimeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const memory = options.replayMemory ?? createDigestReplayMemory();
  const key = digestNonceKey(options.secret, options.realm);
  const opaque = digestOpaque(key);
  const realm = options.realm;

  const challenges = async (challengeOptions: { stale?: boolean } = {}): Promise<Challenge[]> => {
    const nonce = await issueDigestNonce(key, now());
    const opaqueValue = await opaque;
    return algorithms.map((algorithm) => {
      const params: Record<string, string> = { realm, qop: qops.join(", "), algorithm, nonce, opaque: opaqueValue };
      if (challengeOptions.stale === true) params["stale"] = "true";
      params["charset"] = "UTF-8";
      params["userhash"] = options.userhash === true ? "true" : "false";
      return { scheme: "Digest", params };
    });
  };

  const verify = async (input: DigestVerifyInput): Promise<DigestVerifyResult> => {
    const fail = (reason: DigestVerifyFailure, message: string): DigestVerifyResult => ({
      ok: false,
      error: { reason, message },
    });
    if (input.authorization === null || input.authorization === undefined || input.authorization.trim() === "") {
      return fail("missing", "The request has no Authorization field.");
    }
    const parsed = parseCredentials(input.authorization);
    if (!parsed.ok)
      return fail("malformed", `The Authorization value is not valid credentials: ${parsed.error.message}`);
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
    if (required.length > 0) {
      return fail(
        "malformed",
        `The Digest credentials lack ${required.map((name) => `"${name}"`).join(", ")} (RFC 7616 §3.4; this server requires qop).`,
      );
    }
    if (params["username"] !== undefined && params["username*"] !== undefined) {
      return fail(
        "malformed",
        'The Digest credentials carry both "username" and "username*"; send one of them (RFC 7616 §3.4).',
      );
    }
    const p = params;
    if (p["realm"] !== realm)
      return fail(
        "mismatch",
        `The realm "${p["realm"]}" is not the realm "${realm}" this server offered (RFC 7616 §3.3).`,
      );
    const algorithm = digestAlgorithm(p["algorithm"] ?? "")?.name;
    if (algorithm === undefined || !algorithms.includes(algorithm)) {
      return fail(
        "mismatch",
        `The algorithm "${p["algorithm"] ?? "MD5 (by default)"}" is not one this server offered: ${algorithms.join(", ")} (RFC 7616 §3.3).`,
      );
    }
    const qop = p["qop"] ?? "";
    if (!(qops as readonly string[]).includes(qop))
      return fail("mismatch", `The qop "${qop}" is not one this server offered: ${qops.join(", ")} (RFC 7616 §3.3).`);
    if (p["opaque"] !== (await opaque))
      return fail(
        "mismatch",
        "The opaque value is missing or is not the one this server sent; a client returns it unchanged (RFC 7616 §3.3).",
      );
    const target = requestTarget(input.uri);
    if (requestTarget(p["uri"] ?? "") !== target) {
      return fail(
        "uri-mismatch",
        `The uri parameter "${p["uri"]}" is not the request-target "${target}"; answer 400 Bad Request (RFC 7616 §3.4.6).`,
      );
    }
    const nc = p["nc"] ?? "";
    if (!/^[0-9a-fA-F]{8}$/.test(nc))
      return fail("malformed", `The nonce count "${nc}" is not 8 hex digits (RFC 7616 §3.4).`);
    const nonce = p["nonce"] ?? "";
    const issuedAt = await digestNonceTime(key, nonce);
    if (issuedAt === undefined)
      return fail("invalid-nonce", "The nonce was not issued by this server (its signature does not match).");

    let username: string;
    const userhash = (p["userhash"] ?? "false").toLowerCase() === "true";
    if (p["username*"] !== undefined) {
      const decoded = decodeExtValue(p["username*"]);
      if (decoded === undefined)
        return fail(
          "malformed",
          "The \"username*\" value is not a valid RFC 8187 ext-value such as UTF-8''J%C3%A4s%C3%B8n (RFC 7616 §3.4.4).",
        );
      username = decoded;
    } else if (userhash) {
      if (!("user" in input))
        return fail(
          "malformed",
          "This server cannot resolve a hashed username (userhash=true) with a lookup function; give it the expected user.",
        );
      if (!sameText((p["username"] ?? "").toLowerCase(), digestUserhash(input.user, realm, algorithm))) {
        return fail("wrong-credentials", "The user name or password is wrong.");
      }
      username = input.user;
    } else {
      username = p["username"] ?? "";
    }
    const password =
      "user" in input ? (username === input.user ? input.password : undefined) : await input.lookup(username);
    if (password === undefined) return fail("wrong-credentials", "The user name or password is wrong.");
    const expected = digestChain({
      algorithm,
      username,
      password,
      realm,
      method: input.method,
      uri: p["uri"] ?? "",
      nonce,
      nc,
      cnonce: p["cnonce"] ?? "",
      qop,
      entityBody: input.body ?? "",
    }).response;
    if (!sameText((p["response"] ?? "").toLowerCase(), expected))
      return fail("wrong-credentials", "The user name or password is wrong.");
    const time = now();
    if (time - issuedAt > lifetimeMs) {
      return fail(
        "stale-nonce",
        "The credentials are right but the nonce has expired; answer with a new challenge carrying stale=true (RFC 7616 §3.3).",
      );
    }
    const count = Number.parseInt(nc, 16);
    const recorded = memory.record(nonce, issuedAt, count, time, lifetimeMs);
    if (recorded === "evicted")
      return fail(
        "stale-nonce",
        "The nonce is too old for this server to track its nonce counts; answer with stale=true.",
      );
    if (recorded === "replayed") {
      return fail(
        "replayed-nonce-count",
        `The nonce count ${nc} was already used with this nonce; each request must use a higher nc (RFC 7616 §3.4, §5.5).`,
      );
    }
    return { ok: true, username, algorithm, qop, nc: count };
  };

  return {
    issueNonce: () => issueDigestNonce(key, now()),
    challenge: async (challengeOptions = {}) => (await challenges(challengeOptions))[0] as Challenge,
    challenges,
    verify,
  };
}
