import { parseChallenges, reasonPhrase, type Challenge, type Exchange, type HttpRequestRecord } from "../http/index.ts";
import {
  answerChallenge,
  rememberChallenges,
  rememberedDigest,
  type ClientMemory,
  type DigestComputation,
} from "./answer-challenge.ts";
import { buildRequest, type RequestDraft } from "./build-request.ts";
import type { ExchangeResult } from "./perform-exchange.ts";

/** Sends one request record and reports what came back; injected, so any transport will do. */
export type SendRecord = (record: HttpRequestRecord) => Promise<ExchangeResult>;

/** One request the client made while following the challenge, and why it made it. */
export interface FollowStep {
  exchange: Exchange;
  /** What the client did, as a sentence: "Sent without credentials, as a browser does first." */
  label: string;
  /** For a Digest answer: the challenge answered and the HA1 / HA2 / response chain. */
  digest?: DigestComputation;
}

export type FollowOutcomeKind =
  "authenticated" | "refused" | "forbidden" | "needs-credentials" | "no-challenge" | "cannot-answer" | "failed";

export interface FollowResult {
  steps: FollowStep[];
  outcome: { kind: FollowOutcomeKind; message: string };
}

export interface FollowOptions {
  draft: RequestDraft;
  /** `<base>api/`, and the page's origin, to make the request URL. */
  apiRoot: string;
  origin: string;
  send: SendRecord;
  memory: ClientMemory;
  /** Called after every exchange, before the next request is built, so a view can show progress. */
  onStep?: (step: FollowStep) => void;
  /** Most requests to make (default 4: a first try, an answer, a stale-nonce retry, one more). */
  maxRequests?: number;
}

function field(exchange: Exchange, name: string): string | undefined {
  const values = exchange.response.headers
    .filter(([fieldName]) => fieldName.toLowerCase() === name)
    .map(([, value]) => value);
  return values.length === 0 ? undefined : values.join(", ");
}

function statusText(exchange: Exchange): string {
  const { status, statusText: text } = exchange.response;
  return `${status} ${text || reasonPhrase(status) || ""}`.trim();
}

/** The Bearer error parameters of a response, if it has a Bearer challenge (RFC 6750 §3.1). */
function bearerError(exchange: Exchange): Challenge | undefined {
  const value = field(exchange, "www-authenticate");
  if (value === undefined) return undefined;
  const parsed = parseChallenges(value);
  return parsed.ok
    ? parsed.challenges.find(
        (challenge) => challenge.scheme.toLowerCase() === "bearer" && challenge.params["error"] !== undefined,
      )
    : undefined;
}

function bearerDetail(challenge: Challenge | undefined): string {
  if (challenge === undefined) return "";
  const { error, error_description: description, scope } = challenge.params;
  return ` The Bearer challenge says error="${error ?? ""}"${description === undefined ? "" : ` (“${description}”)`}${scope === undefined ? "" : `, and the resource needs scope "${scope}"`}.`;
}

/** Why the client stops at a response that is not a 401. */
function finalOutcome(exchange: Exchange, answered: boolean): FollowResult["outcome"] {
  const { status } = exchange.response;
  const line = statusText(exchange);
  if (!answered) {
    if (status === 407) {
      return {
        kind: "cannot-answer",
        message: `The server answered ${line}: that challenge is for a proxy, and a page cannot send Proxy-Authorization (browsers forbid the field), so a browser's page stops here.`,
      };
    }
    return {
      kind: "no-challenge",
      message: `The server answered ${line} without a challenge, so there is nothing to answer: a browser stops here.`,
    };
  }
  if (status >= 200 && status < 300)
    return { kind: "authenticated", message: `The server accepted the credentials: ${line}.` };
  if (status === 403) {
    return {
      kind: "forbidden",
      message: `The credentials were understood, but the server refuses this request: ${line}. Sending them again will not help (RFC 9110 §15.5.4).${bearerDetail(bearerError(exchange))}`,
    };
  }
  if (status === 400)
    return {
      kind: "refused",
      message: `The server found the request malformed: ${line}.${bearerDetail(bearerError(exchange))}`,
    };
  return { kind: "refused", message: `After the credentials, the server answered ${line}.` };
}

type SentWith = "nothing" | "remembered" | "answer" | "stale-retry";

