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
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import {
  bytesToBase64url,
  combinedField,
  lintAccessTokenClaims,
  lintAuthorizationResponse,
  lintAuthorizationServerMetadata,
  lintProtectedResourceMetadata,
  lintRequest,
  lintResponse,
  lintTokenInUrl,
  parseChallenges,
  problemOf,
  reasonPhrase,
  pkcePair,
  shorten,
  wellKnownUrl,
  type Challenge,
  type Exchange,
  type Finding,
  type HttpRequestRecord,
} from "../http/index.ts";
import { apiPath } from "../site-config.ts";
import type { SandboxClient } from "./client.ts";
import {
  defaultOAuthLogin,
  dpopOnlyTwists,
  type OAuthFlowOptions,
  type OAuthFlowResource,
  type OAuthParticipant,
} from "./oauth-flow-options.ts";
import { dpopProof, newDpopKey } from "./dpop-client.ts";

// The choices, for a view that loaded this module (index.ts also exports them, for build time).
export { oauthFlowResources, oauthFlowTwists, oauthParticipants } from "./oauth-flow-options.ts";

/** A JWT the client received, decoded for reading (not verified: the resource verifies it). */
export type DecodedToken =
  | { name: string; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { name: string; problem: string };

/** One exchange of the flow, and what the client made of it. */
export interface OAuthStep {
  /** The exchange, with `server` naming the participant that answered. */
  exchange: Exchange;
  /** What the client did, as a sentence. */
  label: string;
  server: OAuthParticipant;
  /** Lints of this exchange: the authentication fields, the documents, the redirect, the token. */
  findings: Finding[];
  /** Tokens in this response, decoded. */
  tokens: DecodedToken[];
  /** What the client learned from the answer, as a sentence. */
  note: string;
}

export type OAuthOutcomeKind = "authorized" | "refused" | "stopped" | "failed";
export interface OAuthOutcome {
  kind: OAuthOutcomeKind;
  message: string;
}

/** The flow: `next()` runs one exchange; the generator's return value says how it ended. */
export type OAuthFlow = AsyncGenerator<OAuthStep, OAuthOutcome, void>;

/** Why the flow ends early: a server's refusal, or the client's own (another origin, a bad document). */
class Stop extends Error {
  readonly outcome: OAuthOutcome;
  constructor(kind: OAuthOutcomeKind, message: string) {
    super(message.replace(/([^.])\.\.$/, "$1.")); // a quoted sentence's own full stop, not two
    this.outcome = { kind, message: this.message };
  }
}

const resourceServer: OAuthParticipant = "Resource server";
const authorizationServer: OAuthParticipant = "Authorization server";
/** Longest HTML page the client reads a form from. */
const maxPageLength = 200_000;

const randomText = (bytes: number) => bytesToBase64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** Numeric and the five named character references, as the authorization server's pages write them. */
function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (all, dec, hex, name) => {
    if (name !== undefined) return named[String(name).toLowerCase()] ?? all;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(String(hex), 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The text of an HTML fragment, tags dropped and references read: a sentence to show as text. */
function htmlText(fragment: string): string {
  return unescapeHtml(fragment.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** The login form of an authorization server's page: where it posts and its fields (RFC 6749 §4.1.1). */
export function readLoginForm(
  html: string,
  pageUrl: string,
):
  | { ok: true; action: string; fields: Array<[string, string]>; asksOneTimeCode: boolean }
  | { ok: false; message: string } {
  if (html.length > maxPageLength) return { ok: false, message: "The page is too long to be a login form." };
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) return { ok: false, message: "The page has no form to sign in with." };
  const method = /\bmethod="([^"]*)"/i.exec(form[1] ?? "")?.[1]?.toUpperCase() ?? "GET";
  if (method !== "POST")
    return { ok: false, message: "The login form does not post, so the password would go into a URL." };
  let action: string;
  try {
    action = new URL(unescapeHtml(/\baction="([^"]*)"/i.exec(form[1] ?? "")?.[1] ?? ""), pageUrl).href;
  } catch {
    return { ok: false, message: "The login form's action is not a URL." };
  }
  const fields: Array<[string, string]> = [];
  let asksOneTimeCode = false;
  for (const input of (form[2] ?? "").matchAll(/<input\b([^>]*)>/gi)) {
    const attributes = input[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(attributes)?.[1];
    if (name === undefined) continue;
    const type = /\btype="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase() ?? "text";
    if (name === "otp") asksOneTimeCode = true;
    fields.push([
      unescapeHtml(name),
      type === "hidden" ? unescapeHtml(/\bvalue="([^"]*)"/i.exec(attributes)?.[1] ?? "") : "",
    ]);
  }
  return { ok: true, action, fields, asksOneTimeCode };
}

/** The sentence an authorization server's HTML page puts in its alert (why it refused). */
function pageAlert(html: string): string | undefined {
  const alert = /<p role="alert">([\s\S]*?)<\/p>/i.exec(html.slice(0, maxPageLength));
  return alert === null ? undefined : shorten(htmlText(alert[1] ?? ""), 400);
}

/** `error: description` of an OAuth JSON error (RFC 6749 §5.2, RFC 7591 §3.2.2), or undefined. */
function jsonError(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { error, error_description: description } = parsed as Record<string, unknown>;
    if (typeof error !== "string") return undefined;
    return shorten(typeof description === "string" ? `${error}: ${description}` : error, 400);
  } catch {
    return undefined;
  }
}

function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The Bearer or DPoP challenge of a response (RFC 6750 §3, RFC 9449 §7.1). */
function oauthChallenge(exchange: Exchange): Challenge | undefined {
  const value = combinedField(exchange.response.headers, "www-authenticate")?.value;
  if (value === undefined) return undefined;
  const parsed = parseChallenges(value);
  if (!parsed.ok) return undefined;
  return (
    parsed.challenges.find((challenge) => challenge.params["error"] !== undefined) ??
    parsed.challenges.find((challenge) => ["bearer", "dpop"].includes(challenge.scheme.toLowerCase()))
  );
}

function challengeSentence(challenge: Challenge | undefined): string {
  if (challenge === undefined) return "no Bearer or DPoP challenge";
  const { error, error_description: description } = challenge.params;
  return error === undefined
    ? `a ${challenge.scheme} challenge without an error code`
    : `${challenge.scheme} error="${error}"${description === undefined ? "" : ` (“${shorten(description, 300)}”)`}`;
}

const statusLine = (exchange: Exchange) =>
  `${exchange.response.status} ${exchange.response.statusText || reasonPhrase(exchange.response.status) || ""}`.trim();

/** Decodes a JWT for reading, with a sentence when it is not one. */
function decodeToken(name: string, value: unknown): DecodedToken {
  if (typeof value !== "string") return { name, problem: `${name} is not a string.` };
  try {
    return {
      name,
      header: decodeProtectedHeader(value),
      claims: decodeJwt(value),
    };
  } catch {
    return { name, problem: `${name} is not a JWT the client can read; only the server that issued it can.` };
  }
}

/** The client's DPoP key (dpop-client.ts, shared with the lessons) and its RFC 7638 thumbprint, for dpop_jkt (RFC 9449 §10). */
async function dpopKey() {
  const key = await newDpopKey();
  const thumbprint = await calculateJwkThumbprint(key.jwk, "sha256");
  const proof = (method: string, url: string, nonce: string | undefined, accessToken?: string) =>
    dpopProof(key, { method, url, nonce, accessToken });
  return { thumbprint, proof };
}

/** The same claims signed with a key the authorization server never had: what a forger can make. */
async function forge(token: string): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256");
  const header = decodeProtectedHeader(token);
  return new SignJWT(decodeJwt(token)).setProtectedHeader({ ...header, alg: "ES256" }).sign(privateKey);
}

