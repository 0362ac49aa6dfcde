/**
 * "Send like an OAuth client": the sandbox client follows the whole chain from a protected
 * resource's 401 to a 200, one exchange per step, as an async generator a view can pause between
 * steps. RFC 9728 §5.1 (resource_metadata in the challenge) → RFC 9728 §3 (the resource's metadata)
 * → RFC 8414 §3 (the authorization server's) → RFC 7591 §3 (registration) → RFC 6749 §4.1 with
 * PKCE (RFC 7636) and a resource indicator (RFC 8707), posting the real login form → the token
 * request → the retry, then, as the reader picks, a refresh (RFC 6749 §6), a step-up (RFC 9470) or
 * DPoP proofs through nonce challenges (RFC 9449 §8, §9).
 *
 * Discovery and the client_id follow the MCP authorization specification (oauth-flow-discovery.ts):
 * every well-known URL in its order, 404s shown; pre-registered credentials, a Client ID Metadata
 * Document or registration; the scope from the challenge, else scopes_supported; a step-up after
 * 403 insufficient_scope, at most `maxStepUps` times.
 *
 * Every request goes through one sender: in the page, its one sandbox client, to this page's
 * origin only (a URL a document or a redirect names elsewhere stops the flow with a sentence); in
 * Node, the probe's sender under its own policy (`setup.allows`, src/probe/oauth-client-mode.ts).
 * jose (DPoP proofs, decoding tokens) comes with this module, which index.ts loads on first use.
 */
import {
  combinedField,
  lintAccessTokenClaims,
  lintAuthorizationResponse,
  lintTokenInUrl,
  parseJsonObject,
  pkcePair,
  problemOf,
  shorten,
  bytesToBase64url,
} from "../http/index.ts";
import type { SandboxClient } from "./client.ts";
import { discover, identify } from "./oauth-flow-discovery.ts";
import { dpopOnlyTwists, type OAuthFlowOptions } from "./oauth-flow-options.ts";
import {
  authorizationServer,
  challengeError,
  challengeSentence,
  decodeToken,
  errorsOf,
  formBody,
  formType,
  jsonError,
  OAuthSession,
  oauthChallenge,
  statusLine,
  Stop,
  type OAuthClientSetup,
  type OAuthOutcome,
  type OAuthStep,
  type ResourceCall,
  type ResourceCalls,
  type Tokens,
} from "./oauth-flow-session.ts";
import { twistHooks, type TwistHooks } from "./oauth-flow-twists.ts";
import { pageAlert, readLoginForm, type LoginForm } from "./oauth-login-form.ts";

// The choices, for a view that loaded this module (index.ts also exports them, for build time).
export { oauthFlowResources, oauthFlowTwists, oauthParticipants } from "./oauth-flow-options.ts";
export { readLoginForm } from "./oauth-login-form.ts";
export type * from "./oauth-flow-session.ts";

/** The flow: `next()` runs one exchange; the generator's return value says how it ended. */
export type OAuthFlow = AsyncGenerator<OAuthStep, OAuthOutcome, void>;

const randomText = (bytes: number) => bytesToBase64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** MCP asks for a bound on step-ups (Scope Challenge Handling); two, then a sentence. */
const defaultMaxStepUps = 2;

/**
 * The sandbox's calls: GET the resource; for "write", then a POST, which needs the scope write
 * (RFC 6750 §3.1): the read token gets 403 insufficient_scope, and the client steps up.
 */
const sandboxCalls = (resource: OAuthFlowOptions["resource"]): ResourceCalls => {
  const calls: ResourceCall[] = [{ label: "Asked for the resource", method: "GET", headers: [] }];
  if (resource === "write")
    calls.push({
      label: "Wrote to the resource",
      method: "POST",
      headers: [["Content-Type", "application/json"]],
      body: '{"note":"written by the sandbox client"}',
      accepted: () => "The resource accepted the write with the new token.",
    });
  let index = 0;
  return { next: () => calls[index++] };
};

