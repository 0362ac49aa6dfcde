import {
  digestAlgorithm,
  digestAuthorization,
  digestChain,
  encodeBasic,
  parseChallenges,
  type Challenge,
  type Exchange,
  type DigestChain,
  type DigestInput,
} from "../http/index.ts";
import type { AuthDraft } from "./build-request.ts";

/** A Digest response as computed, with every input, for showing the chain step by step. */
export interface DigestComputation {
  challenge: Challenge;
  input: DigestInput;
  chain: DigestChain;
}

/** What the client keeps between requests, as a browser does; nothing in it is a secret. */
export interface ClientMemory {
  /** Nonce counts used per nonce (RFC 7616 §3.4, nc): each request with a nonce counts up. */
  nonceCounts: Map<string, number>;
  /** The last challenges received per request URL, so Digest can answer without a new 401. */
  challenges: Map<string, Challenge[]>;
  /** A fresh client nonce; random by default, fixed in tests. */
  cnonce?: () => string;
}

/** An empty memory. */
export function newClientMemory(): ClientMemory {
  return { nonceCounts: new Map(), challenges: new Map() };
}

/** Keeps the challenges of a 401 (RFC 9110 §11.6.1) for the URL that was asked, for the next request. */
export function rememberChallenges(memory: ClientMemory, exchange: Exchange): void {
  if (exchange.response.status !== 401) return;
  const value = exchange.response.headers
    .filter(([name]) => name.toLowerCase() === "www-authenticate")
    .map(([, fieldValue]) => fieldValue)
    .join(", ");
  const parsed = value === "" ? undefined : parseChallenges(value);
  if (parsed?.ok === true) memory.challenges.set(exchange.request.url, parsed.challenges);
}

/** The Digest challenges remembered for a URL: what a client can answer without asking first. */
export function rememberedDigest(memory: ClientMemory, url: string): Challenge[] {
  return (memory.challenges.get(url) ?? []).filter((challenge) => challenge.scheme.toLowerCase() === "digest");
}

export type ChallengeAnswer =
  | { ok: true; authorization: string; challenge: Challenge; digest?: DigestComputation }
  | { ok: false; reason: "no-credentials" | "unsupported" | "invalid"; message: string };

/** Digest algorithms from strongest to weakest: a client picks the strongest it is offered (RFC 7616 §3.7). */
const digestPreference = ["SHA-512-256", "SHA-256", "MD5"];

function digestRank(challenge: Challenge): number {
  const algorithm = digestAlgorithm(challenge.params["algorithm"] ?? "MD5");
  if (algorithm === undefined) return -1;
  const index = digestPreference.indexOf(algorithm.name.replace(/-sess$/i, ""));
  return index < 0 ? -1 : digestPreference.length - index;
}

