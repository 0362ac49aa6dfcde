import { sha256Base64url } from "../../../http/index.ts";
import { loopbackHosts, reasonPhrase, redirectUriMatches } from "../../../http/index.ts";
import { attributeText } from "../bearer.ts";
import { errorPage, loginPage } from "./login-page.ts";
import { acrMultiFactor, acrPassword, oauthDemoUser, oauthScopes } from "./oauth-constants.ts";
import { codeLifetimeSeconds, limits, type Client, type OAuthContext } from "./oauth-context.ts";
import { oauthResourceNames } from "./oauth-paths.ts";
import { html, methodNotAllowed, readForm } from "./oauth-responses.ts";

/** Why a request is refused: an error code and the sentence that explains it. */
interface Refusal {
  error: string;
  description: string;
}

/** Where a checked request is answered: the registered client and its redirect URI (RFC 6749 §4.1.2.1). */
interface Target {
  client: Client;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
}

/** What an acceptable authorization request asks for. */
interface Grant {
  scope: string;
  resource: string;
  codeChallenge: string;
  multiFactor: boolean;
  dpopJkt: string | undefined;
  hidden: Array<[string, string]>;
}

type Checked =
  | ({ kind: "page" } & Refusal)
  | ({ kind: "redirect"; redirectUri: string; state: string | undefined } & Refusal)
  | ({ kind: "ok" } & Target & Grant);

/** The parameters the login form posts back as hidden fields. */
const forwarded = [
  "response_type",
  "client_id",
  "redirect_uri",
  "state",
  "scope",
  "code_challenge",
  "code_challenge_method",
  "resource",
  "acr_values",
  "max_age",
  "dpop_jkt",
];

/** A parameter's one value, undefined when absent, null when given more than once (RFC 6749 §3.1). */
function singleParam(params: URLSearchParams) {
  return (name: string): string | null | undefined => {
    const all = params.getAll(name);
    return all.length > 1 ? null : all[0];
  };
}

function isRefusal(value: object): value is Refusal {
  return "error" in value;
}

/** Whether the sandbox redirects to a URI at all: its own origin or a loopback host (RFC 8252 §7.3), nothing else. */
function redirectAllowed(uri: string, origin: string): boolean {
  try {
    const url = new URL(uri);
    return url.origin === origin || (url.protocol === "http:" && loopbackHosts.has(url.hostname));
  } catch {
    return false;
  }
}

/**
 * The client, its redirect URI and state, or why the request gets an error page: until client and
 * redirect URI are known good, nothing is redirected (RFC 6749 §4.1.2.1). A client known by its
 * metadata document may list any redirect URIs; the sandbox still sends only to its own origin or
 * to loopback.
 */
async function readTarget(
  params: URLSearchParams,
  resolveClient: OAuthContext["resolveClient"],
  origin: string,
): Promise<Target | Refusal> {
  const single = singleParam(params);
  const clientId = single("client_id");
  if (clientId === null) return { error: "invalid_request", description: "client_id is given more than once." };
  const resolved = await resolveClient(clientId);
  if (clientId === undefined || !resolved.ok)
    return resolved.ok
      ? { error: "invalid_request", description: "The client_id is missing (RFC 6749 §4.1.1)." }
      : { error: resolved.error, description: resolved.description };
  const { client } = resolved;
  const redirectUri = single("redirect_uri");
  if (redirectUri === null || redirectUri === undefined || !redirectUriMatches(client.redirect_uris, redirectUri))
    return {
      error: "invalid_request",
      description:
        "The redirect_uri is missing or is not exactly one of the client's registered redirect URIs (RFC 6749 §3.1.2.3, §4.1.2.1); this server does not redirect to it.",
    };
  if (!redirectAllowed(redirectUri, origin))
    return {
      error: "invalid_request",
      description:
        "The redirect_uri is neither on this server's origin nor on a loopback address (RFC 8252 §7.3): the sandbox sends nothing elsewhere, whatever the client's metadata document lists.",
    };
  const state = single("state");
  if (state === null) return { error: "invalid_request", description: "state is given more than once." };
  if (state !== undefined && state.length > limits.state)
    return {
      error: "invalid_request",
      description: `The state parameter is ${state.length} characters long; this server accepts at most ${limits.state}. Keep state short and random (RFC 6749 §10.12), not a store for the client's data.`,
    };
  return { client, clientId, redirectUri, state };
}

