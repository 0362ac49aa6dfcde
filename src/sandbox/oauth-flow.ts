/**
 * "Send like an OAuth client": the sandbox client follows the whole chain from a protected
 * resource's 401 to a 200, one exchange per step, as an async generator a view can pause between
 * steps. RFC 9728 §5.1 (resource_metadata in the challenge) → RFC 9728 §3 (the resource's metadata)
 * → RFC 8414 §3 (the authorization server's) → RFC 7591 §3 (registration) → RFC 6749 §4.1 with
 * PKCE (RFC 7636) and a resource indicator (RFC 8707), posting the real login form → the token
 * request → the retry, then, as the reader picks, a refresh (RFC 6749 §6), a step-up (RFC 9470) or
 * DPoP proofs through nonce challenges (RFC 9449 §8, §9).
 *
 * Every request goes through the page's one sandbox client, to this page's origin only: a URL a
 * document or a redirect names on another origin stops the flow with a sentence. jose (DPoP
 * proofs, decoding tokens) comes with this module, which index.ts loads on first use.
 */
import {
  combinedField,
  lintAccessTokenClaims,
  lintAuthorizationResponse,
  lintAuthorizationServerMetadata,
  lintProtectedResourceMetadata,
  lintTokenInUrl,
  parseJsonObject,
  pkcePair,
  problemOf,
  shorten,
  wellKnownUrl,
  bytesToBase64url,
  type Exchange,
} from "../http/index.ts";
import type { SandboxClient } from "./client.ts";
import { dpopOnlyTwists, type OAuthFlowOptions } from "./oauth-flow-options.ts";
import {
  acceptJson,
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
  resourceServer,
  statusLine,
  Stop,
  type OAuthOutcome,
  type OAuthStep,
  type Tokens,
} from "./oauth-flow-session.ts";
import { twistHooks, type TwistHooks } from "./oauth-flow-twists.ts";
import { pageAlert, readLoginForm, type LoginForm } from "./oauth-login-form.ts";

// The choices, for a view that loaded this module (index.ts also exports them, for build time).
export { oauthFlowResources, oauthFlowTwists, oauthParticipants } from "./oauth-flow-options.ts";
export { readLoginForm } from "./oauth-login-form.ts";
export type { DecodedToken, OAuthOutcome, OAuthOutcomeKind, OAuthStep } from "./oauth-flow-session.ts";

/** The flow: `next()` runs one exchange; the generator's return value says how it ended. */
export type OAuthFlow = AsyncGenerator<OAuthStep, OAuthOutcome, void>;

const randomText = (bytes: number) => bytesToBase64url(crypto.getRandomValues(new Uint8Array(bytes)));

/**
 * Starts the flow for `options` through `client`. Each `next()` sends one request and yields the
 * step; the generator returns the outcome: "authorized" (the resource answered 200), "refused" (a
 * server answered with an RFC error, which is what a change is for), "stopped" (the client would
 * not go on: another origin, a document it must not use) or "failed" (nothing came back).
 */
export async function* runOAuthFlow(client: SandboxClient, options: OAuthFlowOptions): OAuthFlow {
  try {
    return yield* steps(new OAuthSession(client, options));
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    return { kind: "failed", message: `The client could not go on: ${problemOf(error).message}` };
  }
}

