/**
 * `follow(draft)`: the sandbox client sending like a browser (ARCHITECTURE.md, "The sandbox
 * client"): a first request without credentials, the answer to a 401's strongest challenge, one
 * retry on a Digest stale=true, and the redirects under the sandbox API followed (redirect.ts).
 */
import { statusAndPhrase, type Challenge, type Exchange, type HttpRequestRecord } from "../http/index.ts";
import { redirectStatuses } from "../data/status-code-sets.ts";
import { answerChallenge, challengesOf, rememberedDigest, type DigestComputation } from "./answer-challenge.ts";
import { buildRequest, endpointOf, isUnderApi, type RequestDraft } from "./build-request.ts";
import type { SandboxClient } from "./client.ts";
import { nextRedirect, withoutBodyFields } from "./redirect.ts";

/** One request the client made while following, and why it made it. */
export interface FollowStep {
  exchange: Exchange;
  /** What the client did, as a sentence: "Sent without credentials, as a browser does first." */
  label: string;
  /** For a Digest answer: the challenge answered and the HA1 / HA2 / response chain. */
  digest?: DigestComputation;
}

export type FollowOutcomeKind =
  | "authenticated"
  | "refused"
  | "forbidden"
  | "needs-credentials"
  | "no-challenge"
  | "cannot-answer"
  | "redirect-elsewhere"
  | "failed";

export interface FollowResult {
  steps: FollowStep[];
  outcome: { kind: FollowOutcomeKind; message: string };
}

export interface FollowOptions {
  /** Called after every exchange, before the next request is built, so a view can show progress. */
  onStep?: (step: FollowStep) => void;
  /** Most requests for one URL (default 4: a first try, an answer, a stale-nonce retry, one more). */
  maxRequests?: number;
  /** Most redirects to follow (default 5; the Fetch standard allows 20, the sandbox needs fewer). */
  maxRedirects?: number;
}

const statusLine = (exchange: Exchange) => statusAndPhrase(exchange.response);

/** The Bearer error parameters of a response, if it has a Bearer challenge (RFC 6750 §3.1). */
function bearerError(exchange: Exchange): Challenge | undefined {
  const parsed = challengesOf(exchange);
  return parsed.ok
    ? parsed.challenges.find(
        (challenge) => challenge.scheme.toLowerCase() === "bearer" && challenge.params["error"] !== undefined,
      )
    : undefined;
}

function bearerDetail(exchange: Exchange): string {
  const challenge = bearerError(exchange);
  if (challenge === undefined) return "";
  const { error, error_description: description, scope } = challenge.params;
  return ` The Bearer challenge says error="${error ?? ""}"${description === undefined ? "" : ` (“${description}”)`}${scope === undefined ? "" : `, and the resource needs scope "${scope}"`}.`;
}

/** Why the client stops at a response that is neither a 401 nor a redirect. */
function finalOutcome(exchange: Exchange, sentCredentials: boolean): FollowResult["outcome"] {
  const { status } = exchange.response;
  const line = statusLine(exchange);
  if (!sentCredentials) {
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
      message: `The credentials were understood, but the server refuses this request: ${line}. Sending them again will not help (RFC 9110 §15.5.4).${bearerDetail(exchange)}`,
    };
  }
  if (status === 400)
    return { kind: "refused", message: `The server found the request malformed: ${line}.${bearerDetail(exchange)}` };
  return { kind: "refused", message: `After the credentials, the server answered ${line}.` };
}

type SentWith = "nothing" | "remembered" | "answer" | "stale-retry";

/** The end of one URL's challenge handling: an outcome, or a redirect to follow. */
type Leg = { kind: "done"; outcome: FollowResult["outcome"] } | { kind: "redirect"; exchange: Exchange };

/** One request of a leg: the record, its label, the Digest computation behind it, and what it carries. */
type Attempt = { record: HttpRequestRecord; label: string; digest?: DigestComputation; sentWith: SentWith };

const done = (kind: FollowOutcomeKind, message: string): Leg => ({ kind: "done", outcome: { kind, message } });

/**
 * The first request for a URL: without credentials, or, when the client already holds a Digest
 * challenge for this URL, with Digest credentials at once (the next nonce count for the
 * remembered nonce), as browsers do.
 */