/**
 * Starts the flow for `options` through `client`. Each `next()` sends one request and yields the
 * step; the generator returns the outcome: "authorized" (the resource answered 2xx), "refused" (a
 * server answered with an RFC error, which is what a change is for), "stopped" (the client would
 * not go on: a URL its policy refuses, a document it must not use) or "failed" (nothing came back).
 */
export async function* runOAuthFlow(
  client: Pick<SandboxClient, "resend" | "origin" | "base">,
  options: OAuthFlowOptions,
  setup: OAuthClientSetup = {},
): OAuthFlow {
  try {
    return yield* steps(new OAuthSession(client, options, setup));
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    return { kind: "failed", message: `The client could not go on: ${problemOf(error).message}` };
  }
}

const isSuccess = (step: OAuthStep) => step.exchange.response.status >= 200 && step.exchange.response.status < 300;

/** Each call in order: without a token until the resource asks for one, then discovery, identity, authorization, the retry, step-ups; a refresh. */
async function* steps(session: OAuthSession): AsyncGenerator<OAuthStep, OAuthOutcome> {
  const { options } = session;
  const twist = twistHooks[options.twist];
  if (dpopOnlyTwists.includes(options.twist) && options.resource !== "dpop")
    throw new Stop("stopped", "That change is about DPoP proofs: pick the dpop resource to try it.");
  const calls = session.setup.calls ?? sandboxCalls(options.resource);
  let call = calls.next(undefined);
  let last: OAuthStep | undefined;
  let lastCall: ResourceCall | undefined;
  while (call !== undefined) {
    if ("refused" in call) throw new Stop("refused", call.refused);
    const step = yield* oneCall(session, twist, call);
    if (!isSuccess(step)) {
      step.note = `The resource refused: ${challengeSentence(oauthChallenge(step.exchange))}.`;
      yield step;
      throw new Stop(
        "refused",
        `The resource answered ${statusLine(step.exchange)} with ${challengeSentence(oauthChallenge(step.exchange))}.`,
      );
    }
    step.note = call.accepted?.(step.exchange) ?? "The resource accepted the token.";
    yield step;
    [last, lastCall] = [step, call];
    call = calls.next(step.exchange);
  }
  const tokens = session.tokens;
  if (tokens === undefined || last === undefined || lastCall === undefined)
    throw new Stop("stopped", "The resource answered without asking for a token: there is nothing to authorize.");
  if (options.refresh) yield* refresh(session, twist, lastCall, tokens);
  return {
    kind: "authorized",
    message: `From the 401 to ${statusLine(last.exchange)}: the client discovered, ${session.clientHow}, was authorized and got a ${tokens.tokenType} token the resource accepts${options.refresh ? ", then refreshed it" : ""}.`,
  };
}

/**
 * One call, answered: without a token until there is one; on the first 401, discovery, the
 * client_id and an authorization, then the call again; then the challenges a token can meet, a
 * stronger login (RFC 9470) or a missing scope (RFC 6750 §3.1). Returns the last step, not yet yielded.
 */
async function* oneCall(
  session: OAuthSession,
  twist: TwistHooks,
  call: ResourceCall,
): AsyncGenerator<OAuthStep, OAuthStep> {
  if (session.presented === undefined) {
    const bare = await session.call(call, `${call.label} without a token`, undefined, session.resourceUrl);
    if (isSuccess(bare)) return bare;
    if (bare.exchange.response.status !== 401) {
      yield bare;
      throw new Stop(
        "stopped",
        `The resource answered ${statusLine(bare.exchange)}, not 401: there is nothing to discover.`,
      );
    }
    yield* discover(session, bare);
    yield* identify(session);
    await session.startDpop();
    const tokens = yield* authorize(session, twist, {}, "");
    session.tokens = tokens;
    session.presented =
      twist.presentToken === undefined ? tokens.accessToken : await twist.presentToken.make(tokens.accessToken);
    const retried = yield* callResource(session, twist, call, twist.presentToken?.label ?? "Retried with the token");
    return yield* challenges(session, twist, call, retried);
  }
  const step = yield* callResource(session, twist, call, `${call.label} with the token`);
  return yield* challenges(session, twist, call, step);
}