/** The phases in order: discover, register, authorize, call (with a step-up), refresh. */
async function* steps(session: OAuthSession): AsyncGenerator<OAuthStep, OAuthOutcome> {
  const { options } = session;
  const twist = twistHooks[options.twist];
  if (dpopOnlyTwists.includes(options.twist) && options.resource !== "dpop")
    throw new Stop("stopped", "That change is about DPoP proofs: pick the dpop resource to try it.");
  yield* discover(session);
  yield* register(session);
  await session.startDpop();
  let tokens = yield* authorize(session, twist, {}, "");
  const presented =
    twist.presentToken === undefined ? tokens.accessToken : await twist.presentToken.make(tokens.accessToken);
  let retry = yield* callResource(session, twist, twist.presentToken?.label ?? "Retried with the token", presented);
  if (challengeError(retry) === "insufficient_user_authentication") {
    tokens = yield* stepUp(session, twist, retry);
    retry = yield* callResource(session, twist, "Retried with the new token", tokens.accessToken);
  }
  if (retry.exchange.response.status !== 200) {
    retry.note = `The resource refused the token: ${challengeSentence(oauthChallenge(retry.exchange))}.`;
    yield retry;
    throw new Stop(
      "refused",
      `The resource answered ${statusLine(retry.exchange)} with ${challengeSentence(oauthChallenge(retry.exchange))}.`,
    );
  }
  retry.note = "The resource accepted the token.";
  yield retry;
  if (options.refresh) yield* refresh(session, twist, tokens);
  return {
    kind: "authorized",
    message: `From the 401 to ${statusLine(retry.exchange)}: the client discovered, registered, signed in and got a ${tokens.tokenType} token the resource accepts${options.refresh ? ", then refreshed it" : ""}.`,
  };
}

/** A fetched metadata document, as the metadata lints read it. */
const documentOf = (exchange: Exchange) => ({
  url: exchange.request.url,
  status: exchange.response.status,
  contentType: combinedField(exchange.response.headers, "content-type")?.value,
  body: exchange.response.body,
});

/**
 * Discovery: the resource without a token, its 401 naming resource_metadata (RFC 9728 §5.1), the
 * resource's metadata (§3; resource must be the URL asked for, §3.3), the authorization server's
 * at its well-known URL (RFC 8414 §3.1; issuer must match, §3.3).
 */
async function* discover(session: OAuthSession): AsyncGenerator<OAuthStep, void> {
  const { resourceUrl } = session;
  const first = await session.send(resourceServer, "Asked for the resource without a token", "GET", resourceUrl);
  if (first.exchange.response.status !== 401)
    throw new Stop(
      "stopped",
      `The resource answered ${statusLine(first.exchange)}, not 401: there is nothing to discover.`,
    );
  const firstChallenge = oauthChallenge(first.exchange);
  const named = firstChallenge?.params["resource_metadata"];
  first.note =
    named === undefined
      ? "The challenge names no resource_metadata, so the client tries the resource's well-known URL (RFC 9728 §3.1)."
      : `The ${firstChallenge?.scheme ?? ""} challenge names the resource's metadata (resource_metadata, RFC 9728 §5.1)${firstChallenge?.params["scope"] === undefined ? "" : ` and the scope it needs, ${firstChallenge.params["scope"]}`}.`;
  yield first;
  const issuer = yield* resourceMetadata(session, named ?? wellKnownUrl(resourceUrl, "oauth-protected-resource"));
  yield* serverMetadata(session, issuer);
}

/** The protected resource metadata (RFC 9728 §3): the issuer of the authorization server it names. */
async function* resourceMetadata(
  session: OAuthSession,
  metadataUrl: string | undefined,
): AsyncGenerator<OAuthStep, string> {
  const step = await session.send(
    resourceServer,
    "Fetched the resource's metadata",
    "GET",
    session.local(metadataUrl, "The resource_metadata URL"),
    [acceptJson],
  );
  const lint = lintProtectedResourceMetadata(documentOf(step.exchange), session.resourceUrl);
  step.findings.push(...lint.findings);
  // The lint keeps only https issuers; an http one on this origin is shown as an error and still followed (errorsOf).
  const servers = lint.metadata?.["authorization_servers"];
  const issuer = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : undefined;
  step.note =
    issuer === undefined
      ? "The document names no authorization server."
      : `The resource takes tokens from the authorization server ${issuer}.`;
  yield step;
  const errors = errorsOf(lint.findings);
  if (errors.length > 0 || issuer === undefined)
    throw new Stop(
      "stopped",
      `The client must not use this metadata: ${errors[0]?.message ?? "it names no authorization server."}`,
    );
  return issuer;
}