async function firstAttempt(
  client: SandboxClient,
  draft: RequestDraft,
  plain: HttpRequestRecord,
  label: string,
): Promise<Attempt> {
  const remembered = rememberedDigest(client.memory, plain.url);
  if (remembered.length === 0 || (draft.auth.type !== "basic" && draft.auth.type !== "digest"))
    return { record: plain, label, sentWith: "nothing" };
  const answer = await answerChallenge(remembered, draft.auth, plain, client.memory);
  const built = answer.ok ? buildRequest(draft, client.base, client.origin, answer.authorization) : undefined;
  if (!answer.ok || built?.ok !== true) return { record: plain, label, sentWith: "nothing" };
  return attemptWith(
    built.record,
    "Sent Digest credentials at once, with the nonce of the last challenge and the next nonce count, as browsers do",
    "remembered",
    answer.digest,
  );
}

/** An attempt that carries answered credentials, with the Digest computation when there is one. */
function attemptWith(
  record: HttpRequestRecord,
  label: string,
  sentWith: SentWith,
  digest: DigestComputation | undefined,
): Attempt {
  const attempt: Attempt = { record, label, sentWith };
  if (digest !== undefined) attempt.digest = digest;
  return attempt;
}

/**
 * After a 401 to `previous`: the next request (the answer to the strongest challenge, or a
 * retry with the new nonce on a Digest stale=true, RFC 7616 §3.3), or the end of the leg when
 * freshly answered credentials were refused or the client cannot answer.
 */
async function nextAttempt(
  client: SandboxClient,
  draft: RequestDraft,
  plain: HttpRequestRecord,
  previous: SentWith,
  refused: Exchange,
): Promise<Attempt | Leg> {
  const parsed = challengesOf(refused);
  if (!parsed.ok) return done("cannot-answer", parsed.error.message);
  const stale = parsed.challenges.some(
    (challenge) => challenge.scheme.toLowerCase() === "digest" && challenge.params["stale"]?.toLowerCase() === "true",
  );
  let next: SentWith;
  if (previous === "nothing") next = "answer";
  else if (stale && previous !== "stale-retry") next = "stale-retry";
  else if (previous === "remembered") next = "answer";
  else {
    return done(
      "refused",
      `The server refused these credentials: ${statusLine(refused)} again. A browser would ask for new ones.${bearerDetail(refused)}`,
    );
  }
  const answer = await answerChallenge(parsed.challenges, draft.auth, plain, client.memory);
  if (!answer.ok)
    return done(answer.error.reason === "no-credentials" ? "needs-credentials" : "cannot-answer", answer.error.message);
  const built = buildRequest(draft, client.base, client.origin, answer.authorization);
  if (!built.ok) return done("failed", built.error.message);
  const realm = answer.challenge.params["realm"];
  const label =
    next === "stale-retry"
      ? "Retried with the new nonce: stale=true says the password was right but the nonce had expired (RFC 7616 §3.3)"
      : `${previous === "remembered" ? "The remembered nonce was refused, so answered" : "Answered"} the ${answer.challenge.scheme} challenge${realm === undefined ? "" : ` for realm “${realm}”`}`;
  return attemptWith(built.record, label, next, answer.digest);
}

/**
 * Follows one URL's authentication the way a browser does (RFC 9110 §11.6.1): the first attempt,
 * then on each 401 the next one, a 401 to freshly answered credentials meaning they were refused.
 * A 3xx ends the leg as a redirect to follow.
 */
async function followLeg(
  client: SandboxClient,
  draft: RequestDraft,
  firstLabel: string,
  report: (step: FollowStep) => void,
  maxRequests: number,
): Promise<Leg> {
  const first = buildRequest(draft, client.base, client.origin);
  if (!first.ok) return done("failed", first.error.message);
  let attempt = await firstAttempt(client, draft, first.record, firstLabel);
  for (let count = 1; count <= maxRequests; count++) {
    const result = await client.resend(attempt.record);
    if (!result.ok) return done("failed", result.error.message);
    const { label, digest } = attempt;
    report(digest === undefined ? { exchange: result.exchange, label } : { exchange: result.exchange, label, digest });
    const received = result.exchange;
    if (redirectStatuses.has(received.response.status)) return { kind: "redirect", exchange: received };
    if (received.response.status !== 401)
      return { kind: "done", outcome: finalOutcome(received, attempt.sentWith !== "nothing") };
    const next = await nextAttempt(client, draft, first.record, attempt.sentWith, received);
    if ("kind" in next) return next;
    attempt = next;
  }
  return done("refused", `Stopped after ${maxRequests} requests without getting in.`);
}