/** After a call with a token: a step-up for a stronger login (RFC 9470), or for a scope, at most `maxStepUps` times. */
async function* challenges(
  session: OAuthSession,
  twist: TwistHooks,
  call: ResourceCall,
  first: OAuthStep,
): AsyncGenerator<OAuthStep, OAuthStep> {
  let step = first;
  if (challengeError(step) === "insufficient_user_authentication") {
    session.tokens = yield* stepUp(session, twist, step);
    session.presented = session.tokens.accessToken;
    step = yield* callResource(session, twist, call, "Retried with the new token");
  }
  while (step.exchange.response.status === 403 && challengeError(step) === "insufficient_scope") {
    session.tokens = yield* scopeStepUp(session, twist, step);
    session.presented = session.tokens.accessToken;
    step = yield* callResource(session, twist, call, "Retried with the new token");
  }
  return step;
}

/** The authorization code flow: the login form, the redirect, the token request (RFC 6749 §4.1, RFC 7636). */
async function* authorize(
  session: OAuthSession,
  twist: TwistHooks,
  extra: Record<string, string>,
  why: string,
): AsyncGenerator<OAuthStep, Tokens> {
  const { verifier, challenge } = await pkcePair();
  const random = randomText(16);
  const state = twist.state?.(random) ?? random;
  const target = twist.tokenResource?.(session) ?? session.resource;
  const { clientId } = session.registered();
  const query = formBody({
    response_type: "code",
    client_id: clientId,
    redirect_uri: twist.redirectUri ?? session.redirectUri,
    // MCP 2025-11-25, Scope Selection Strategy: the challenge's scope, else scopes_supported, else none.
    scope: session.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    resource: target,
    ...(session.dpop === undefined ? {} : { dpop_jkt: session.dpop.thumbprint }),
    ...extra,
  });
  const opened = yield* openAuthorization(session, query, why, state);
  const code = typeof opened === "string" ? opened : yield* signIn(session, opened, state);
  const tokenBody = {
    grant_type: "authorization_code",
    code,
    redirect_uri: session.redirectUri,
    code_verifier: twist.dropVerifier === true ? undefined : verifier,
    resource: target,
  };
  const tokens = yield* redeemCode(session, twist, tokenBody);
  if (twist.replayCode === true) {
    const replay = yield* session.tokenPost("Sent the same code again", tokenBody);
    replay.note = "A code is good for one token request (RFC 6749 §4.1.2): the server refuses it the second time.";
    yield replay;
    throw new Stop(
      "refused",
      `The replayed code was refused: ${statusLine(replay.exchange)} ${jsonError(replay.exchange.response.body) ?? ""}.`,
    );
  }
  return tokens;
}

/**
 * The authorization endpoint (RFC 6749 §4.1.1): a login form; or a redirect straight back to the
 * client with a code (a server that needs no login, as the MCP conformance suite's does); or a
 * refusal the flow ends with (§4.1.2.1).
 */