/** The forwarded parameters as hidden fields, or the refusal when one is repeated (RFC 6749 §3.1). */
function hiddenFields(params: URLSearchParams): Array<[string, string]> | Refusal {
  const hidden: Array<[string, string]> = [];
  for (const name of forwarded) {
    const all = params.getAll(name);
    if (all.length > 1)
      return { error: "invalid_request", description: `${name} is given more than once (RFC 6749 §3.1).` };
    if (all[0] !== undefined) hidden.push([name, all[0]]);
  }
  return hidden;
}

/** The PKCE code challenge (RFC 7636 §4.3, §4.4.1), or why it is refused: S256 only, and required. */
function codeChallengeOf(params: URLSearchParams): string | Refusal {
  const single = singleParam(params);
  const codeChallenge = single("code_challenge");
  if (codeChallenge === undefined)
    return {
      error: "invalid_request",
      description: "PKCE is required: send code_challenge and code_challenge_method=S256 (RFC 7636 §4.4.1).",
    };
  if (single("code_challenge_method") !== "S256")
    return {
      error: "invalid_request",
      description: "Only the S256 code_challenge_method is supported (RFC 7636 §4.3, §4.4.1); plain is not.",
    };
  if (codeChallenge === null || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
    return {
      error: "invalid_request",
      description: "code_challenge must be the base64url SHA-256 of the code verifier: 43 characters (RFC 7636 §4.2).",
    };
  return codeChallenge;
}

/** What the request asks for once its client is known good, or why it is refused with a redirect. */
function readGrant(params: URLSearchParams, knownResources: string[]): Grant | Refusal {
  const single = singleParam(params);
  const hidden = hiddenFields(params);
  if (isRefusal(hidden)) return hidden;
  if (single("response_type") !== "code")
    return {
      error: "unsupported_response_type",
      description: "This server supports response_type=code only (RFC 6749 §4.1.1).",
    };
  const codeChallenge = codeChallengeOf(params);
  if (typeof codeChallenge !== "string") return codeChallenge;
  const scope = single("scope") ?? "read";
  if (
    scope === null ||
    scope.length > limits.scope ||
    scope.split(" ").some((s) => !(oauthScopes as readonly string[]).includes(s))
  )
    return {
      error: "invalid_scope",
      description: `The scope must be made of ${oauthScopes.join(" and ")} (RFC 6749 §3.3).`,
    };
  const resource = single("resource");
  if (
    resource === undefined ||
    resource === null ||
    resource.length > limits.resource ||
    !knownResources.includes(resource)
  )
    return {
      error: "invalid_target",
      description: `Name exactly one resource (RFC 8707 §2), one of this sandbox's resource identifiers: ${knownResources.join(", ")}.`,
    };
  const acrValues = single("acr_values");
  if (acrValues === null || (acrValues !== undefined && acrValues.length > limits.acrValues))
    return {
      error: "invalid_request",
      description: `acr_values is at most ${limits.acrValues} characters, given once.`,
    };
  const maxAge = single("max_age");
  if (maxAge === null || (maxAge !== undefined && !/^[0-9]{1,9}$/.test(maxAge)))
    return { error: "invalid_request", description: "max_age is a whole number of seconds (RFC 9470 §4)." };
  const dpopJkt = single("dpop_jkt");
  if (dpopJkt === null || (dpopJkt !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(dpopJkt)))
    return {
      error: "invalid_request",
      description: "dpop_jkt is the base64url SHA-256 JWK thumbprint of the DPoP key: 43 characters (RFC 9449 §10).",
    };
  const multiFactor = (acrValues ?? "").split(" ").includes(acrMultiFactor);
  return { scope, resource, codeChallenge, multiFactor, dpopJkt, hidden };
}

/** A redirect to the client (RFC 6749 §4.1.2) carrying `values` and, per RFC 9207, the issuer. */
function redirectTo(issuer: string, redirectUri: string, values: Record<string, string | undefined>): Response {
  const location = new URL(redirectUri);
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) location.searchParams.append(name, value);
  // RFC 9207: iss in every authorization response, so the client knows which server answered.
  location.searchParams.append("iss", issuer);
  return new Response(null, {
    status: 302,
    statusText: reasonPhrase(302),
    headers: { Location: location.href, "Cache-Control": "no-store", "Content-Length": "0" },
  });
}

/** The request's parameters (query for GET and HEAD, form for POST), or the answer that refuses it. */
async function readAuthorizationParams(request: Request): Promise<URLSearchParams | Response> {
  if (request.method === "GET" || request.method === "HEAD") return new URL(request.url).searchParams;
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const form = await readForm(request);
  if (!form.ok) return html(400, errorPage("invalid_request", form.error.message));
  return form.params;
}

