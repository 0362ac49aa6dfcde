import {
  digestAuthorization,
  digestChain,
  encodeBasic,
  parseChallenges,
  type Challenge,
  type DigestChain,
  type Exchange,
  type HttpRequestRecord,
} from "../http/index.ts";

/** How a lesson step authenticates (mirrors src/content/lesson-schema.ts, without zod). */
export type StepAuth =
  | { type: "none" }
  | { type: "basic"; user: string; password: string }
  | { type: "bearer"; token: string }
  | { type: "digest"; user: string; password: string }
  | { type: "replay" }
  | { type: "raw"; value: string };

export interface StepRequest {
  method: string;
  /** Relative to `<base>api/`. */
  path: string;
  auth: StepAuth;
  headers: Array<[string, string]>;
}

/** What a lesson remembers between steps: the last challenge and the last Authorization sent. */
export interface LessonState {
  lastChallenges: Challenge[];
  lastAuthorization: string | undefined;
  /** Nonce counts already used per nonce (RFC 7616 §3.4: nc increases with each request). */
  nonceCounts: Map<string, number>;
}

export function newLessonState(): LessonState {
  return { lastChallenges: [], lastAuthorization: undefined, nonceCounts: new Map() };
}

/** A built request, with the Digest computation when there was one, or a sentence why none. */
export type BuiltStep =
  | { ok: true; record: HttpRequestRecord; digest?: { challenge: Challenge; chain: DigestChain } }
  | { ok: false; message: string };

function randomCnonce(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Builds the request of a lesson step. Digest answers the previous response's Digest challenge
 * (RFC 7616 §3.4), with the next nonce count for that nonce; a replay repeats the previous
 * Authorization value exactly, which a server must refuse for Digest (nonce count reused).
 */
export async function buildStepRequest(
  step: StepRequest,
  apiRoot: string,
  origin: string,
  state: LessonState,
): Promise<BuiltStep> {
  const url = new URL(`${apiRoot}${step.path}`, origin);
  const headers: Array<[string, string]> = [...step.headers];
  const { auth } = step;
  let digest: { challenge: Challenge; chain: DigestChain } | undefined;
  switch (auth.type) {
    case "none":
      break;
    case "basic":
      try {
        headers.push(["Authorization", encodeBasic(auth.user, auth.password)]);
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      break;
    case "bearer":
      headers.push(["Authorization", `Bearer ${auth.token}`]);
      break;
    case "raw":
      headers.push(["Authorization", auth.value]);
      break;
    case "replay":
      if (state.lastAuthorization === undefined) {
        return {
          ok: false,
          message: "There is no earlier Authorization header in this lesson to replay: run the previous step first.",
        };
      }
      headers.push(["Authorization", state.lastAuthorization]);
      break;
    case "digest": {
      const challenge = state.lastChallenges.find((candidate) => candidate.scheme.toLowerCase() === "digest");
      if (challenge === undefined) {
        return {
          ok: false,
          message: "There is no Digest challenge to answer yet: run the step that receives the 401 first.",
        };
      }
      const nonce = challenge.params["nonce"] ?? "";
      const realm = challenge.params["realm"] ?? "";
      const qop = (challenge.params["qop"] ?? "")
        .split(",")
        .map((value) => value.trim())
        .find((value) => value === "auth");
      const nc = (state.nonceCounts.get(nonce) ?? 0) + 1;
      state.nonceCounts.set(nonce, nc);
      const ncText = nc.toString(16).padStart(8, "0");
      const cnonce = randomCnonce();
      const uri = `${url.pathname}${url.search}`;
      const algorithm = challenge.params["algorithm"] ?? "MD5";
      const input = {
        algorithm,
        username: auth.user,
        password: auth.password,
        realm,
        method: step.method,
        uri,
        nonce,
        userhash: challenge.params["userhash"]?.toLowerCase() === "true",
        ...(qop === undefined ? {} : { qop, nc: ncText, cnonce }),
      };
      try {
        const chain = digestChain(input);
        const opaque = challenge.params["opaque"];
        headers.push(["Authorization", await digestAuthorization(opaque === undefined ? input : { ...input, opaque })]);
        digest = { challenge, chain };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      break;
    }
  }
  const record: HttpRequestRecord = { method: step.method, url: url.href, headers };
  return digest === undefined ? { ok: true, record } : { ok: true, record, digest };
}

/** Remembers what the next step may need from this exchange. */
export function rememberExchange(state: LessonState, exchange: Exchange): void {
  const authorization = exchange.request.headers.find(([name]) => name.toLowerCase() === "authorization");
  state.lastAuthorization = authorization?.[1];
  const challengeField = exchange.response.headers
    .filter(([name]) => name.toLowerCase() === "www-authenticate")
    .map(([, value]) => value)
    .join(", ");
  if (challengeField !== "") {
    const parsed = parseChallenges(challengeField);
    state.lastChallenges = parsed.ok ? parsed.challenges : [];
  }
}