async function* openAuthorization(
  session: OAuthSession,
  query: string,
  why: string,
  state: string,
): AsyncGenerator<OAuthStep, LoginForm | string> {
  const { authorizationEndpoint } = session.registered().server;
  const page = await session.send(
    authorizationServer,
    `Opened the authorization endpoint${why}`,
    "GET",
    `${authorizationEndpoint}?${query}`,
  );
  const html = page.exchange.response.body;
  const back = atRedirectUri(session, page);
  if (back?.searchParams.has("code") === true) {
    page.note = `${session.clientNote}No login: the server sent the browser straight back to the client with a code.`;
    return yield* codeFrom(session, page, back, state);
  }
  if (page.exchange.response.status === 302) {
    const location = combinedField(page.exchange.response.headers, "location")?.value ?? "";
    page.findings.push(...lintTokenInUrl(location, "The redirect"));
    let error = "";
    try {
      const url = new URL(location);
      error = `${url.searchParams.get("error") ?? ""}: ${url.searchParams.get("error_description") ?? ""}`;
    } catch {
      error = "a Location that is not a URL";
    }
    page.note = `${session.clientNote}The server sent the browser back to the client with an error instead of a login form (RFC 6749 §4.1.2.1).`;
    yield page;
    throw new Stop("refused", `The authorization server refused the request: ${shorten(error, 400)}.`);
  }
  if (page.exchange.response.status !== 200) {
    page.note = `${session.clientNote}The server shows an error page instead of redirecting back, and the page says why. RFC 6749 §4.1.2.1 requires this when the redirect URI or the client_id is missing or invalid; this server does so for an oversized or repeated parameter too.`;
    yield page;
    throw new Stop(
      "refused",
      `The authorization server answered ${statusLine(page.exchange)} with an error page: ${pageAlert(html) ?? "no reason given"}.`,
    );
  }
  const loginForm = readLoginForm(html, page.exchange.request.url);
  page.note = loginForm.ok
    ? `${session.clientNote}A login form${loginForm.asksOneTimeCode ? " that also asks for a one-time code" : ""}; the client fills in the demo user, as you would.`
    : loginForm.error.message;
  yield page;
  if (!loginForm.ok) throw new Stop("stopped", loginForm.error.message);
  return loginForm;
}

/**
 * The login: the form's own fields, the user's answers typed in (RFC 6749 §4.1.1, §3.1: a POST
 * keeps the password out of URLs); the code from the redirect's Location (§4.1.2).
 */
async function* signIn(session: OAuthSession, loginForm: LoginForm, state: string): AsyncGenerator<OAuthStep, string> {
  const { login } = session;
  const typed: Record<string, string> = { username: login.username, password: login.password, otp: login.oneTimeCode };
  const body = new URLSearchParams(loginForm.fields.map(([name, value]) => [name, typed[name] ?? value])).toString();
  const posted = await session.send(
    authorizationServer,
    "Posted the login form",
    "POST",
    session.local(loginForm.action, "The login form's action"),
    [formType],
    body,
  );
  const postedResponse = posted.exchange.response;
  if (postedResponse.status !== 302) {
    posted.note = "No redirect: the server did not accept the login.";
    yield posted;
    throw new Stop(
      "refused",
      `The login was refused: ${pageAlert(postedResponse.body) ?? statusLine(posted.exchange)}.`,
    );
  }
  const back = atRedirectUri(session, posted);
  if (back === undefined) {
    posted.note = "The redirect does not lead to the client's redirect URI.";
    yield posted;
    throw new Stop(
      "stopped",
      "The login's redirect does not lead to the client's redirect URI, so the client stops here.",
    );
  }
  posted.note =
    "302 to the client's redirect URI with code and state; the client reads them from the Location and does not load the page.";
  return yield* codeFrom(session, posted, back, state);
}

