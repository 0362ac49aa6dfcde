import { redirectStatuses } from "../data/status-code-sets.ts";
import {
  combinedField,
  lintAuthorizationServerMetadata,
  lintProtectedResourceMetadata,
  readAuthResponse,
  rfcReference,
  wellKnownUrl,
  type Challenge,
  type Exchange,
  type Finding,
  type HttpRequestRecord,
} from "../http/index.ts";
import { answerChallenge, newClientMemory, nextRedirect, type AuthDraft } from "../sandbox/index.ts";
import { runActiveChecks } from "./active-checks.ts";
import { findingsAs } from "./check-catalogue.ts";
import { checkExchange } from "./checks.ts";
import { credentialProblem } from "./credential-text.ts";
import { freshnessOf } from "./freshness.ts";
import { redactCredentials } from "./redact-credentials.ts";
import type { ChallengeSummary, ProbeOptions, ProbeReport, ProbeSendResult, ProbeStep } from "./probe-types.ts";

/** What one challenge offers, with RFC 7616 §3.3's default algorithm spelled out. */
export function summarizeChallenge(challenge: Challenge): ChallengeSummary {
  const p = challenge.params;
  const summary: ChallengeSummary = { scheme: challenge.scheme };
  if (p["realm"] !== undefined) summary.realm = p["realm"];
  if (p["charset"] !== undefined) summary.charset = p["charset"];
  if (challenge.scheme.toLowerCase() === "digest") {
    summary.algorithm = p["algorithm"] ?? "MD5";
    if (p["qop"] !== undefined) summary.qop = p["qop"].split(",").map((q) => q.trim());
    summary.userhash = p["userhash"]?.toLowerCase() === "true";
  }
  if (challenge.scheme.toLowerCase() === "bearer") {
    if (p["error"] !== undefined) summary.error = p["error"];
    if (p["scope"] !== undefined) summary.scope = p["scope"];
    if (p["resource_metadata"] !== undefined) summary.resourceMetadata = p["resource_metadata"];
  }
  return summary;
}

/**
 * The one decision about a redirect (RFC 9110 §15.4): whether the probe follows it. It follows a
 * redirect only within the origin the request it started from was sent to, so what the user
 * gave (their credentials, a probe they asked for one origin) never goes to an origin they did not
 * name; the Fetch standard likewise drops Authorization on a cross-origin redirect. Returns the
 * sentence for the report when it stops, or undefined to follow.
 */
export function redirectStop(from: string, to: string): string | undefined {
  const start = new URL(from);
  const next = new URL(to);
  if (start.origin === next.origin) return undefined;
  return `The redirect leaves ${start.origin} for ${next.origin}. The probe sends credentials only to the origin you named, so it stops here: probe ${next.href} itself if you trust it.`;
}

/**
 * Sends a request and its redirects (each hop through `send`, each a step of the report), within
 * the origin it started at (redirectStop); returns the last exchange, or a failure sentence.
 */
function followingRedirects(send: ProbeOptions["send"], steps: ProbeStep[], maxRedirects: number): SendFollowing {
  return async (record, label, check) => {
    let current = record;
    for (let hop = 0; ; hop++) {
      const result: ProbeSendResult = await send(current);
      if (!result.ok) return { failure: result.message };
      const { exchange } = result;
      const step: ProbeStep = {
        label: hop === 0 ? label : `${label} (redirect ${hop})`,
        exchange: redactCredentials(exchange),
        ...check(exchange),
      };
      if (result.truncated === true) step.truncated = true;
      steps.push(step);
      const next = nextRedirect(current, exchange.response, hop, {
        maxRedirects,
        allows: (target) => redirectStop(record.url, target.href) === undefined,
      });
      if (next.kind === "final" || next.kind === "no-location") return { exchange };
      if (next.kind === "too-many")
        return { failure: `Stopped after ${maxRedirects} redirects: ${current.url} still redirects.` };
      if (next.kind === "not-a-url")
        return { failure: `The Location "${next.location}" is not a URL (RFC 9110 §10.2.2).` };
      if (next.kind === "not-allowed")
        return {
          failure: redirectStop(record.url, next.target.href) ?? `The redirect to ${next.target.href} is not followed.`,
        };
      current = next.request;
    }
  };
}

type StepCheck = Pick<ProbeStep, "findings" | "checked" | "parseError">;

/** A response's findings (checkExchange: its status's checks, the challenges included), and where a challenge broke the grammar. */
function readStep(exchange: Exchange): StepCheck {
  const { findings, checked } = checkExchange(exchange);
  const { parseError } = readAuthResponse(exchange.response);
  return parseError === undefined ? { findings, checked } : { findings, checked, parseError };
}

/** The OAuth metadata lints' findings as the check "oauth-metadata" (check-catalogue.ts). */
function oauthStep(findings: readonly Finding[]): StepCheck {
  return { findings: findingsAs("oauth-metadata", findings), checked: ["oauth-metadata"] };
}