/** The login form for an accepted request, with what was wrong with the last attempt. */
function loginForm(request: Request, checked: Target & Grant, problem?: string): Response {
  return html(
    200,
    loginPage({
      action: new URL(request.url).pathname,
      hidden: checked.hidden,
      clientName: checked.client.client_name ?? "An unnamed client",
      ...(checked.client.document_host === undefined ? {} : { clientHost: checked.client.document_host }),
      scope: checked.scope,
      resource: checked.resource,
      askOneTimeCode: checked.multiFactor,
      demo: oauthDemoUser,
      ...(problem === undefined ? {} : { problem }),
    }),
    new URL(checked.redirectUri).origin,
  );
}

/** What is wrong with the posted login (the demo user's name, password and, for step-up, code), or undefined. */
function loginProblem(params: URLSearchParams, multiFactor: boolean): string | undefined {
  const username = params.get("username") ?? "";
  const password = params.get("password") ?? "";
  const otp = params.get("otp") ?? "";
  if ([username, password, otp].some((value) => value.length > limits.credential))
    return `User name, password and code are at most ${limits.credential} characters each.`;
  if (username !== oauthDemoUser.username || password !== oauthDemoUser.password)
    return "The user name or the password is wrong. The demo user is shown below.";
  if (multiFactor && otp !== oauthDemoUser.oneTimeCode)
    return "The one-time code is wrong or missing: this request asked for a multi-factor login (acr_values).";
  return undefined;
}

/** The authorization endpoint (RFC 6749 §4.1.1–§4.1.2.1), its login form, PKCE (RFC 7636), resource (RFC 8707), step-up (RFC 9470 §4), dpop_jkt (RFC 9449 §10). */
export function authorizationEndpoint(ctx: OAuthContext) {
  const { seconds, seal, issuerOf, resourceOf, resolveClient } = ctx;

  const checkAuthorization = async (request: Request, params: URLSearchParams): Promise<Checked> => {
    const target = await readTarget(params, resolveClient, new URL(request.url).origin);
    if (isRefusal(target)) return { kind: "page", ...target };
    const { unsupported } = target.client;
    if (unsupported !== undefined)
      return {
        kind: "redirect",
        redirectUri: target.redirectUri,
        state: target.state,
        error: "unauthorized_client",
        description: unsupported,
      };
    const known = oauthResourceNames.map((name) => resourceOf(request, name));
    const grant = readGrant(params, known);
    if (isRefusal(grant)) return { kind: "redirect", redirectUri: target.redirectUri, state: target.state, ...grant };
    return { kind: "ok", ...target, ...grant };
  };

  /** The authorization code (RFC 6749 §4.1.2): sealed, short-lived, bound to client, redirect URI, PKCE and DPoP key. */
  const issueCode = async (checked: Target & Grant, username: string): Promise<string> =>
    seal(
      "code+jwt",
      {
        cid: await sha256Base64url(checked.clientId),
        redirect_uri: checked.redirectUri,
        code_challenge: checked.codeChallenge,
        scope: checked.scope,
        resource: checked.resource,
        sub: username,
        acr: checked.multiFactor ? acrMultiFactor : acrPassword,
        auth_time: seconds(),
        ...(checked.dpopJkt === undefined ? {} : { dpop_jkt: checked.dpopJkt }),
      },
      codeLifetimeSeconds,
    );

  const authorize = async (request: Request): Promise<Response> => {
    const params = await readAuthorizationParams(request);
    if (params instanceof Response) return params;
    const checked = await checkAuthorization(request, params);
    if (checked.kind === "page")
      return checked.error === "temporarily_unavailable"
        ? html(429, errorPage(checked.error, checked.description), undefined, { "Retry-After": "5" })
        : html(400, errorPage(checked.error, checked.description));
    if (checked.kind === "redirect")
      return redirectTo(issuerOf(request), checked.redirectUri, {
        error: checked.error,
        error_description: attributeText(checked.description),
        state: checked.state,
      });
    if (request.method !== "POST") return loginForm(request, checked);
    const problem = loginProblem(params, checked.multiFactor);
    if (problem !== undefined) return loginForm(request, checked, problem);
    const code = await issueCode(checked, params.get("username") ?? "");
    return redirectTo(issuerOf(request), checked.redirectUri, { code, state: checked.state });
  };

  return { authorize };
}