/**
 * Sends a request the way a browser does when it meets HTTP authentication (RFC 9110 §11.6.1):
 * without credentials at first, or, when it already holds a Digest challenge for this URL, with
 * Digest credentials at once (the next nonce count for the remembered nonce). On a 401 it parses
 * WWW-Authenticate, answers the strongest challenge it can with the draft's credentials and
 * retries; a Digest 401 with stale=true (RFC 7616 §3.3) is retried once with the new nonce without
 * asking the user again; a 401 to freshly answered credentials means they were refused.
 * Every exchange is reported as a step. The environment comes in through `send`, so the same code
 * runs in the page, in Node and in tests.
 */
export async function followChallenge(options: FollowOptions): Promise<FollowResult> {
  const { draft, apiRoot, origin, send, memory, onStep } = options;
  const maxRequests = options.maxRequests ?? 4;
  const steps: FollowStep[] = [];
  const first = buildRequest(draft, apiRoot, origin);
  if (!first.ok) return { steps, outcome: { kind: "failed", message: first.message } };
  const plain = first.record;
  let record: HttpRequestRecord = plain;
  let label = "Sent without credentials, as a browser does first";
  let digest: DigestComputation | undefined;
  /** How the current request authenticates: not at all, with a remembered nonce, or answering a fresh 401. */
  let sentWith: SentWith = "nothing";

  const remembered = rememberedDigest(memory, plain.url);
  if (remembered.length > 0 && (draft.auth.type === "basic" || draft.auth.type === "digest")) {
    const answer = await answerChallenge(remembered, draft.auth, plain, memory);
    const built = answer.ok ? buildRequest(draft, apiRoot, origin, answer.authorization) : undefined;
    if (answer.ok && built?.ok === true) {
      record = built.record;
      digest = answer.digest;
      sentWith = "remembered";
      label =
        "Sent Digest credentials at once, with the nonce of the last challenge and the next nonce count, as browsers do";
    }
  }

  for (let count = 1; count <= maxRequests; count++) {
    const result = await send(record);
    if (!result.ok) return { steps, outcome: { kind: "failed", message: result.message } };
    const step: FollowStep =
      digest === undefined ? { exchange: result.exchange, label } : { exchange: result.exchange, label, digest };
    steps.push(step);
    onStep?.(step);
    const { exchange } = result;
    rememberChallenges(memory, exchange);
    if (exchange.response.status !== 401) return { steps, outcome: finalOutcome(exchange, sentWith !== "nothing") };

    const challengeField = field(exchange, "www-authenticate");
    if (challengeField === undefined) {
      return {
        steps,
        outcome: {
          kind: "cannot-answer",
          message:
            "The 401 has no WWW-Authenticate field, which RFC 9110 §15.5.2 requires: a browser cannot tell how to authenticate and stops.",
        },
      };
    }
    const parsed = parseChallenges(challengeField);
    if (!parsed.ok) {
      return {
        steps,
        outcome: {
          kind: "cannot-answer",
          message: `The challenge cannot be parsed, so a browser cannot answer it: ${parsed.error.message}`,
        },
      };
    }
    const stale = parsed.challenges.some(
      (challenge) => challenge.scheme.toLowerCase() === "digest" && challenge.params["stale"]?.toLowerCase() === "true",
    );
    let next: SentWith;
    if (sentWith === "nothing") next = "answer";
    else if (stale && sentWith !== "stale-retry") next = "stale-retry";
    else if (sentWith === "remembered") next = "answer";
    else {
      return {
        steps,
        outcome: {
          kind: "refused",
          message: `The server refused these credentials: ${statusText(exchange)} again. A browser would ask for new ones.${bearerDetail(bearerError(exchange))}`,
        },
      };
    }

    const answer = await answerChallenge(parsed.challenges, draft.auth, plain, memory);
    if (!answer.ok) {
      return {
        steps,
        outcome: {
          kind: answer.reason === "no-credentials" ? "needs-credentials" : "cannot-answer",
          message: answer.message,
        },
      };
    }
    const built = buildRequest(draft, apiRoot, origin, answer.authorization);
    if (!built.ok) return { steps, outcome: { kind: "failed", message: built.message } };
    record = built.record;
    digest = answer.digest;
    const realm = answer.challenge.params["realm"];
    label =
      next === "stale-retry"
        ? "Retried with the new nonce: stale=true says the password was right but the nonce had expired (RFC 7616 §3.3)"
        : `${sentWith === "remembered" ? "The remembered nonce was refused, so answered" : "Answered"} the ${answer.challenge.scheme} challenge${realm === undefined ? "" : ` for realm “${realm}”`}`;
    sentWith = next;
  }
  return { steps, outcome: { kind: "refused", message: `Stopped after ${maxRequests} requests without getting in.` } };
}