/** The authorization server's metadata (RFC 8414 §3): its endpoints, each on this origin. */
async function* serverMetadata(session: OAuthSession, issuer: string): AsyncGenerator<OAuthStep, void> {
  const step = await session.send(
    authorizationServer,
    "Fetched the authorization server's metadata",
    "GET",
    session.local(wellKnownUrl(issuer, "oauth-authorization-server"), "The authorization server's metadata URL"),
    [acceptJson],
  );
  const lint = lintAuthorizationServerMetadata(documentOf(step.exchange), issuer);
  step.findings.push(...lint.findings);
  step.note = "It names the registration, authorization and token endpoints, and the PKCE methods it supports.";
  yield step;
  const errors = errorsOf(lint.findings);
  const metadata = lint.metadata;
  if (errors.length > 0 || metadata === undefined)
    throw new Stop(
      "stopped",
      `The client must not use this metadata: ${errors[0]?.message ?? "it is not a JSON object."}`,
    );
  session.server = {
    issuer,
    metadata,
    registrationEndpoint: session.local(metadata["registration_endpoint"], "The registration_endpoint"),
    authorizationEndpoint: session.local(metadata["authorization_endpoint"], "The authorization_endpoint"),
    tokenEndpoint: session.local(metadata["token_endpoint"], "The token_endpoint"),
  };
}

/** Dynamic client registration (RFC 7591 §3): a public client (no secret), this page as redirect URI. */
async function* register(session: OAuthSession): AsyncGenerator<OAuthStep, void> {
  if (session.server === undefined) throw new Stop("failed", "The client found no authorization server.");
  const registration = await session.send(
    authorizationServer,
    "Registered as a new client",
    "POST",
    session.server.registrationEndpoint,
    [["Content-Type", "application/json"], acceptJson],
    JSON.stringify({
      client_name: "HTTP Status Lab sandbox client",
      redirect_uris: [session.redirectUri],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    }),
  );
  const clientId = parseJsonObject(registration.exchange.response.body)?.["client_id"];
  registration.note =
    typeof clientId === "string"
      ? "The server issued a client_id; as a public client, it has no secret and proves itself with PKCE."
      : "The server registered no client.";
  yield registration;
  if (registration.exchange.response.status !== 201 || typeof clientId !== "string")
    throw new Stop(
      "refused",
      `Registration failed: ${statusLine(registration.exchange)} ${jsonError(registration.exchange.response.body) ?? ""}`.trim(),
    );
  session.clientId = clientId;
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
  const target = twist.tokenResource?.(session) ?? session.resourceUrl;
  const { clientId } = session.registered();
  const query = formBody({
    response_type: "code",
    client_id: clientId,
    redirect_uri: twist.redirectUri ?? session.redirectUri,
    scope: "read",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    resource: target,
    ...(session.dpop === undefined ? {} : { dpop_jkt: session.dpop.thumbprint }),
    ...extra,
  });
  const loginForm = yield* openAuthorization(session, query, why);
  const code = yield* signIn(session, loginForm, state);
  const tokenBody = formBody({
    grant_type: "authorization_code",
    code,
    redirect_uri: session.redirectUri,
    client_id: clientId,
    code_verifier: twist.dropVerifier === true ? undefined : verifier,
    resource: target,
  });
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

/** The authorization endpoint (RFC 6749 §4.1.1): a login form, or a refusal the flow ends with (§4.1.2.1). */
async function* openAuthorization(
  session: OAuthSession,
  query: string,
  why: string,
): AsyncGenerator<OAuthStep, LoginForm> {
  const { authorizationEndpoint } = session.registered().server;
  const page = await session.send(
    authorizationServer,
    `Opened the authorization endpoint${why}`,
    "GET",
    `${authorizationEndpoint}?${query}`,
  );
  const html = page.exchange.response.body;
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
    page.note =
      "The server sent the browser back to the client with an error instead of a login form (RFC 6749 §4.1.2.1).";
    yield page;
    throw new Stop("refused", `The authorization server refused the request: ${shorten(error, 400)}.`);
  }
  if (page.exchange.response.status !== 200) {
    page.note =
      "The server shows an error page instead of redirecting back, and the page says why. RFC 6749 §4.1.2.1 requires this when the redirect URI or the client_id is missing or invalid; this server does so for an oversized or repeated parameter too.";
    yield page;
    throw new Stop(
      "refused",
      `The authorization server answered ${statusLine(page.exchange)} with an error page: ${pageAlert(html) ?? "no reason given"}.`,
    );
  }
  const loginForm = readLoginForm(html, page.exchange.request.url);
  page.note = loginForm.ok
    ? `A login form${loginForm.asksOneTimeCode ? " that also asks for a one-time code" : ""}; the client fills in the demo user, as you would.`
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
  const { server } = session.registered();
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
  const location = combinedField(postedResponse.headers, "location")?.value ?? "";
  posted.findings.push(
    ...lintAuthorizationResponse(location, {
      redirectUri: session.redirectUri,
      state,
      issuer: server.issuer,
      issRequired: server.metadata["authorization_response_iss_parameter_supported"] === true,
    }),
  );
  session.local(location, "The redirect's Location");
  const callback = new URL(location).searchParams;
  const code = callback.get("code");
  posted.note =
    code === null
      ? "The redirect carries no code."
      : "302 to the client's redirect URI with code and state; the client reads them from the Location and does not load the page.";
  yield posted;
  if (code === null)
    throw new Stop("refused", `The authorization server sent no code: ${callback.get("error") ?? "no error either"}.`);
  if (errorsOf(posted.findings).length > 0)
    throw new Stop("stopped", `The client drops this response: ${errorsOf(posted.findings)[0]?.message ?? ""}`);
  return code;
}

