/**
 * One run of the sandbox's OAuth client (oauth-flow.ts): the state the phases share, in one
 * object, and the requests every phase makes through it: a request to this origin only, a token
 * request with its DPoP nonce retry (RFC 9449 §8), a call to the resource with its own (§9).
 */
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from "jose";
import {
  redirectUriMatches,
  combinedField,
  lintRequest,
  lintResponse,
  lintTokenInUrl,
  parseChallenges,
  parseJsonObject,
  shorten,
  statusAndPhrase,
  type Challenge,
  type Exchange,
  type Finding,
  type HttpRequestRecord,
} from "../http/index.ts";
import { apiPath, sitePath } from "../site-config.ts";
import type { SandboxClient } from "./client.ts";
import { dpopProof, newDpopKey } from "./dpop-client.ts";
import {
  defaultOAuthLogin,
  type OAuthFlowOptions,
  type OAuthFlowResource,
  type OAuthParticipant,
} from "./oauth-flow-options.ts";

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

/** Why the flow ends early: a server's refusal, or the client's own (another origin, a bad document). */
export class Stop extends Error {
  readonly outcome: OAuthOutcome;
  constructor(kind: OAuthOutcomeKind, message: string) {
    super(message.replace(/([^.])\.\.$/, "$1.")); // a quoted sentence's own full stop, not two
    this.outcome = { kind, message: this.message };
  }
}

export const resourceServer: OAuthParticipant = "Resource server";
export const authorizationServer: OAuthParticipant = "Authorization server";

export const formType: [string, string] = ["Content-Type", "application/x-www-form-urlencoded"];
export const acceptJson: [string, string] = ["Accept", "application/json"];

/** What discovery found: the authorization server's issuer, its metadata and its endpoints (RFC 8414 §2). */
export interface AuthorizationServer {
  issuer: string;
  metadata: Record<string, unknown>;
  /** Absent when the server offers no registration (RFC 7591 §3 is optional). */
  registrationEndpoint: string | undefined;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/** The tokens one authorization gave (RFC 6749 §5.1). */
export interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  tokenType: string;
}

type DpopKey = {
  thumbprint: string;
  proof(method: string, url: string, nonce: string | undefined, accessToken?: string): Promise<string>;
};

/** The client's DPoP key (dpop-client.ts, shared with the lessons) and its RFC 7638 thumbprint, for dpop_jkt (RFC 9449 §10). */
async function dpopKey(): Promise<DpopKey> {
  const key = await newDpopKey();
  const thumbprint = await calculateJwkThumbprint(key.jwk, "sha256");
  return {
    thumbprint,
    proof: (method, url, nonce, accessToken) => dpopProof(key, { method, url, nonce, accessToken }),
  };
}

/** `application/x-www-form-urlencoded` of the values that are set. */
export function formBody(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, value);
  return params.toString();
}

/** `401 Unauthorized`: what a sentence says of a step's response. */
export const statusLine = (exchange: Exchange) => statusAndPhrase(exchange.response);

/** `error: description` of an OAuth JSON error (RFC 6749 §5.2, RFC 7591 §3.2.2), or undefined. */
export function jsonError(body: string): string | undefined {
  const parsed = parseJsonObject(body);
  const error = parsed?.["error"];
  if (typeof error !== "string") return undefined;
  const description = parsed?.["error_description"];
  return shorten(typeof description === "string" ? `${error}: ${description}` : error, 400);
}

/** The Bearer or DPoP challenge of a response (RFC 6750 §3, RFC 9449 §7.1). */
export function oauthChallenge(exchange: Exchange): Challenge | undefined {
  const value = combinedField(exchange.response.headers, "www-authenticate")?.value;
  if (value === undefined) return undefined;
  const parsed = parseChallenges(value);
  if (!parsed.ok) return undefined;
  return (
    parsed.challenges.find((challenge) => challenge.params["error"] !== undefined) ??
    parsed.challenges.find((challenge) => ["bearer", "dpop"].includes(challenge.scheme.toLowerCase()))
  );
}

/** The error code of a step's Bearer or DPoP challenge (RFC 6750 §3.1). */
export const challengeError = (step: OAuthStep) => oauthChallenge(step.exchange)?.params["error"];