function randomCnonce(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function schemeIs(challenge: Challenge, scheme: string): boolean {
  return challenge.scheme.toLowerCase() === scheme;
}

function offered(challenges: readonly Challenge[]): string {
  return [...new Set(challenges.map((challenge) => challenge.scheme))].join(", ");
}

/** The request-target of an absolute URL: what Digest's uri parameter repeats (RFC 7616 §3.4.6). */
function requestTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Computes the Digest credentials for one challenge (RFC 7616 §3.4): qop "auth" when offered,
 * else "auth-int" (hashing the body), else the RFC 2069 form; the next nonce count for this
 * nonce; a fresh cnonce; the username hashed when the challenge says userhash=true (§3.4.4).
 */
async function answerDigest(
  challenge: Challenge,
  user: string,
  password: string,
  request: { method: string; url: string; body?: string },
  memory: ClientMemory,
): Promise<ChallengeAnswer> {
  const nonce = challenge.params["nonce"];
  if (nonce === undefined)
    return {
      ok: false,
      reason: "invalid",
      message: "The Digest challenge has no nonce, so no response can be computed (RFC 7616 §3.3).",
    };
  const offeredQops = (challenge.params["qop"] ?? "").split(",").map((value) => value.trim().toLowerCase());
  const qop = offeredQops.includes("auth") ? "auth" : offeredQops.includes("auth-int") ? "auth-int" : undefined;
  const count = (memory.nonceCounts.get(nonce) ?? 0) + 1;
  memory.nonceCounts.set(nonce, count);
  const algorithm = challenge.params["algorithm"] ?? "MD5";
  const needsCnonce = qop !== undefined || /-sess$/i.test(algorithm);
  const input: DigestInput = {
    algorithm,
    username: user,
    password,
    realm: challenge.params["realm"] ?? "",
    method: request.method,
    uri: requestTarget(request.url),
    nonce,
    userhash: challenge.params["userhash"]?.toLowerCase() === "true",
    ...(qop === undefined ? {} : { qop, nc: count.toString(16).padStart(8, "0") }),
    ...(needsCnonce ? { cnonce: (memory.cnonce ?? randomCnonce)() } : {}),
    ...(qop === "auth-int" ? { entityBody: request.body ?? "" } : {}),
  };
  try {
    const chain = digestChain(input);
    const opaque = challenge.params["opaque"];
    const authorization = await digestAuthorization(opaque === undefined ? input : { ...input, opaque });
    return { ok: true, authorization, challenge, digest: { challenge, input, chain } };
  } catch (error) {
    return { ok: false, reason: "invalid", message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Answers a 401's challenges the way a user agent does (RFC 9110 §11.6.1): with a user name and
 * password it picks the strongest Digest challenge it supports, else Basic; with a token, Bearer
 * (RFC 6750 §2.1); a raw value is sent as it is. Says in a sentence when it cannot answer.
 */
export async function answerChallenge(
  challenges: readonly Challenge[],
  auth: AuthDraft,
  request: { method: string; url: string; body?: string },
  memory: ClientMemory,
): Promise<ChallengeAnswer> {
  const asked = offered(challenges);
  switch (auth.type) {
    case "none":
      return {
        ok: false,
        reason: "no-credentials",
        message: `The server asks for ${asked} credentials. A browser would now ask you for them: fill in the auth panel and send again.`,
      };
    case "raw": {
      const [first] = challenges;
      if (first === undefined)
        return { ok: false, reason: "unsupported", message: "The server sent no challenge to answer." };
      return { ok: true, authorization: auth.value, challenge: first };
    }
    case "bearer": {
      const bearer = challenges.find((challenge) => schemeIs(challenge, "bearer"));
      if (bearer === undefined) {
        return {
          ok: false,
          reason: "unsupported",
          message: `The server asks for ${asked}, not Bearer: a token does not help here. Choose Basic or Digest and enter a user name and password.`,
        };
      }
      return { ok: true, authorization: `Bearer ${auth.token}`, challenge: bearer };
    }
    case "basic":
    case "digest": {
      const digest = challenges
        .filter((challenge) => schemeIs(challenge, "digest") && digestRank(challenge) > 0)
        .sort((a, b) => digestRank(b) - digestRank(a))[0];
      if (digest !== undefined) return answerDigest(digest, auth.user, auth.password, request, memory);
      const basic = challenges.find((challenge) => schemeIs(challenge, "basic"));
      if (basic !== undefined) {
        try {
          return {
            ok: true,
            authorization: encodeBasic(auth.user, auth.password, { charset: basic.params["charset"] }),
            challenge: basic,
          };
        } catch (error) {
          return { ok: false, reason: "invalid", message: error instanceof Error ? error.message : String(error) };
        }
      }
      return {
        ok: false,
        reason: "unsupported",
        message: challenges.some((challenge) => schemeIs(challenge, "bearer"))
          ? "The server asks for a Bearer token, not a password. Choose Bearer in the auth panel and enter a token."
          : `The server asks for ${asked}, a scheme this sandbox cannot answer with a user name and password.`,
      };
    }
  }
}