function count(steps: readonly ProbeStep[]): ProbeReport["counts"] {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const step of steps) for (const finding of step.findings) counts[finding.severity]++;
  return counts;
}

/**
 * Probes a URL the way a client meets HTTP authentication, and checks every answer against the
 * RFCs: (1) a request without credentials, following redirects (each hop sent, and so checked,
 * by `send`); (2) the 401's challenges read and linted (readAuthResponse: RFC 9110 §11, §15.5.2,
 * RFC 7617, RFC 6750, RFC 7616); (3) for a Bearer `resource_metadata`, the protected resource
 * metadata (RFC 9728) and each authorization server's metadata at its well-known URL (RFC 8414
 * §3.1); (4) with a user and password (Basic or Digest, the sandbox's own client) or a token
 * (Bearer), the answer to the challenge, retried once on a Digest stale=true (RFC 7616 §3.3).
 * Every answer gets its status's checks (checkExchange); an answer other than 401 gets its
 * freshness computed (RFC 9111 §4.2), and a 200 the sub-requests of active-checks.ts. All I/O goes through `send`; this function decides what to send and what it means.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { send } = options;
  const badCredential = credentialProblem(options);
  const steps: ProbeStep[] = [];
  const extras: Pick<ProbeReport, "freshness" | "unsent"> = {};
  const report = (
    kind: ProbeReport["outcome"]["kind"],
    message: string,
    challenges: ChallengeSummary[] = [],
  ): ProbeReport => ({
    version: 2,
    url: options.url,
    steps,
    challenges,
    outcome: { kind, message },
    counts: count(steps),
    ...extras,
  });

  const sendFollowing = followingRedirects(send, steps, options.maxRedirects ?? 5);

  if (badCredential !== undefined) return report("failed", badCredential);
  const first = await sendFollowing(
    { method: "GET", url: options.url, headers: [["Accept", "*/*"]] },
    `GET ${options.url} without credentials, as a client does first`,
    readStep,
  );
  if ("failure" in first) return report("failed", first.failure);
  const finalUrl = first.exchange.request.url;
  const reading = readAuthResponse(first.exchange.response);
  const challenges = reading.challenges;
  const summaries = challenges.map(summarizeChallenge);
  const status = first.exchange.response.status;
  await discover(challenges, status, finalUrl, sendFollowing, options.maxAuthorizationServers ?? 3);

  if (status !== 401) {
    // Not a 401: the status's own checks ran on the answer; a 200 also gets the sub-requests.
    extras.freshness = freshnessOf(first.exchange.response);
    if (status === 200) {
      const unsent = await runActiveChecks(send, first.exchange, steps.at(-1)?.truncated !== true, steps);
      if (unsent.length > 0) extras.unsent = unsent;
    }
    if (status === 407) return report("cannot-answer", "The server asks for proxy credentials (407).", summaries);
    return report(
      "not-protected",
      `The server answered ${status} without asking for credentials${reading.findings.some((f) => f.severity === "error") ? "" : ": nothing to answer"}.`,
      summaries,
    );
  }
  if (reading.parseError !== undefined || challenges.length === 0) {
    return report(
      "cannot-answer",
      reading.parseError === undefined
        ? "The 401 carries no challenge, so no client can tell how to authenticate."
        : `The challenge does not parse, so no client can answer it: ${reading.parseError.error.message}`,
      summaries,
    );
  }

  const auth: AuthDraft | undefined =
    options.token !== undefined
      ? { type: "bearer", token: options.token }
      : options.user !== undefined
        ? { type: "basic", user: options.user, password: options.password ?? "" }
        : undefined;
  if (auth === undefined) {
    return report(
      "no-credentials",
      "Give --user and --password (Basic or Digest) or --token (Bearer) to answer the challenge.",
      summaries,
    );
  }
  const outcome = await answerWithCredentials(options, auth, challenges, finalUrl, steps);
  return report(outcome.kind, outcome.message, summaries);
}

/**
 * RFC 9728: follows resource_metadata to the resource's and the authorization servers' metadata;
 * a Bearer 401 without it is looked up at the resource's well-known URL (§3.1), as MCP clients do.
 */
async function discover(
  challenges: Challenge[],
  status: number,
  finalUrl: string,
  sendFollowing: SendFollowing,
  maxServers: number,
): Promise<void> {
  const bearer = challenges.find((c) => c.scheme.toLowerCase() === "bearer" && c.params["resource_metadata"]);
  const metadataUrl = bearer?.params["resource_metadata"];
  if (metadataUrl !== undefined && /^https?:\/\//i.test(metadataUrl)) {
    await checkDiscovery(metadataUrl, finalUrl, sendFollowing, maxServers, "named");
  } else if (status === 401 && challenges.some((c) => c.scheme.toLowerCase() === "bearer")) {
    const wellKnown = wellKnownUrl(finalUrl, "oauth-protected-resource");
    if (wellKnown !== undefined) await checkDiscovery(wellKnown, finalUrl, sendFollowing, maxServers, "well-known");
  }
}