/** The Location of a 3xx when it leads to the client's redirect URI (same origin and path), else undefined. */
function atRedirectUri(session: OAuthSession, step: OAuthStep): URL | undefined {
  const { status } = step.exchange.response;
  if (status < 300 || status > 399) return undefined;
  const location = combinedField(step.exchange.response.headers, "location")?.value ?? "";
  try {
    const url = new URL(location, step.exchange.request.url);
    const expected = new URL(session.redirectUri);
    return url.origin === expected.origin && url.pathname === expected.pathname ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The code from the redirect to the client (RFC 6749 §4.1.2), its Location linted (state, RFC 9207
 * iss, a token in the URL); `step` is yielded with the findings. Read, never loaded.
 */
async function* codeFrom(
  session: OAuthSession,
  step: OAuthStep,
  back: URL,
  state: string,
): AsyncGenerator<OAuthStep, string> {
  const { server } = session.registered();
  step.findings.push(
    ...lintAuthorizationResponse(back.href, {
      redirectUri: session.redirectUri,
      state,
      issuer: server.issuer,
      issRequired: server.metadata["authorization_response_iss_parameter_supported"] === true,
    }),
  );
  const code = back.searchParams.get("code");
  if (code === null) step.note = "The redirect carries no code.";
  yield step;
  if (code === null)
    throw new Stop(
      "refused",
      `The authorization server sent no code: ${back.searchParams.get("error") ?? "no error either"}.`,
    );
  if (errorsOf(step.findings).length > 0)
    throw new Stop("stopped", `The client drops this response: ${errorsOf(step.findings)[0]?.message ?? ""}`);
  return code;
}

/** The token request (RFC 6749 §4.1.3) with the PKCE verifier (RFC 7636 §4.5) and the resource (RFC 8707 §2.2). */
async function* redeemCode(
  session: OAuthSession,
  twist: TwistHooks,
  tokenBody: Record<string, string | undefined>,
): AsyncGenerator<OAuthStep, Tokens> {
  const tokenStep = yield* session.tokenPost(
    `Asked for a token${twist.dropVerifier === true ? ", without the code_verifier" : ""}`,
    tokenBody,
  );
  const issued = parseJsonObject(tokenStep.exchange.response.body);
  const accessToken = issued?.["access_token"];
  if (tokenStep.exchange.response.status !== 200 || issued === undefined || typeof accessToken !== "string") {
    tokenStep.note = "No token.";
    yield tokenStep;
    throw new Stop(
      "refused",
      `The token endpoint answered ${statusLine(tokenStep.exchange)}: ${jsonError(tokenStep.exchange.response.body) ?? "no error code"}.`,
    );
  }
  const decoded = decodeToken("access_token", accessToken);
  tokenStep.tokens.push(decoded);
  if ("claims" in decoded)
    tokenStep.findings.push(
      ...lintAccessTokenClaims(decoded.header, decoded.claims, {
        resource: session.resourceUrl,
        issuer: session.registered().server.issuer,
      }),
    );
  const refreshToken = issued["refresh_token"];
  tokenStep.note = `A ${String(issued["token_type"])} access token for ${String("claims" in decoded ? decoded.claims["aud"] : "?")}, valid ${String(issued["expires_in"])} s${typeof refreshToken === "string" ? ", and a refresh token" : ""}.`;
  yield tokenStep;
  return {
    accessToken,
    refreshToken: typeof refreshToken === "string" ? refreshToken : undefined,
    tokenType: String(issued["token_type"]),
  };
}

/** The call; a 401 use_dpop_nonce is yielded and the call made again with the resource's nonce (RFC 9449 §9). */
async function* callResource(
  session: OAuthSession,
  twist: TwistHooks,
  call: ResourceCall,
  label: string,
  accessToken = session.presented,
): AsyncGenerator<OAuthStep, OAuthStep> {
  const proofUrl = twist.proofUrl?.(session) ?? session.resourceUrl;
  const step = await session.call(call, label, accessToken, proofUrl);
  if (challengeError(step) !== "use_dpop_nonce") return step;
  session.nonces.resource = combinedField(step.exchange.response.headers, "dpop-nonce")?.value;
  step.note = "The resource wants its own nonce in the proof (RFC 9449 §9): use_dpop_nonce, with a DPoP-Nonce field.";
  yield step;
  if (twist.skipResourceNonce === true) {
    session.nonces.resource = undefined;
    return session.call(call, "Sent again without the nonce", accessToken, proofUrl);
  }
  return session.call(call, `${label}: again, the resource's nonce in a new proof`, accessToken, proofUrl);
}

/** A step-up (RFC 9470): the resource asks for a stronger login; the client authorizes again with acr_values and max_age. */
async function* stepUp(
  session: OAuthSession,
  twist: TwistHooks,
  refused: OAuthStep,
): AsyncGenerator<OAuthStep, Tokens> {
  const challenge = oauthChallenge(refused.exchange);
  refused.note = `The login behind the token is too weak: the resource asks for acr_values ${challenge?.params["acr_values"] ?? "?"} and max_age ${challenge?.params["max_age"] ?? "?"} (RFC 9470 §3).`;
  yield refused;
  const asked: Record<string, string> = {};
  for (const name of ["acr_values", "max_age"]) {
    const value = challenge?.params[name];
    if (value !== undefined) asked[name] = value;
  }
  return yield* authorize(session, twist, asked, " again, with acr_values and max_age (step-up, RFC 9470 §4)");
}

/**
 * A step-up for a scope (RFC 6750 §3.1 insufficient_scope; MCP 2025-11-25, Scope Challenge
 * Handling): the client authorizes again with the challenge's scope, at most `maxStepUps` times,
 * then stops with a sentence rather than loop.
 */
async function* scopeStepUp(
  session: OAuthSession,
  twist: TwistHooks,
  refused: OAuthStep,
): AsyncGenerator<OAuthStep, Tokens> {
  const asked = oauthChallenge(refused.exchange)?.params["scope"];
  const limit = session.setup.maxStepUps ?? defaultMaxStepUps;
  if (session.stepUps >= limit) {
    refused.note = `insufficient_scope again, after ${limit} step-up${limit === 1 ? "" : "s"}.`;
    yield refused;
    throw new Stop(
      "refused",
      `The resource still answers 403 insufficient_scope after ${limit} step-up${limit === 1 ? "" : "s"}; the client stops rather than ask again and again (MCP 2025-11-25, Scope Challenge Handling).`,
    );
  }
  session.stepUps += 1;
  if (asked !== undefined) session.scope = asked;
  refused.note = `The token lacks a scope: insufficient_scope (RFC 6750 §3.1)${asked === undefined ? ", without a scope to ask for; the client asks for the same again" : `, and the resource asks for ${asked}`}. The client authorizes again (step-up ${session.stepUps} of at most ${limit}).`;
  yield refused;
  return yield* authorize(session, twist, {}, ` again, for the scope ${session.scope ?? "(none)"}`);
}

/** Later: the resource again, a refresh (RFC 6749 §6), and a call with the refreshed token. */
async function* refresh(
  session: OAuthSession,
  twist: TwistHooks,
  call: ResourceCall,
  tokens: Tokens,
): AsyncGenerator<OAuthStep, void> {
  if (tokens.refreshToken === undefined) throw new Stop("stopped", "The token endpoint issued no refresh token.");
  const again = yield* callResource(session, twist, call, "Called the resource again later", tokens.accessToken);
  again.note =
    again.exchange.response.status === 200
      ? "The token is still valid; the client refreshes it anyway, as it would when the resource says invalid_token."
      : `The resource refused the token: ${challengeSentence(oauthChallenge(again.exchange))}; the client refreshes it (RFC 6749 §6).`;
  yield again;
  const refreshed = yield* session.tokenPost("Refreshed the token", {
    grant_type: "refresh_token",
    refresh_token: tokens.refreshToken,
    resource: session.resource,
  });
  const issued = parseJsonObject(refreshed.exchange.response.body);
  const accessToken = issued?.["access_token"];
  if (refreshed.exchange.response.status !== 200 || typeof accessToken !== "string") {
    yield refreshed;
    throw new Stop(
      "refused",
      `The refresh was refused: ${jsonError(refreshed.exchange.response.body) ?? statusLine(refreshed.exchange)}.`,
    );
  }
  refreshed.tokens.push(decodeToken("access_token", accessToken));
  refreshed.note =
    typeof issued?.["refresh_token"] === "string"
      ? "A new access token for the same grant, without a new login, and a new refresh token: the old one is spent (rotation, RFC 9700 §4.14.2)."
      : "A new access token for the same grant, without a new login.";
  yield refreshed;
  const last = yield* callResource(session, twist, call, "Retried with the refreshed token", accessToken);
  last.note =
    last.exchange.response.status === 200
      ? "The resource accepted the refreshed token."
      : `Refused: ${challengeSentence(oauthChallenge(last.exchange))}.`;
  yield last;
  if (last.exchange.response.status !== 200)
    throw new Stop("refused", `The resource answered ${statusLine(last.exchange)} to the refreshed token.`);
}