/**
 * Starts the flow for `options` through `client`. Each `next()` sends one request and yields the
 * step; the generator returns the outcome: "authorized" (the resource answered 200), "refused" (a
 * server answered with an RFC error, which is what a change is for), "stopped" (the client would
 * not go on: another origin, a document it must not use) or "failed" (nothing came back).
 */
export async function* runOAuthFlow(client: SandboxClient, options: OAuthFlowOptions): OAuthFlow {
  try {
    return yield* steps(client, options);
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    return { kind: "failed", message: `The client could not go on: ${problemOf(error).message}` };
  }
}

async function* steps(client: SandboxClient, options: OAuthFlowOptions): AsyncGenerator<OAuthStep, OAuthOutcome> {
  const { origin, base } = client;
  const twist = options.twist;
  const login = options.login ?? defaultOAuthLogin;
  if (dpopOnlyTwists.includes(twist) && options.resource !== "dpop")
    throw new Stop("stopped", "That change is about DPoP proofs: pick the dpop resource to try it.");

  const resourceUrlOf = (name: OAuthFlowResource) => new URL(apiPath(base, `oauth/${name}`), origin).href;
  const resourceUrl = resourceUrlOf(options.resource);
  /** The client's redirect URI: the guide page, on this origin. It never loads it; it reads the code from the Location. */
  const redirectUri = new URL(`${base}oauth/`, origin).href;

  /** A URL the client may send to: this page's origin only. */
  const local = (value: unknown, what: string): string => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new Stop("stopped", `${what} (${shorten(String(value), 200)}) is not a URL, so the client stops here.`);
    }
    if (url.origin !== origin)
      throw new Stop(
        "stopped",
        `${what} is ${shorten(url.href, 200)}, on another origin: the sandbox's client sends nothing off this page's origin, so it stops here.`,
      );
    return url.href;
  };

  const send = async (
    server: OAuthParticipant,
    label: string,
    method: string,
    url: string,
    headers: Array<[string, string]> = [],
    body?: string,
  ): Promise<OAuthStep> => {
    const record: HttpRequestRecord = { method, url, headers };
    if (body !== undefined) record.body = body;
    const result = await client.resend(record);
    if (!result.ok) throw new Stop("failed", result.error.message);
    const exchange: Exchange = { ...result.exchange, server };
    return {
      exchange,
      label,
      server,
      findings: [...lintRequest(record), ...lintResponse(exchange.response), ...lintTokenInUrl(url, "The request")],
      tokens: [],
      note: "",
    };
  };
  const form = (values: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, value);
    return params.toString();
  };
  const formType: [string, string] = ["Content-Type", "application/x-www-form-urlencoded"];
  const json: [string, string] = ["Accept", "application/json"];
  /**
   * The findings that stop a client. http instead of https is shown but does not stop it: the
   * sandbox answers on the page's own origin, which is https when published and http on a
   * workshop's LAN, and the lint already says what a deployed server needs.
   */
  const errorsOf = (findings: Finding[]) =>
    findings.filter((finding) => finding.severity === "error" && !finding.id.endsWith("-not-https"));

  // 1. The resource without a token: 401 with resource_metadata (RFC 9728 §5.1).
  const first = await send(resourceServer, "Asked for the resource without a token", "GET", resourceUrl);
  if (first.exchange.response.status !== 401)
    throw new Stop(
      "stopped",
      `The resource answered ${statusLine(first.exchange)}, not 401: there is nothing to discover.`,
    );
  const firstChallenge = oauthChallenge(first.exchange);
  const named = firstChallenge?.params["resource_metadata"];
  const metadataUrl = named ?? wellKnownUrl(resourceUrl, "oauth-protected-resource");
  first.note =
    named === undefined
      ? "The challenge names no resource_metadata, so the client tries the resource's well-known URL (RFC 9728 §3.1)."
      : `The ${firstChallenge?.scheme ?? ""} challenge names the resource's metadata (resource_metadata, RFC 9728 §5.1)${firstChallenge?.params["scope"] === undefined ? "" : ` and the scope it needs, ${firstChallenge.params["scope"]}`}.`;
  yield first;

  // 2. The protected resource metadata (RFC 9728 §3); resource must be the URL asked for (§3.3).
  const metadataStep = await send(
    resourceServer,
    "Fetched the resource's metadata",
    "GET",
    local(metadataUrl, "The resource_metadata URL"),
    [json],
  );
  const document = (exchange: Exchange) => ({
    url: exchange.request.url,
    status: exchange.response.status,
    contentType: combinedField(exchange.response.headers, "content-type")?.value,
    body: exchange.response.body,
  });
  const resourceLint = lintProtectedResourceMetadata(document(metadataStep.exchange), resourceUrl);
  metadataStep.findings.push(...resourceLint.findings);
  // The lint keeps only https issuers; an http one on this origin is shown as an error and still followed (errorsOf).
  const servers = resourceLint.metadata?.["authorization_servers"];
  const issuer = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : undefined;
  metadataStep.note =
    issuer === undefined
      ? "The document names no authorization server."
      : `The resource takes tokens from the authorization server ${issuer}.`;
  yield metadataStep;
  const resourceErrors = errorsOf(resourceLint.findings);
  if (resourceErrors.length > 0 || issuer === undefined)
    throw new Stop(
      "stopped",
      `The client must not use this metadata: ${resourceErrors[0]?.message ?? "it names no authorization server."}`,
    );

  const issuerId: string = issuer;

  // 3. The authorization server's metadata at its well-known URL (RFC 8414 §3.1); issuer must match (§3.3).
  const asStep = await send(
    authorizationServer,
    "Fetched the authorization server's metadata",
    "GET",
    local(wellKnownUrl(issuer, "oauth-authorization-server"), "The authorization server's metadata URL"),
    [json],
  );
  const asLint = lintAuthorizationServerMetadata(document(asStep.exchange), issuer);
  asStep.findings.push(...asLint.findings);
  asStep.note = "It names the registration, authorization and token endpoints, and the PKCE methods it supports.";
  yield asStep;
  const asErrors = errorsOf(asLint.findings);
  const as = asLint.metadata;
  if (asErrors.length > 0 || as === undefined)
    throw new Stop(
      "stopped",
      `The client must not use this metadata: ${asErrors[0]?.message ?? "it is not a JSON object."}`,
    );
  const registrationEndpoint = local(as["registration_endpoint"], "The registration_endpoint");
  const authorizationEndpoint = local(as["authorization_endpoint"], "The authorization_endpoint");
  const tokenEndpoint = local(as["token_endpoint"], "The token_endpoint");

  // 4. Dynamic client registration (RFC 7591 §3): a public client (no secret), this page as redirect URI.
  const registration = await send(
    authorizationServer,
    "Registered as a new client",
    "POST",
    registrationEndpoint,
    [["Content-Type", "application/json"], json],
    JSON.stringify({
      client_name: "HTTP Status Lab sandbox client",
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    }),
  );
  const registered = jsonObject(registration.exchange.response.body);
  const clientId = registered?.["client_id"];
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

  const dpop = options.resource === "dpop" ? await dpopKey() : undefined;
  const nonces: { as: string | undefined; resource: string | undefined } = { as: undefined, resource: undefined };

  /**
   * A token request (RFC 6749 §4.1.3, §6). With DPoP, a new proof each time (RFC 9449 §5); a 400
   * use_dpop_nonce is yielded and the request sent again with the DPoP-Nonce it gives (§8).
   * Returns the last step, not yet yielded.
   */
  async function* tokenPost(label: string, body: string): AsyncGenerator<OAuthStep, OAuthStep> {
    const post = async (text: string) => {
      const headers: Array<[string, string]> = [formType, json];
      if (dpop !== undefined) headers.push(["DPoP", await dpop.proof("POST", tokenEndpoint, nonces.as)]);
      return send(authorizationServer, text, "POST", tokenEndpoint, headers, body);
    };
    const step = await post(label);
    if (dpop === undefined || step.exchange.response.status !== 400) return step;
    if (jsonError(step.exchange.response.body)?.startsWith("use_dpop_nonce") !== true) return step;
    nonces.as = combinedField(step.exchange.response.headers, "dpop-nonce")?.value;
    step.note =
      "The token endpoint wants a nonce in the DPoP proof: use_dpop_nonce, with a DPoP-Nonce field (RFC 9449 §8).";
    yield step;
    return post(`${label}: again, the server's nonce in a new DPoP proof`);
  }

  /** The authorization code flow: the login form, the redirect, the token request (RFC 6749 §4.1, RFC 7636). */
  async function* authorize(
    extra: Record<string, string>,
    why: string,
  ): AsyncGenerator<OAuthStep, { accessToken: string; refreshToken: string | undefined; tokenType: string }> {
    const { verifier, challenge } = await pkcePair();
    const state = twist === "long-state" ? "s".repeat(20_000) : randomText(16);
    const target =
      twist === "wrong-audience"
        ? resourceUrlOf(options.resource === "resource" ? "step-up" : "resource")
        : resourceUrl;
    const redirectTo =
      twist === "hostile-redirect" ? `https://attacker.example/callback?x="><img src=x onerror=alert(1)>` : redirectUri;
    const query = form({
      response_type: "code",
      client_id: clientId as string,
      redirect_uri: redirectTo,
      scope: "read",
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
      resource: target,
      ...(dpop === undefined ? {} : { dpop_jkt: dpop.thumbprint }),
      ...extra,
    });
    const page = await send(
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
        "The server shows an error page and does not redirect: it cannot trust the redirect URI (RFC 6749 §4.1.2.1).";
      yield page;
      throw new Stop(
        "refused",
        `The authorization server answered ${statusLine(page.exchange)} with an error page: ${pageAlert(html) ?? "no reason given"}.`,
      );
    }
    const loginForm = readLoginForm(html, page.exchange.request.url);
    page.note = loginForm.ok
      ? `A login form${loginForm.asksOneTimeCode ? " that also asks for a one-time code" : ""}; the client fills in the demo user, as you would.`
      : loginForm.message;
    yield page;
    if (!loginForm.ok) throw new Stop("stopped", loginForm.message);

    // The login: the form's own fields, the user's answers typed in (RFC 6749 §4.1.1, §3.1: a POST keeps the password out of URLs).
    const typed: Record<string, string> = {
      username: login.username,
      password: login.password,
      otp: login.oneTimeCode,
    };
    const body = new URLSearchParams(loginForm.fields.map(([name, value]) => [name, typed[name] ?? value])).toString();
    const posted = await send(
      authorizationServer,
      "Posted the login form",
      "POST",
      local(loginForm.action, "The login form's action"),
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
        redirectUri,
        state,
        issuer: issuerId,
        issRequired: as?.["authorization_response_iss_parameter_supported"] === true,
      }),
    );
    local(location, "The redirect's Location");
    const callback = new URL(location).searchParams;
    const code = callback.get("code");
    posted.note =
      code === null
        ? "The redirect carries no code."
        : "302 to the client's redirect URI with code and state; the client reads them from the Location and does not load the page.";
    yield posted;
    if (code === null)
      throw new Stop(
        "refused",
        `The authorization server sent no code: ${callback.get("error") ?? "no error either"}.`,
      );
    if (errorsOf(posted.findings).length > 0)
      throw new Stop("stopped", `The client drops this response: ${errorsOf(posted.findings)[0]?.message ?? ""}`);

    // The token request (RFC 6749 §4.1.3) with the PKCE verifier (RFC 7636 §4.5) and the resource (RFC 8707 §2.2).
    const tokenBody = form({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: clientId as string,
      code_verifier: twist === "drop-pkce" ? undefined : verifier,
      resource: target,
    });
    const tokenStep = yield* tokenPost(
      `Asked for a token${twist === "drop-pkce" ? ", without the code_verifier" : ""}`,
      tokenBody,
    );
    const issued = jsonObject(tokenStep.exchange.response.body);
    if (tokenStep.exchange.response.status !== 200 || typeof issued?.["access_token"] !== "string") {
      tokenStep.note = "No token.";
      yield tokenStep;
      throw new Stop(
        "refused",
        `The token endpoint answered ${statusLine(tokenStep.exchange)}: ${jsonError(tokenStep.exchange.response.body) ?? "no error code"}.`,
      );
    }
    const accessToken = issued["access_token"];
    tokenStep.tokens.push(decodeToken("access_token", accessToken));
    const decoded = tokenStep.tokens[0];
    if (decoded !== undefined && "claims" in decoded)
      tokenStep.findings.push(
        ...lintAccessTokenClaims(decoded.header, decoded.claims, { resource: resourceUrl, issuer: issuerId }),
      );
    tokenStep.note = `A ${String(issued["token_type"])} access token for ${String(decoded && "claims" in decoded ? decoded.claims["aud"] : "?")}, valid ${String(issued["expires_in"])} s${typeof issued["refresh_token"] === "string" ? ", and a refresh token" : ""}.`;
    yield tokenStep;

    if (twist === "replay-code") {
      const replay = yield* tokenPost("Sent the same code again", tokenBody);
      replay.note = "A code is good for one token request (RFC 6749 §4.1.2): the server refuses it the second time.";
      yield replay;
      throw new Stop(
        "refused",
        `The replayed code was refused: ${statusLine(replay.exchange)} ${jsonError(replay.exchange.response.body) ?? ""}.`,
      );
    }
    return {
      accessToken,
      refreshToken: typeof issued["refresh_token"] === "string" ? issued["refresh_token"] : undefined,
      tokenType: String(issued["token_type"]),
    };
  }

  /** The resource with the token: Bearer (RFC 6750 §2.1), or DPoP with a proof for this URL (RFC 9449 §7.1). */
  const call = async (label: string, accessToken: string) => {
    const headers: Array<[string, string]> = [];
    if (dpop === undefined) headers.push(["Authorization", `Bearer ${accessToken}`]);
    else {
      const htu = twist === "dpop-other-url" ? resourceUrlOf("resource") : resourceUrl;
      headers.push(
        ["Authorization", `DPoP ${accessToken}`],
        ["DPoP", await dpop.proof("GET", htu, nonces.resource, accessToken)],
      );
    }
    return send(resourceServer, label, "GET", resourceUrl, headers);
  };

  let tokens = yield* authorize({}, "");
  if (twist === "forged-token") tokens = { ...tokens, accessToken: await forge(tokens.accessToken) };

  const answer = (step: OAuthStep) => oauthChallenge(step.exchange)?.params["error"];
  /** The call; a 401 use_dpop_nonce is yielded and the call made again with the resource's nonce (RFC 9449 §9). */
  async function* callResource(label: string, accessToken: string): AsyncGenerator<OAuthStep, OAuthStep> {
    const step = await call(label, accessToken);
    if (answer(step) !== "use_dpop_nonce") return step;
    nonces.resource = combinedField(step.exchange.response.headers, "dpop-nonce")?.value;
    step.note = "The resource wants its own nonce in the proof (RFC 9449 §9): use_dpop_nonce, with a DPoP-Nonce field.";
    yield step;
    if (twist === "skip-nonce") nonces.resource = undefined;
    return call(
      twist === "skip-nonce" ? "Sent again without the nonce" : `${label}: again, the resource's nonce in a new proof`,
      accessToken,
    );
  }

  let retry = yield* callResource(
    twist === "forged-token" ? "Retried with a forged token (same claims, another key)" : "Retried with the token",
    tokens.accessToken,
  );
  if (answer(retry) === "insufficient_user_authentication") {
    const challenge = oauthChallenge(retry.exchange);
    retry.note = `The login behind the token is too weak: the resource asks for acr_values ${challenge?.params["acr_values"] ?? "?"} and max_age ${challenge?.params["max_age"] ?? "?"} (RFC 9470 §3).`;
    yield retry;
    const stepUp: Record<string, string> = {};
    for (const name of ["acr_values", "max_age"]) {
      const value = challenge?.params[name];
      if (value !== undefined) stepUp[name] = value;
    }
    tokens = yield* authorize(stepUp, " again, with acr_values and max_age (step-up, RFC 9470 §4)");
    retry = yield* callResource("Retried with the new token", tokens.accessToken);
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

  if (options.refresh) {
    if (tokens.refreshToken === undefined) throw new Stop("stopped", "The token endpoint issued no refresh token.");
    const again = yield* callResource("Called the resource again later", tokens.accessToken);
    again.note =
      again.exchange.response.status === 200
        ? "The token is still valid; the client refreshes it anyway, as it would when the resource says invalid_token."
        : `The resource refused the token: ${challengeSentence(oauthChallenge(again.exchange))}; the client refreshes it (RFC 6749 §6).`;
    yield again;
    const refreshed = yield* tokenPost(
      "Refreshed the token",
      form({
        grant_type: "refresh_token",
        refresh_token: tokens.refreshToken,
        client_id: clientId,
        resource: resourceUrl,
      }),
    );
    const issued = jsonObject(refreshed.exchange.response.body);
    if (refreshed.exchange.response.status !== 200 || typeof issued?.["access_token"] !== "string") {
      yield refreshed;
      throw new Stop(
        "refused",
        `The refresh was refused: ${jsonError(refreshed.exchange.response.body) ?? statusLine(refreshed.exchange)}.`,
      );
    }
    refreshed.tokens.push(decodeToken("access_token", issued["access_token"]));
    refreshed.note = "A new access token for the same grant, without a new login.";
    yield refreshed;
    const last = yield* callResource("Retried with the refreshed token", issued["access_token"]);
    last.note =
      last.exchange.response.status === 200
        ? "The resource accepted the refreshed token."
        : `Refused: ${challengeSentence(oauthChallenge(last.exchange))}.`;
    yield last;
    if (last.exchange.response.status !== 200)
      throw new Stop("refused", `The resource answered ${statusLine(last.exchange)} to the refreshed token.`);
  }
  return {
    kind: "authorized",
    message: `From the 401 to ${statusLine(retry.exchange)}: the client discovered, registered, signed in and got a ${tokens.tokenType} token the resource accepts${options.refresh ? ", then refreshed it" : ""}.`,
  };
}