type SendFollowing = (
  record: HttpRequestRecord,
  label: string,
  check: (exchange: Exchange) => StepCheck,
) => Promise<{ exchange: Exchange } | { failure: string }>;

const jsonRequest = (url: string): HttpRequestRecord => ({
  method: "GET",
  url,
  headers: [["Accept", "application/json"]],
});

function documentOf(exchange: Exchange) {
  return {
    url: exchange.request.url,
    status: exchange.response.status,
    contentType: combinedField(exchange.response.headers, "content-type")?.value,
    body: exchange.response.body,
  };
}

/** RFC 9728 then RFC 8414: each document fetched as a step, with its findings on that step. */
async function checkDiscovery(
  metadataUrl: string,
  requestedUrl: string,
  sendFollowing: SendFollowing,
  maxServers: number,
  found: "named" | "well-known",
): Promise<void> {
  let issuers: string[] = [];
  const fetched = await sendFollowing(
    jsonRequest(metadataUrl),
    found === "named"
      ? "GET the protected resource metadata named by resource_metadata (RFC 9728 §5.1)"
      : "GET the protected resource metadata at the resource's well-known URL, since the challenge names none (RFC 9728 §3.1)",
    (exchange) => {
      if (redirectStatuses.has(exchange.response.status)) return readStep(exchange);
      if (found === "well-known" && exchange.response.status !== 200) {
        return oauthStep([
          {
            id: "resource-metadata-not-offered",
            severity: "info",
            message: `Neither the Bearer challenge (resource_metadata) nor the well-known URL (it answered ${exchange.response.status}) offers protected resource metadata, so an OAuth client such as an MCP client cannot discover where to get a token.`,
            rfc: rfcReference(9728, "5.1"),
          },
        ]);
      }
      const lint = lintProtectedResourceMetadata(documentOf(exchange), requestedUrl);
      issuers = lint.authorizationServers;
      return oauthStep(lint.findings);
    },
  );
  if ("failure" in fetched) return;
  for (const issuer of issuers.slice(0, maxServers)) {
    const url = wellKnownUrl(issuer, "oauth-authorization-server");
    if (url === undefined) continue;
    await sendFollowing(
      jsonRequest(url),
      `GET the authorization server metadata of ${issuer} at its well-known URL (RFC 8414 §3.1)`,
      (exchange) =>
        redirectStatuses.has(exchange.response.status)
          ? readStep(exchange)
          : oauthStep(lintAuthorizationServerMetadata(documentOf(exchange), issuer).findings),
    );
  }
}

/**
 * Step (4) of runProbe: the challenge answered with the user's credentials at the URL the first
 * request ended on (the origin the user named: redirectStop), once more on a Digest stale=true.
 */
async function answerWithCredentials(
  options: ProbeOptions,
  auth: AuthDraft,
  challenges: Challenge[],
  finalUrl: string,
  steps: ProbeStep[],
): Promise<ProbeReport["outcome"]> {
  const memory = newClientMemory();
  if (options.cnonce !== undefined) memory.cnonce = options.cnonce;
  let current = challenges;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const request = { method: "GET", url: finalUrl };
    const answer = await answerChallenge(current, auth, request, memory);
    if (!answer.ok) return { kind: "cannot-answer", message: answer.error.message };
    const result = await options.send({
      method: "GET",
      url: finalUrl,
      headers: [
        ["Accept", "*/*"],
        ["Authorization", answer.authorization],
      ],
    });
    if (!result.ok) return { kind: "failed", message: result.message };
    const step: ProbeStep = {
      exchange: redactCredentials(result.exchange),
      label: `GET ${finalUrl} answering the ${answer.challenge.scheme} challenge${attempt === 2 ? " again with the new nonce (stale=true)" : ""}`,
      ...readStep(result.exchange),
    };
    steps.push(step);
    const answered = result.exchange.response.status;
    if (answered >= 200 && answered < 300)
      return { kind: "accepted", message: `The credentials were accepted: ${answered}.` };
    if (answered === 403) {
      return {
        kind: "forbidden",
        message: "The credentials were understood but the request is refused: 403 (RFC 9110 §15.5.4).",
      };
    }
    if (answered !== 401)
      return { kind: "refused", message: `After the credentials, the server answered ${answered}.` };
    const again = readAuthResponse(result.exchange.response).challenges;
    const stale = again.some((c) => c.scheme.toLowerCase() === "digest" && c.params["stale"]?.toLowerCase() === "true");
    if (!stale || attempt === 2) break;
    current = again;
  }
  return {
    kind: "refused",
    message:
      "The server refused these credentials with another 401 (RFC 9110 §15.5.2: authorization has been refused for them).",
  };
}
