import {
  combinedField,
  statusAndPhrase,
  type Challenge,
  type Exchange,
  type HttpRequestRecord,
  type Result,
} from "../http/index.ts";
import {
  answerChallenge,
  challengesOf,
  draftAuthorization,
  newClientMemory,
  rememberExchange,
  rememberedDigest,
  type ClientMemory,
  type DigestComputation,
} from "./answer-challenge.ts";
import { buildRequest, endpointOf, isUnderApi, type RequestDraft } from "./build-request.ts";
import { performExchange, type ExchangeResult, type SandboxTransport } from "./transport.ts";

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

/** A request sent exactly as built, and the Digest computation when the client answered a remembered challenge. */
export type SendResult = Result<{ exchange: Exchange; digest?: DigestComputation }>;

/**
 * The sandbox client: the one way anything sends to the sandbox (ARCHITECTURE.md, "The sandbox
 * client"). It holds the client memory (challenges per URL, nonce counts, the last Authorization
 * sent), answers challenges (answer-challenge.ts), and reports every response as the handler sent
 * it, 3xx included, with its fields.
 */
export interface SandboxClient {
  readonly transport: SandboxTransport;
  /** The site's base path; requests go to `<base>api/`. */
  readonly base: string;
  readonly origin: string;
  memory: ClientMemory;
  /** Forgets every challenge, nonce count and Authorization value (the log's "clear"). */
  forget(): void;
  /** Sends the draft exactly as built: Basic, Bearer or raw as typed; Digest answers the challenge remembered for the URL. */
  send(draft: RequestDraft): Promise<SendResult>;
  /** Sends a record again, byte for byte (the log's "send again"). */
  resend(record: HttpRequestRecord): Promise<ExchangeResult>;
  /** Sends the draft like a browser: answers 401 challenges (RFC 9110 §11.6.1) and follows redirects (§15.4). */
  follow(draft: RequestDraft, options?: FollowOptions): Promise<FollowResult>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Fields about a request's content, which go with the body when a redirect turns a request into a GET (Fetch standard, HTTP-redirect fetch). */
const requestBodyFields = new Set(["content-type", "content-encoding", "content-language", "content-location"]);

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
function finalOutcome(exchange: Exchange, answered: boolean): FollowResult["outcome"] {
  const { status } = exchange.response;
  const line = statusLine(exchange);
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

export function createSandboxClient(options: {
  transport: SandboxTransport;
  base: string;
  origin: string;
  memory?: ClientMemory;
}): SandboxClient {
  const { transport, base, origin } = options;
  let queue: Promise<unknown> = Promise.resolve();

  /** Sends one record, one at a time for the whole page, and remembers what the next request may need. */
  const exchange = (record: HttpRequestRecord): Promise<ExchangeResult> => {
    const sent = queue.then(async () => {
      const result = await performExchange(transport, record, origin);
      if (result.ok) rememberExchange(client.memory, result.exchange);
      return result;
    });
    queue = sent.catch(() => undefined);
    return sent;
  };

  /**
   * Follows one URL's authentication the way a browser does (RFC 9110 §11.6.1): without credentials
   * at first, or, when it already holds a Digest challenge for this URL, with Digest credentials at
   * once (the next nonce count for the remembered nonce). On a 401 it answers the strongest
   * challenge it can with the draft's credentials and retries; a Digest 401 with stale=true (RFC
   * 7616 §3.3) is retried once with the new nonce without asking again; a 401 to freshly answered
   * credentials means they were refused. A 3xx ends the leg as a redirect to follow.
   */
  const followLeg = async (
    draft: RequestDraft,
    firstLabel: string,
    report: (step: FollowStep) => void,
    maxRequests: number,
  ): Promise<Leg> => {
    const done = (kind: FollowOutcomeKind, message: string): Leg => ({ kind: "done", outcome: { kind, message } });
    const first = buildRequest(draft, base, origin);
    if (!first.ok) return done("failed", first.error.message);
    const plain = first.record;
    let record: HttpRequestRecord = plain;
    let label = firstLabel;
    let digest: DigestComputation | undefined;
    let sentWith: SentWith = "nothing";

    const remembered = rememberedDigest(client.memory, plain.url);
    if (remembered.length > 0 && (draft.auth.type === "basic" || draft.auth.type === "digest")) {
      const answer = await answerChallenge(remembered, draft.auth, plain, client.memory);
      const built = answer.ok ? buildRequest(draft, base, origin, answer.authorization) : undefined;
      if (answer.ok && built?.ok === true) {
        record = built.record;
        digest = answer.digest;
        sentWith = "remembered";
        label =
          "Sent Digest credentials at once, with the nonce of the last challenge and the next nonce count, as browsers do";
      }
    }

    for (let count = 1; count <= maxRequests; count++) {
      const result = await exchange(record);
      if (!result.ok) return done("failed", result.error.message);
      report(
        digest === undefined ? { exchange: result.exchange, label } : { exchange: result.exchange, label, digest },
      );
      const answered = result.exchange;
      if (redirectStatuses.has(answered.response.status)) return { kind: "redirect", exchange: answered };
      if (answered.response.status !== 401)
        return { kind: "done", outcome: finalOutcome(answered, sentWith !== "nothing") };

      const parsed = challengesOf(answered);
      if (!parsed.ok) return done("cannot-answer", parsed.error.message);
      const stale = parsed.challenges.some(
        (challenge) =>
          challenge.scheme.toLowerCase() === "digest" && challenge.params["stale"]?.toLowerCase() === "true",
      );
      let next: SentWith;
      if (sentWith === "nothing") next = "answer";
      else if (stale && sentWith !== "stale-retry") next = "stale-retry";
      else if (sentWith === "remembered") next = "answer";
      else {
        return done(
          "refused",
          `The server refused these credentials: ${statusLine(answered)} again. A browser would ask for new ones.${bearerDetail(answered)}`,
        );
      }

      const answer = await answerChallenge(parsed.challenges, draft.auth, plain, client.memory);
      if (!answer.ok) {
        return done(
          answer.error.reason === "no-credentials" ? "needs-credentials" : "cannot-answer",
          answer.error.message,
        );
      }
      const built = buildRequest(draft, base, origin, answer.authorization);
      if (!built.ok) return done("failed", built.error.message);
      record = built.record;
      digest = answer.digest;
      const realm = answer.challenge.params["realm"];
      label =
        next === "stale-retry"
          ? "Retried with the new nonce: stale=true says the password was right but the nonce had expired (RFC 7616 §3.3)"
          : `${sentWith === "remembered" ? "The remembered nonce was refused, so answered" : "Answered"} the ${answer.challenge.scheme} challenge${realm === undefined ? "" : ` for realm “${realm}”`}`;
      sentWith = next;
    }
    return done("refused", `Stopped after ${maxRequests} requests without getting in.`);
  };

  /**
   * Sends a draft like a browser: each URL's challenges as followLeg says, and every 3xx with a
   * Location under the sandbox API followed as the Fetch standard's HTTP-redirect fetch does
   * (RFC 9110 §15.4): 303, and 301/302 after a POST, turn the request into a GET without its body;
   * 307 and 308 repeat method and body. Each request is a step, so the chain shows.
   */
  const follow = async (draft: RequestDraft, followOptions: FollowOptions = {}): Promise<FollowResult> => {
    const maxRequests = followOptions.maxRequests ?? 4;
    const maxRedirects = followOptions.maxRedirects ?? 5;
    const steps: FollowStep[] = [];
    const report = (step: FollowStep) => {
      steps.push(step);
      followOptions.onStep?.(step);
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
      const leg = await followLeg(current, label, report, maxRequests);
      if (leg.kind === "done") return said(leg.outcome);
      const redirect = leg.exchange;
      const { status } = redirect.response;
      const line = statusLine(redirect);
      const location = combinedField(redirect.response.headers, "location")?.value;
      if (location === undefined) {
        return said({
          kind: "no-challenge",
          message: `The server answered ${line} without a Location field, so there is nowhere to go: a browser shows this response (RFC 9110 §15.4).`,
        });
      }
      let target: URL;
      try {
        target = new URL(location, redirect.request.url);
      } catch {
        return said({
          kind: "cannot-answer",
          message: `The ${line} names “${location}” as its Location, which is not a URL: a browser stops with a network error.`,
        });
      }
      if (!isUnderApi(base, target, origin)) {
        return said({
          kind: "redirect-elsewhere",
          message: `The ${line} sends the browser to ${target.href}, outside the sandbox API: a browser would go on there; the sandbox stops.`,
        });
      }
      if (chain.length >= maxRedirects) {
        return said({ kind: "refused", message: `Stopped after ${maxRedirects} redirects.` });
      }
      const method = current.method.trim().toUpperCase() || "GET";
      const toGet =
        ((status === 301 || status === 302) && method === "POST") ||
        (status === 303 && method !== "GET" && method !== "HEAD");
      const path = `${target.pathname}${target.search}`;
      current = {
        ...current,
        endpoint: endpointOf(base, target, origin),
        ...(toGet
          ? {
              method: "GET",
              body: "",
              headers: current.headers.filter(([name]) => !requestBodyFields.has(name.toLowerCase())),
            }
          : {}),
      };
      chain.push(`${status} → ${path}`);
      label = `Followed the ${line} to ${path}, the Location it names${toGet ? `, as a GET without the body (RFC 9110 §15.4.${status === 303 ? 4 : status === 301 ? 2 : 3})` : status === 307 || status === 308 ? ", with the same method and body" : ""}, as a browser does`;
    }
  };

  const send = async (draft: RequestDraft): Promise<SendResult> => {
    const plain = buildRequest(draft, base, origin);
    if (!plain.ok) return plain;
    const authorization = await draftAuthorization(draft.auth, plain.record, client.memory);
    if (!authorization.ok) return authorization;
    const built = authorization.value === undefined ? plain : buildRequest(draft, base, origin, authorization.value);
    if (!built.ok) return built;
    const result = await exchange(built.record);
    if (!result.ok) return result;
    return authorization.digest === undefined
      ? { ok: true, exchange: result.exchange }
      : { ok: true, exchange: result.exchange, digest: authorization.digest };
  };

  const client: SandboxClient = {
    transport,
    base,
    origin,
    memory: options.memory ?? newClientMemory(),
    forget() {
      const { cnonce } = client.memory;
      client.memory = cnonce === undefined ? newClientMemory() : { ...newClientMemory(), cnonce };
    },
    send,
    resend: exchange,
    follow,
  };
  return client;
}
