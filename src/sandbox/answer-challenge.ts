import {
  combinedField,
  digestAlgorithm,
  digestAuthorization,
  digestChain,
  encodeBasic,
  failure,
  parseChallenges,
  problemOf,
  requestTarget,
  type Challenge,
  type DigestChain,
  type DigestInput,
  type Exchange,
  type Failure,
  type HttpRequestRecord,
} from "../http/index.ts";
import { headerValueProblem, type AuthDraft } from "./build-request.ts";

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
  /** The Authorization value of the last request sent, for a lesson's replay step (not stored). */
  lastAuthorization?: string;
  /** A fresh client nonce; random by default, fixed in tests. */
  cnonce?: () => string;
}

/** An empty memory. */
export function newClientMemory(): ClientMemory {
  return { nonceCounts: new Map(), challenges: new Map() };
}

/** The challenges of a 401's WWW-Authenticate (RFC 9110 §11.6.1), or a Problem saying why there are none. */
export function challengesOf(exchange: Exchange): { ok: true; challenges: Challenge[] } | Failure {
  const field = combinedField(exchange.response.headers, "www-authenticate");
  if (field === undefined) {
    return failure(
      "The 401 has no WWW-Authenticate field, which RFC 9110 §15.5.2 requires: a browser cannot tell how to authenticate and stops.",
    );
  }
  const parsed = parseChallenges(field.value);
  return parsed.ok
    ? parsed
    : failure(`The challenge cannot be parsed, so a browser cannot answer it: ${parsed.error.message}`);
}

/** Remembers what the next request may need: a 401's challenges for its URL, and the Authorization sent. */
export function rememberExchange(memory: ClientMemory, exchange: Exchange): void {
  const sent = combinedField(exchange.request.headers, "authorization");
  if (sent === undefined) delete memory.lastAuthorization;
  else memory.lastAuthorization = sent.value;
  if (exchange.response.status !== 401) return;
  const parsed = challengesOf(exchange);
  if (parsed.ok) memory.challenges.set(exchange.request.url, parsed.challenges);
}

/** The Digest challenges remembered for a URL: what a client can answer without asking first. */
export function rememberedDigest(memory: ClientMemory, url: string): Challenge[] {
  return (memory.challenges.get(url) ?? []).filter((challenge) => schemeIs(challenge, "digest"));
}

export type ChallengeAnswer =
  | { ok: true; authorization: string; challenge: Challenge; digest?: DigestComputation }
  | Failure<{ message: string; reason: "no-credentials" | "unsupported" | "invalid" }>;

/** Digest algorithms from strongest to weakest: a client picks the strongest it is offered (RFC 7616 §3.7). */
const digestPreference = ["SHA-512-256", "SHA-256", "MD5"];

function digestRank(challenge: Challenge): number {
  const algorithm = digestAlgorithm(challenge.params["algorithm"] ?? "MD5");
  if (algorithm === undefined) return -1;
  const index = digestPreference.indexOf(algorithm.name.replace(/-sess$/i, ""));
  return index < 0 ? -1 : digestPreference.length - index;
}

