/**
 * One run of the sandbox's OAuth client (oauth-flow.ts): the state the phases share, in one
 * object, and the requests every phase makes through it: a request to this origin only, a token
 * request with its DPoP nonce retry (RFC 9449 §8), a call to the resource with its own (§9).
 */
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from "jose";
import {
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
  registrationEndpoint: string;
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

/** One run: the client, the reader's choices, and what the phases learned so far. */
export class OAuthSession {
  readonly client: SandboxClient;
  readonly options: OAuthFlowOptions;
  readonly login: NonNullable<OAuthFlowOptions["login"]>;
  readonly resourceUrl: string;
  /** The client's redirect URI: the guide page, on this origin. It never loads it; it reads the code from the Location. */
  readonly redirectUri: string;
  /** Set by discovery (RFC 9728, RFC 8414). */
  server: AuthorizationServer | undefined;
  /** Set by registration (RFC 7591). */
  clientId: string | undefined;
  /** The client's DPoP key, for the dpop resource (RFC 9449). */
  dpop: DpopKey | undefined;
  /** The last DPoP-Nonce each server gave (RFC 9449 §8, §9). */
  readonly nonces: { as: string | undefined; resource: string | undefined } = { as: undefined, resource: undefined };

  constructor(client: SandboxClient, options: OAuthFlowOptions) {
    this.client = client;
    this.options = options;
    this.login = options.login ?? defaultOAuthLogin;
    this.resourceUrl = this.resourceUrlOf(options.resource);
    this.redirectUri = new URL(sitePath(client.base, "oauth/"), client.origin).href;
  }

  resourceUrlOf(name: OAuthFlowResource): string {
    return new URL(apiPath(this.client.base, `oauth/${name}`), this.client.origin).href;
  }

  async startDpop(): Promise<void> {
    if (this.options.resource === "dpop") this.dpop = await dpopKey();
  }

  /** What registration gave: the server and the client_id; the phases after it need both. */
  registered(): { server: AuthorizationServer; clientId: string } {
    if (this.server === undefined || this.clientId === undefined)
      throw new Stop("failed", "The client has not registered with an authorization server.");
    return { server: this.server, clientId: this.clientId };
  }

  /** A URL the client may send to: this page's origin only. */
  local(value: unknown, what: string): string {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new Stop("stopped", `${what} (${shorten(String(value), 200)}) is not a URL, so the client stops here.`);
    }
    if (url.origin !== this.client.origin)
      throw new Stop(
        "stopped",
        `${what} is ${shorten(url.href, 200)}, on another origin: the sandbox's client sends nothing off this page's origin, so it stops here.`,
      );
    return url.href;
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
  async *tokenPost(label: string, body: string): AsyncGenerator<OAuthStep, OAuthStep> {
    const { tokenEndpoint } = this.registered().server;
    const post = async (text: string) => {
      const headers: Array<[string, string]> = [formType, acceptJson];
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
  async call(label: string, accessToken: string, proofUrl: string): Promise<OAuthStep> {
    const headers: Array<[string, string]> = [];
    if (this.dpop === undefined) headers.push(["Authorization", `Bearer ${accessToken}`]);
    else
      headers.push(
        ["Authorization", `DPoP ${accessToken}`],
        ["DPoP", await this.dpop.proof("GET", proofUrl, this.nonces.resource, accessToken)],
      );
    return this.send(resourceServer, label, "GET", this.resourceUrl, headers);
  }
}