/** A challenge as a sentence: its scheme, error and description. */
export function challengeSentence(challenge: Challenge | undefined): string {
  if (challenge === undefined) return "no Bearer or DPoP challenge";
  const { error, error_description: description } = challenge.params;
  return error === undefined
    ? `a ${challenge.scheme} challenge without an error code`
    : `${challenge.scheme} error="${error}"${description === undefined ? "" : ` (“${shorten(description, 300)}”)`}`;
}

/** Decodes a JWT for reading, with a sentence when it is not one. */
export function decodeToken(name: string, value: unknown): DecodedToken {
  if (typeof value !== "string") return { name, problem: `${name} is not a string.` };
  try {
    return { name, header: decodeProtectedHeader(value), claims: decodeJwt(value) };
  } catch {
    return { name, problem: `${name} is not a JWT the client can read; only the server that issued it can.` };
  }
}

/**
 * The findings that stop a client. http instead of https is shown but does not stop it: the
 * sandbox answers on the page's own origin, which is https when published and http on a
 * workshop's LAN, and the lint already says what a deployed server needs.
 */
export const errorsOf = (findings: Finding[]) =>
  findings.filter((finding) => finding.severity === "error" && !finding.id.endsWith("-not-https"));

/** One call to the protected resource: what the client asks, sent without a token first, then with one. */
export interface ResourceCall {
  /** What the client does, as the start of a sentence ("Asked for the resource"). */
  label: string;
  method: string;
  headers: Array<[string, string]>;
  body?: string;
  /** The note for a 2xx answer; "The resource accepted the token." by default. */
  accepted?: (exchange: Exchange) => string;
}

/**
 * The calls a client makes to the protected resource, in order: `next` gets the last answer (a 2xx)
 * and returns the next call, or undefined when the client is done. The sandbox makes one GET; the
 * probe's MCP client makes initialize, notifications/initialized, tools/list and a tools/call.
 */
export interface ResourceCalls {
  /** The next call; undefined when done; `{ refused }` when the answer says the client cannot go on (a JSON-RPC error). */
  next(previous: Exchange | undefined): ResourceCall | { refused: string } | undefined;
}

/** Where the client may send: a sentence for a refusal, or undefined when the URL is allowed. */
export type OriginPolicy = (target: URL) => string | undefined;

/**
 * How one run of the client is set up, beyond the reader's choices. The page leaves it empty: the
 * sandbox resource, the guide page as redirect URI, the site's published client metadata document,
 * this page's origin only. The probe (src/probe/oauth-client-mode.ts) gives its own.
 */
export interface OAuthClientSetup {
  /** The protected resource's URL (the MCP server's endpoint in the probe). */
  resourceUrl?: string;
  redirectUri?: string;
  /** The client's metadata document URL, its client_id when the server takes one (draft-ietf-oauth-client-id-metadata-document). */
  clientMetadataUrl?: string;
  /**
   * The page's published client metadata document (its URL, from SITE and BASE_PATH, and its
   * redirect URIs): its URL is the client_id when the document lists this run's redirect URI.
   */
  clientMetadata?: { url: string; redirectUris: readonly string[] };
  /** Credentials registered by hand with the authorization server (MCP 2025-11-25, Preregistration). */
  preRegistered?: { clientId: string; clientSecret?: string };
  /** Whether the client may send to a URL (a challenge's, a document's, a Location's): the page's origin only by default. */
  allows?: OriginPolicy;
  calls?: ResourceCalls;
  /** Most step-ups after 403 insufficient_scope before the client gives up (MCP 2025-11-25, Scope challenge handling). */
  maxStepUps?: number;
}

/** The client's credentials and how it proves them at the token endpoint (RFC 6749 §2.3.1, RFC 7591 §2). */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string | undefined;
  authMethod: "client_secret_basic" | "client_secret_post" | "none";
}

/**
 * The page's policy: this origin only, and there the site (its base path, where the sandbox's API
 * is) and the well-known URLs discovery asks for (RFC 8414 §3.1, RFC 9728 §3.1), which sit at the
 * origin's root; the service worker answers those. Anything else at the root (MCP 2025-03-26's
 * default /register, say) belongs to whatever else the origin serves.
 */
const sandboxOnly =
  (origin: string, base: string): OriginPolicy =>
  (target) =>
    target.origin !== origin
      ? "on another origin: the sandbox's client sends nothing off this page's origin"
      : target.pathname.startsWith(sitePath(base)) || target.pathname.startsWith("/.well-known/")
        ? undefined
        : `outside the site (${sitePath(base)}) and the origin's well-known URLs: the sandbox's client sends nothing there`;