/** The strongest Digest challenge this client can answer, if any (RFC 7616 §3.7). */
export function strongestDigest(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges
    .filter((challenge) => schemeIs(challenge, "digest") && digestRank(challenge) > 0)
    .sort((a, b) => digestRank(b) - digestRank(a))[0];
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

const invalid = (message: string): ChallengeAnswer => failure(message, "invalid");
const unsupported = (message: string): ChallengeAnswer => failure(message, "unsupported");

/**
 * Computes the Digest credentials for one challenge (RFC 7616 §3.4): qop "auth" when offered,
 * else "auth-int" (hashing the body's UTF-8 octets, §3.4.3), else the RFC 2069 form; the next
 * nonce count for this nonce; a fresh cnonce whenever qop or a -sess algorithm needs one; the
 * username hashed when the challenge says userhash=true (§3.4.4).
 */
async function answerDigest(
  challenge: Challenge,
  user: string,
  password: string,
  request: Pick<HttpRequestRecord, "method" | "url" | "body">,
  memory: ClientMemory,
): Promise<ChallengeAnswer> {
  const nonce = challenge.params["nonce"];
  if (nonce === undefined)
    return invalid("The Digest challenge has no nonce, so no response can be computed (RFC 7616 §3.3).");
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
    uri: requestTarget(request.url).target,
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
    return invalid(problemOf(error).message);
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
  request: Pick<HttpRequestRecord, "method" | "url" | "body">,
  memory: ClientMemory,
): Promise<ChallengeAnswer> {
  const asked = offered(challenges);
  switch (auth.type) {
    case "none":
      return failure(
        `The server asks for ${asked} credentials. A browser would now ask you for them: fill in the auth panel and send again.`,
        "no-credentials",
      );
    case "raw": {
      const [first] = challenges;
      if (first === undefined) return unsupported("The server sent no challenge to answer.");
      return { ok: true, authorization: auth.value, challenge: first };
    }
    case "bearer": {
      const bearer = challenges.find((challenge) => schemeIs(challenge, "bearer"));
      if (bearer === undefined) {
        return unsupported(
          `The server asks for ${asked}, not Bearer: a token does not help here. Choose Basic or Digest and enter a user name and password.`,
        );
      }
      return { ok: true, authorization: `Bearer ${auth.token}`, challenge: bearer };
    }
    case "basic":
    case "digest": {
      const digest = strongestDigest(challenges);
      if (digest !== undefined) return answerDigest(digest, auth.user, auth.password, request, memory);
      const basic = challenges.find((challenge) => schemeIs(challenge, "basic"));
      if (basic !== undefined) {
        const value = basicAuthorization(auth.user, auth.password, basic.params["charset"]);
        return value.ok ? { ok: true, authorization: value.value, challenge: basic } : invalid(value.error.message);
      }
      return unsupported(
        challenges.some((challenge) => schemeIs(challenge, "bearer"))
          ? "The server asks for a Bearer token, not a password. Choose Bearer in the auth panel and enter a token."
          : `The server asks for ${asked}, a scheme this sandbox cannot answer with a user name and password.`,
      );
    }
  }
}

/**
 * The Authorization value a draft carries without a challenge: Basic, Bearer or a raw value
 * (RFC 7617 §2, RFC 6750 §2.1); none for "none"; Digest only with a remembered challenge for the
 * URL (RFC 7616 §3.4), with the next nonce count, as browsers answer at once after a first 401.
 */
export async function draftAuthorization(
  auth: AuthDraft,
  request: Pick<HttpRequestRecord, "method" | "url" | "body">,
  memory: ClientMemory,
): Promise<{ ok: true; value: string | undefined; digest?: DigestComputation } | Failure> {
  switch (auth.type) {
    case "none":
      return { ok: true, value: undefined };
    case "basic":
      return basicAuthorization(auth.user, auth.password);
    case "bearer": {
      if (auth.token === "") return failure("Enter a token, or pick one of the demo tokens.");
      const problem = headerValueProblem("The token", auth.token);
      return problem === undefined ? { ok: true, value: `Bearer ${auth.token}` } : failure(problem);
    }
    case "raw": {
      if (auth.value === "") return failure("Enter an Authorization value, or choose “None” to send no credentials.");
      const problem = headerValueProblem("The Authorization value", auth.value);
      return problem === undefined ? { ok: true, value: auth.value } : failure(problem);
    }
    case "digest": {
      const remembered = rememberedDigest(memory, request.url);
      if (remembered.length === 0) {
        return failure(
          "Digest credentials answer a challenge, and there is none for this endpoint yet: send once without credentials to get the 401 first, or use “Send like a browser”.",
          "no-challenge",
        );
      }
      const answer = await answerChallenge(remembered, auth, request, memory);
      if (!answer.ok) return answer;
      return answer.digest === undefined
        ? { ok: true, value: answer.authorization }
        : { ok: true, value: answer.authorization, digest: answer.digest };
    }
  }
}

/**
 * Basic credentials (RFC 7617 §2), normalized to NFC when the challenge announced charset="UTF-8"
 * (§2.1), or the sentence of encodeBasic's refusal (a colon in the user name, a control character).
 */
function basicAuthorization(user: string, password: string, charset?: string): { ok: true; value: string } | Failure {
  try {
    return { ok: true, value: encodeBasic(user, password, { charset }) };
  } catch (error) {
    return { ok: false, error: problemOf(error) };
  }
}