/** The token request (RFC 6749 §4.1.3) with the PKCE verifier (RFC 7636 §4.5) and the resource (RFC 8707 §2.2). */
async function* redeemCode(
  session: OAuthSession,
  twist: TwistHooks,
  tokenBody: string,
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
  label: string,
  accessToken: string,
): AsyncGenerator<OAuthStep, OAuthStep> {
  const proofUrl = twist.proofUrl?.(session) ?? session.resourceUrl;
  const step = await session.call(label, accessToken, proofUrl);
  if (challengeError(step) !== "use_dpop_nonce") return step;
  session.nonces.resource = combinedField(step.exchange.response.headers, "dpop-nonce")?.value;
  step.note = "The resource wants its own nonce in the proof (RFC 9449 §9): use_dpop_nonce, with a DPoP-Nonce field.";
  yield step;
  if (twist.skipResourceNonce === true) {
    session.nonces.resource = undefined;
    return session.call("Sent again without the nonce", accessToken, proofUrl);
  }
  return session.call(`${label}: again, the resource's nonce in a new proof`, accessToken, proofUrl);
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

/** Later: the resource again, a refresh (RFC 6749 §6), and a call with the refreshed token. */
async function* refresh(session: OAuthSession, twist: TwistHooks, tokens: Tokens): AsyncGenerator<OAuthStep, void> {
  if (tokens.refreshToken === undefined) throw new Stop("stopped", "The token endpoint issued no refresh token.");
  const again = yield* callResource(session, twist, "Called the resource again later", tokens.accessToken);
  again.note =
    again.exchange.response.status === 200
      ? "The token is still valid; the client refreshes it anyway, as it would when the resource says invalid_token."
      : `The resource refused the token: ${challengeSentence(oauthChallenge(again.exchange))}; the client refreshes it (RFC 6749 §6).`;
  yield again;
  const refreshed = yield* session.tokenPost(
    "Refreshed the token",
    formBody({
      grant_type: "refresh_token",
      refresh_token: tokens.refreshToken,
      client_id: session.registered().clientId,
      resource: session.resourceUrl,
    }),
  );
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
  const last = yield* callResource(session, twist, "Retried with the refreshed token", accessToken);
  last.note =
    last.exchange.response.status === 200
      ? "The resource accepted the refreshed token."
      : `Refused: ${challengeSentence(oauthChallenge(last.exchange))}.`;
  yield last;
  if (last.exchange.response.status !== 200)
    throw new Stop("refused", `The resource answered ${statusLine(last.exchange)} to the refreshed token.`);
}