/** One run: the client, the reader's choices, and what the phases learned so far. */
export class OAuthSession {
  readonly client: Pick<SandboxClient, "resend" | "origin" | "base">;
  readonly options: OAuthFlowOptions;
  readonly setup: OAuthClientSetup;
  readonly login: NonNullable<OAuthFlowOptions["login"]>;
  readonly resourceUrl: string;
  /** The client's redirect URI: the guide page, on this origin. It never loads it; it reads the code from the Location. */
  readonly redirectUri: string;
  readonly clientMetadataUrl: string | undefined;
  /** Why the page's client metadata document cannot serve this run (its redirect URI is not listed), or undefined. */
  readonly clientMetadataMismatch: string | undefined;
  readonly allows: OriginPolicy;
  /** The resource identifier for RFC 8707's resource: the protected resource metadata's, once discovery matched it. */
  resource: string;
  /** Set by discovery (RFC 9728, RFC 8414). */
  server: AuthorizationServer | undefined;
  /** Set by CIMD, pre-registration or registration (RFC 7591). */
  credentials: ClientCredentials | undefined;
  /** The scope of the next authorization request: the challenge's, else the metadata's scopes_supported, else none. */
  scope: string | undefined;
  /** The resource metadata's scopes_supported, joined, when it has them. */
  scopesSupported: string | undefined;
  /** How the client got its client_id, as the end of a sentence ("registered"), for the outcome. */
  clientHow = "registered";
  /** What the client says of its client_id on the authorization step (CIMD, pre-registered). */
  clientNote = "";
  /** The tokens of the last authorization, and the access token the client presents. */
  tokens: Tokens | undefined;
  presented: string | undefined;
  /** Step-ups after 403 insufficient_scope so far. */
  stepUps = 0;
  /** The client's DPoP key, for the dpop resource (RFC 9449). */
  dpop: DpopKey | undefined;
  /** The last DPoP-Nonce each server gave (RFC 9449 §8, §9). */
  readonly nonces: { as: string | undefined; resource: string | undefined } = { as: undefined, resource: undefined };

  constructor(
    client: Pick<SandboxClient, "resend" | "origin" | "base">,
    options: OAuthFlowOptions,
    setup: OAuthClientSetup = {},
  ) {
    this.client = client;
    this.options = options;
    this.setup = setup;
    this.login = options.login ?? defaultOAuthLogin;
    this.resourceUrl = setup.resourceUrl ?? this.resourceUrlOf(options.resource);
    this.resource = this.resourceUrl;
    this.redirectUri = setup.redirectUri ?? new URL(sitePath(client.base, "oauth/"), client.origin).href;
    // The published document names the redirect URIs it may be used with (the published origin's
    // guide page, and loopback on any port, RFC 8252 §7.3): on another origin (a LAN address) the
    // client registers instead, as the server would refuse the document's client_id there.
    // A client identifier URL must be https (draft-ietf-oauth-client-id-metadata-document §3): a
    // build whose SITE is http (npm start's default) has a document no server takes.
    const document = setup.clientMetadata;
    const https = document !== undefined && document.url.startsWith("https://");
    const listed = document !== undefined && redirectUriMatches(document.redirectUris, this.redirectUri);
    this.clientMetadataUrl = setup.clientMetadataUrl ?? (https && listed ? document.url : undefined);
    this.clientMetadataMismatch =
      document === undefined || (https && listed)
        ? undefined
        : !https
          ? `The client's metadata document (${document.url}) is not at an https URL, which a client_id URL must be (draft-ietf-oauth-client-id-metadata-document §3; this build's SITE is not https), so: `
          : `The client's metadata document (${document.url}) lists no redirect URI on this page's origin (${this.redirectUri}), so its URL cannot be the client_id here: `;
    this.allows = setup.allows ?? sandboxOnly(client.origin, client.base);
  }

  resourceUrlOf(name: OAuthFlowResource): string {
    const path = name === "bearer" ? "bearer" : name === "write" ? "oauth/resource" : `oauth/${name}`;
    return new URL(apiPath(this.client.base, path), this.client.origin).href;
  }

  async startDpop(): Promise<void> {
    if (this.options.resource === "dpop") this.dpop = await dpopKey();
  }