/** Where a redirect leads: the next draft and its step's label, or the outcome the chain stops with. */
function redirected(
  client: SandboxClient,
  current: RequestDraft,
  redirect: Exchange,
  followed: number,
  maxRedirects: number,
): { draft: RequestDraft; hop: string; label: string } | { outcome: FollowResult["outcome"] } {
  const { base, origin } = client;
  const { status } = redirect.response;
  const line = statusLine(redirect);
  const step = nextRedirect(redirect.request, redirect.response, followed, {
    maxRedirects,
    allows: (target) => isUnderApi(base, target, origin),
  });
  switch (step.kind) {
    case "final":
    case "no-location":
      return {
        outcome: {
          kind: "no-challenge",
          message: `The server answered ${line} without a Location field, so there is nowhere to go: a browser shows this response (RFC 9110 §15.4).`,
        },
      };
    case "not-a-url":
      return {
        outcome: {
          kind: "cannot-answer",
          message: `The ${line} names “${step.location}” as its Location, which is not a URL: a browser stops with a network error.`,
        },
      };
    case "not-allowed":
      return {
        outcome: {
          kind: "redirect-elsewhere",
          message: `The ${line} sends the browser to ${step.target.href}, outside the sandbox API: a browser would go on there; the sandbox stops.`,
        },
      };
    case "too-many":
      return { outcome: { kind: "refused", message: `Stopped after ${maxRedirects} redirects.` } };
  }
  const { target, toGet } = step;
  const path = `${target.pathname}${target.search}`;
  const draft: RequestDraft = {
    ...current,
    endpoint: endpointOf(base, target, origin),
    ...(toGet ? { method: "GET", body: "", headers: withoutBodyFields(current.headers) } : {}),
  };
  const how = toGet
    ? `, as a GET without the body (RFC 9110 §15.4.${status === 303 ? 4 : status === 301 ? 2 : 3})`
    : status === 307 || status === 308
      ? ", with the same method and body"
      : "";
  return {
    draft,
    hop: `${status} → ${path}`,
    label: `Followed the ${line} to ${path}, the Location it names${how}, as a browser does`,
  };
}

/**
 * Sends a draft like a browser: each URL's challenges as followLeg says, and every 3xx with a
 * Location under the sandbox API followed as the Fetch standard's HTTP-redirect fetch does
 * (RFC 9110 §15.4, redirect.ts). Each request is a step, so the chain shows.
 */
export async function followDraft(
  client: SandboxClient,
  draft: RequestDraft,
  options: FollowOptions = {},
): Promise<FollowResult> {
  const maxRequests = options.maxRequests ?? 4;
  const maxRedirects = options.maxRedirects ?? 5;
  const steps: FollowStep[] = [];
  const report = (step: FollowStep) => {
    steps.push(step);
    options.onStep?.(step);
  };
  const chain: string[] = [];
  const said = (outcome: FollowResult["outcome"]): FollowResult => ({
    steps,
    outcome:
      chain.length === 0
        ? outcome
        : {
            ...outcome,
            message: `Followed ${chain.length} redirect${chain.length === 1 ? "" : "s"} (${chain.join(", ")}). ${outcome.message}`,
          },
  });
  let current = draft;
  let label = "Sent without credentials, as a browser does first";
  for (;;) {
    const leg = await followLeg(client, current, label, report, maxRequests);
    if (leg.kind === "done") return said(leg.outcome);
    const next = redirected(client, current, leg.exchange, chain.length, maxRedirects);
    if ("outcome" in next) return said(next.outcome);
    chain.push(next.hop);
    current = next.draft;
    label = next.label;
  }
}