  /** What registration gave: the server and the client's credentials; the phases after it need both. */
  registered(): { server: AuthorizationServer; clientId: string; credentials: ClientCredentials } {
    if (this.server === undefined || this.credentials === undefined)
      throw new Stop("failed", "The client has not registered with an authorization server.");
    return { server: this.server, clientId: this.credentials.clientId, credentials: this.credentials };
  }

  /** A URL the client may send to, by the run's origin policy (this page's origin only, by default). */
  local(value: unknown, what: string): string {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new Stop("stopped", `${what} (${shorten(String(value), 200)}) is not a URL, so the client stops here.`);
    }
    const refusal = this.allows(url);
    if (refusal !== undefined)
      throw new Stop("stopped", `${what} is ${shorten(url.href, 200)}, ${refusal}, so it stops here.`);
    return url.href;
  }

  /**
   * The token request's client authentication (RFC 6749 §2.3.1): Basic with the form-encoded id and
   * secret, or both in the body, or only client_id for a public client (§3.2.1).
   */
  clientAuthentication(body: Record<string, string | undefined>): {
    headers: Array<[string, string]>;
    body: string;
  } {
    const { credentials } = this.registered();
    const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, "+");
    if (credentials.authMethod === "client_secret_basic" && credentials.clientSecret !== undefined) {
      const pair = `${encode(credentials.clientId)}:${encode(credentials.clientSecret)}`;
      return { headers: [["Authorization", `Basic ${btoa(pair)}`]], body: formBody(body) };
    }
    const secret = credentials.authMethod === "client_secret_post" ? credentials.clientSecret : undefined;
    return { headers: [], body: formBody({ ...body, client_id: credentials.clientId, client_secret: secret }) };
  }

  /** Sends one request through the page's sandbox client; the step, not yet yielded. */
  async send(
    server: OAuthParticipant,
    label: string,
    method: string,
    url: string,
    headers: Array<[string, string]> = [],
    body?: string,
  ): Promise<OAuthStep> {
    const record: HttpRequestRecord = { method, url, headers };
    if (body !== undefined) record.body = body;
    const result = await this.client.resend(record);
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
  }

  /**
   * A token request (RFC 6749 §4.1.3, §6). With DPoP, a new proof each time (RFC 9449 §5); a 400
   * use_dpop_nonce is yielded and the request sent again with the DPoP-Nonce it gives (§8).
   * Returns the last step, not yet yielded.
   */
  async *tokenPost(label: string, fields: Record<string, string | undefined>): AsyncGenerator<OAuthStep, OAuthStep> {
    const { tokenEndpoint } = this.registered().server;
    const authenticated = this.clientAuthentication(fields);
    const body = authenticated.body;
    const post = async (text: string) => {
      const headers: Array<[string, string]> = [formType, acceptJson, ...authenticated.headers];
      if (this.dpop !== undefined) headers.push(["DPoP", await this.dpop.proof("POST", tokenEndpoint, this.nonces.as)]);
      return this.send(authorizationServer, text, "POST", tokenEndpoint, headers, body);
    };
    const step = await post(label);
    if (this.dpop === undefined || step.exchange.response.status !== 400) return step;
    if (jsonError(step.exchange.response.body)?.startsWith("use_dpop_nonce") !== true) return step;
    this.nonces.as = combinedField(step.exchange.response.headers, "dpop-nonce")?.value;
    step.note =
      "The token endpoint wants a nonce in the DPoP proof: use_dpop_nonce, with a DPoP-Nonce field (RFC 9449 §8).";
    yield step;
    return post(`${label}: again, the server's nonce in a new DPoP proof`);
  }

  /** The resource with the token: Bearer (RFC 6750 §2.1), or DPoP with a proof for `proofUrl` (RFC 9449 §7.1). */
  async call(call: ResourceCall, label: string, accessToken: string | undefined, proofUrl: string): Promise<OAuthStep> {
    const headers: Array<[string, string]> = [...call.headers];
    if (accessToken !== undefined && this.dpop === undefined) headers.push(["Authorization", `Bearer ${accessToken}`]);
    else if (accessToken !== undefined && this.dpop !== undefined)
      headers.push(
        ["Authorization", `DPoP ${accessToken}`],
        ["DPoP", await this.dpop.proof(call.method, proofUrl, this.nonces.resource, accessToken)],
      );
    return this.send(resourceServer, label, call.method, this.resourceUrl, headers, call.body);
  }
}
