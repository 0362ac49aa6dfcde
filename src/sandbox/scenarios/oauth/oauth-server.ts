import { base64url, errors, exportJWK, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { formatChallenge, reasonPhrase } from "../../../http/index.ts";
import { attributeText } from "../bearer.ts";
import { jsonResponse } from "../json-response.ts";
import { dpopAlgorithms, verifyDpopProof } from "./dpop-proof.ts";
import { errorPage, loginPage } from "./login-page.ts";
import { acrMultiFactor, acrPassword, oauthDemoUser, oauthScopes, stepUpMaxAgeSeconds } from "./oauth-constants.ts";
import { oauthResourceNames, type OAuthPaths, type OAuthResourceName } from "./oauth-paths.ts";
import { createOneTimeMemory } from "./one-time-memory.ts";

/**
 * The sandbox's authorization server and protected resources: everything that needs jose, loaded
 * on the first OAuth request (oauth-handlers.ts imports it dynamically), so no page pays for it
 * before.
 *
 * State is signed, not stored: client IDs (RFC 7591), authorization codes, refresh tokens and DPoP
 * nonces are HS256 JWTs under a key derived from the sandbox secret (the Digest secret, see
 * src/server/digest-secret.ts), so they survive a restart and any instance with the same secret
 * accepts them. Only what must be used once is remembered, in bounded maps with expiry: used
 * codes (RFC 6749 §4.1.2) and DPoP proof jti's (RFC 9449 §11.1). Access tokens are RFC 9068 JWTs
 * signed with an ES256 key made when this module starts and published at jwks_uri; after a
 * restart they are refused with invalid_token and the client refreshes.
 */
export type OAuthServerOptions = {
  paths: OAuthPaths;
  secret: string | Uint8Array;
  now: () => number;
  accessTokenLifetimeSeconds: number;
};

export type OAuthServer = {
  resource(request: Request, name: OAuthResourceName): Promise<Response>;
  resourceMetadata(request: Request, name: OAuthResourceName): Response;
  issuerMetadata(request: Request): Response;
  jwks(request: Request): Response;
  register(request: Request): Promise<Response>;
  authorize(request: Request): Promise<Response>;
  token(request: Request): Promise<Response>;
};

/** Sizes past which a value is refused with a sentence rather than processed. */
const limits = {
  form: 32_768,
  registration: 8_192,
  accessToken: 4_096,
  clientId: 2_048,
  redirectUri: 256,
  redirectUris: 3,
  clientName: 100,
  state: 1_024,
  scope: 200,
  resource: 512,
  acrValues: 200,
  credential: 200,
  code: 2_048,
  codeVerifier: 128,
  refreshToken: 2_048,
} as const;

const codeLifetimeSeconds = 60;
const refreshLifetimeSeconds = 86_400;
/** DPoP nonces (RFC 9449 §8.2 leaves their lifetime to the server): two minutes, shorter than a token. */
const nonceLifetimeSeconds = 120;

type Claims = Record<string, unknown>;
type Client = { redirect_uris: string[]; client_name?: string; dpop?: boolean };

const encoder = new TextEncoder();

async function sha256(text: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

function isLoopback(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "[::1]" || hostname === "localhost";
}

/** Form fields, each at most once (RFC 6749 §3.1: "MUST NOT be included more than once"). */
function singleValues(
  params: URLSearchParams,
): { ok: true; get: (name: string) => string | undefined } | { ok: false; name: string } {
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (seen.has(name)) return { ok: false, name };
    seen.set(name, value);
  }
  return { ok: true, get: (name) => seen.get(name) };
}

export async function createOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const { paths, now } = options;
  const raw = typeof options.secret === "string" ? encoder.encode(options.secret) : Uint8Array.from(options.secret);
  const label = encoder.encode("HTTP Status Lab OAuth sandbox v1\u0000");
  const macKey = new Uint8Array(await crypto.subtle.digest("SHA-256", Uint8Array.from([...label, ...raw])));
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = (
    await sha256(JSON.stringify({ crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y }))
  ).slice(0, 16);
  const usedCodes = createOneTimeMemory();
  const usedProofs = createOneTimeMemory();
  const seconds = () => Math.floor(now() / 1000);

  /** A server-made value, signed: client IDs, codes, refresh tokens, nonces (typ keeps them apart). */
  const seal = (typ: string, claims: Claims, lifetimeSeconds?: number): Promise<string> => {
    const iat = seconds();
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ })
      .setIssuedAt(iat)
      .setJti(crypto.randomUUID());
    if (lifetimeSeconds !== undefined) jwt.setExpirationTime(iat + lifetimeSeconds);
    return jwt.sign(macKey);
  };
  const unseal = async (typ: string, value: string, maxLength: number): Promise<Claims | undefined> => {
    if (value.length > maxLength) return undefined;
    try {
      const { payload } = await jwtVerify(value, macKey, { typ, algorithms: ["HS256"], currentDate: new Date(now()) });
      return payload;
    } catch {
      return undefined;
    }
  };
  const nonceFor = (purpose: "as" | "resource") => seal("dpop-nonce+jwt", { use: purpose }, nonceLifetimeSeconds);
  const nonceAccepted = (purpose: "as" | "resource") => async (nonce: string) =>
    (await unseal("dpop-nonce+jwt", nonce, 512))?.["use"] === purpose;

  const absolute = (request: Request, path: string) => new URL(path, request.url).href;
  const issuerOf = (request: Request) => absolute(request, paths.issuer);
  const resourceOf = (request: Request, name: OAuthResourceName) => absolute(request, paths.resource[name]);

  /** The client a client_id stands for, if this server signed it. */
  const clientOf = async (clientId: string | undefined): Promise<Client | undefined> => {
    if (clientId === undefined) return undefined;
    const claims = await unseal("client-id+jwt", clientId, limits.clientId);
    if (claims === undefined || !Array.isArray(claims["redirect_uris"])) return undefined;
    return claims as unknown as Client;
  };

  // ---- Responses -------------------------------------------------------------------------------

  /** An OAuth error as JSON (RFC 6749 §5.2, RFC 7591 §3.2.2): the description in the allowed characters. */
  const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
    jsonResponse(
      status,
      { error, error_description: attributeText(description) },
      { "Cache-Control": "no-store", ...headers },
    );

  const html = (status: number, body: string, formTarget?: string) =>
    new Response(body, {
      status,
      statusText: reasonPhrase(status),
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formTarget === undefined ? "" : ` ${formTarget}`}; frame-ancestors 'none'; base-uri 'none'`,
      },
    });

  const methodNotAllowed = (allow: string) =>
    jsonResponse(405, { error: `This endpoint answers ${allow} only.` }, { Allow: allow });

  // ---- Metadata --------------------------------------------------------------------------------

  /** RFC 9728 §2, for the resource `name`; the same document at the challenge's URL and at §3.1's. */
  const resourceMetadata = (request: Request, name: OAuthResourceName): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, {
      resource: resourceOf(request, name),
      authorization_servers: [issuerOf(request)],
      scopes_supported: name === "resource" ? [...oauthScopes] : ["read"],
      bearer_methods_supported: ["header"],
      resource_name: `HTTP Status Lab sandbox: ${name}`,
      dpop_signing_alg_values_supported: [...dpopAlgorithms],
      dpop_bound_access_tokens_required: name === "dpop",
    });
  };

  /** RFC 8414 §2; issuer is the identifier whose §3.1 well-known URL this is, exactly (§3.3). */
  const issuerMetadata = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, {
      issuer: issuerOf(request),
      authorization_endpoint: absolute(request, paths.authorize),
      token_endpoint: absolute(request, paths.token),
      registration_endpoint: absolute(request, paths.register),
      jwks_uri: absolute(request, paths.jwks),
      scopes_supported: [...oauthScopes],
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      token_endpoint_auth_methods_supported: ["none"],
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
      acr_values_supported: [acrPassword, acrMultiFactor],
      dpop_signing_alg_values_supported: [...dpopAlgorithms],
    });
  };

  const jwks = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, { keys: [{ ...publicJwk, kid, alg: "ES256", use: "sig" }] });
  };

  // ---- Registration (RFC 7591) -----------------------------------------------------------------

  const register = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const type = request.headers.get("Content-Type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type))
      return oauthError(
        400,
        "invalid_client_metadata",
        "Send the client metadata as application/json (RFC 7591 §3.1).",
      );
    const text = await request.text();
    if (text.length > limits.registration)
      return oauthError(
        400,
        "invalid_client_metadata",
        `The client metadata is longer than ${limits.registration} characters.`,
      );
    let metadata: unknown;
    try {
      metadata = JSON.parse(text);
    } catch {
      return oauthError(400, "invalid_client_metadata", "The request content is not JSON (RFC 7591 §3.1).");
    }
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
      return oauthError(400, "invalid_client_metadata", "The client metadata must be a JSON object (RFC 7591 §3.1).");
    const m = metadata as Record<string, unknown>;
    const uris = m["redirect_uris"];
    if (!Array.isArray(uris) || uris.length === 0 || uris.length > limits.redirectUris)
      return oauthError(
        400,
        "invalid_redirect_uri",
        `Give redirect_uris: 1 to ${limits.redirectUris} URLs (RFC 7591 §2).`,
      );
    const origin = new URL(request.url).origin;
    for (const uri of uris) {
      if (typeof uri !== "string" || uri.length > limits.redirectUri)
        return oauthError(
          400,
          "invalid_redirect_uri",
          `Each redirect URI is a string of at most ${limits.redirectUri} characters.`,
        );
      let url: URL;
      try {
        url = new URL(uri);
      } catch {
        return oauthError(400, "invalid_redirect_uri", `${uri} is not an absolute URL (RFC 6749 §3.1.2).`);
      }
      if (url.hash !== "" || uri.includes("#"))
        return oauthError(
          400,
          "invalid_redirect_uri",
          `${uri} has a fragment; redirect URIs must not (RFC 6749 §3.1.2).`,
        );
      if (
        (url.protocol !== "http:" && url.protocol !== "https:") ||
        (url.origin !== origin && !isLoopback(url.hostname))
      )
        return oauthError(
          400,
          "invalid_redirect_uri",
          `${uri} is neither on this origin nor on a loopback address (RFC 8252 §7.3): the sandbox sends nothing elsewhere.`,
        );
    }
    const method = m["token_endpoint_auth_method"];
    if (method !== undefined && method !== "none")
      return oauthError(
        400,
        "invalid_client_metadata",
        'The sandbox registers public clients only: token_endpoint_auth_method "none" (RFC 7591 §2).',
      );
    const grants = m["grant_types"];
    if (
      grants !== undefined &&
      (!Array.isArray(grants) || grants.some((g) => g !== "authorization_code" && g !== "refresh_token"))
    )
      return oauthError(
        400,
        "invalid_client_metadata",
        "grant_types may hold authorization_code and refresh_token only.",
      );
    const responses = m["response_types"];
    if (responses !== undefined && (!Array.isArray(responses) || responses.some((r) => r !== "code")))
      return oauthError(400, "invalid_client_metadata", "response_types may hold code only.");
    const name = m["client_name"];
    if (name !== undefined && (typeof name !== "string" || name.length > limits.clientName))
      return oauthError(
        400,
        "invalid_client_metadata",
        `client_name is a string of at most ${limits.clientName} characters.`,
      );
    const dpop = m["dpop_bound_access_tokens"];
    if (dpop !== undefined && typeof dpop !== "boolean")
      return oauthError(400, "invalid_client_metadata", "dpop_bound_access_tokens is true or false (RFC 9449 §5.2).");

    const client: Client = { redirect_uris: uris as string[] };
    if (typeof name === "string") client.client_name = name;
    if (dpop === true) client.dpop = true;
    const clientId = await seal("client-id+jwt", client);
    return jsonResponse(
      201,
      {
        client_id: clientId,
        client_id_issued_at: seconds(),
        ...(client.client_name === undefined ? {} : { client_name: client.client_name }),
        redirect_uris: client.redirect_uris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
        ...(client.dpop === true ? { dpop_bound_access_tokens: true } : {}),
      },
      { "Cache-Control": "no-store" },
    );
  };

  // ---- Authorization endpoint (RFC 6749 §4.1.1, RFC 7636, RFC 8707, RFC 9470, RFC 9449 §10) ----

  type Checked =
    | { kind: "page"; error: string; description: string }
    | { kind: "redirect"; redirectUri: string; state: string | undefined; error: string; description: string }
    | {
        kind: "ok";
        client: Client;
        clientId: string;
        redirectUri: string;
        state: string | undefined;
        scope: string;
        resource: string;
        codeChallenge: string;
        multiFactor: boolean;
        dpopJkt: string | undefined;
        hidden: Array<[string, string]>;
      };

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

  const checkAuthorization = async (request: Request, params: URLSearchParams): Promise<Checked> => {
    const single = (name: string) => {
      const all = params.getAll(name);
      return all.length > 1 ? null : all[0];
    };
    // Until client and redirect URI are known good, nothing is redirected (RFC 6749 §4.1.2.1).
    const clientId = single("client_id");
    if (clientId === null)
      return { kind: "page", error: "invalid_request", description: "client_id is given more than once." };
    const client = await clientOf(clientId);
    if (clientId === undefined || client === undefined)
      return {
        kind: "page",
        error: "invalid_request",
        description:
          "The client_id is missing or is not one this server registered (RFC 6749 §4.1.2.1). Register the client first (RFC 7591).",
      };
    const redirectUri = single("redirect_uri");
    if (redirectUri === null || redirectUri === undefined || !client.redirect_uris.includes(redirectUri))
      return {
        kind: "page",
        error: "invalid_request",
        description:
          "The redirect_uri is missing or is not exactly one of the client's registered redirect URIs (RFC 6749 §3.1.2.3, §4.1.2.1); this server does not redirect to it.",
      };
    const state = single("state");
    if (state === null)
      return { kind: "page", error: "invalid_request", description: "state is given more than once." };
    if (state !== undefined && state.length > limits.state)
      return {
        kind: "page",
        error: "invalid_request",
        description: `The state parameter is ${state.length} characters long; this server accepts at most ${limits.state}. Keep state short and random (RFC 6749 §10.12), not a store for the client's data.`,
      };
    const refuse = (error: string, description: string): Checked => ({
      kind: "redirect",
      redirectUri,
      state,
      error,
      description,
    });

    const hidden: Array<[string, string]> = [];
    for (const name of forwarded) {
      const all = params.getAll(name);
      if (all.length > 1) return refuse("invalid_request", `${name} is given more than once (RFC 6749 §3.1).`);
      if (all[0] !== undefined) hidden.push([name, all[0]]);
    }
    if (single("response_type") !== "code")
      return refuse("unsupported_response_type", "This server supports response_type=code only (RFC 6749 §4.1.1).");
    const codeChallenge = single("code_challenge");
    if (codeChallenge === undefined)
      return refuse(
        "invalid_request",
        "PKCE is required: send code_challenge and code_challenge_method=S256 (RFC 7636 §4.4.1).",
      );
    if (single("code_challenge_method") !== "S256")
      return refuse(
        "invalid_request",
        "Only the S256 code_challenge_method is supported (RFC 7636 §4.3, §4.4.1); plain is not.",
      );
    if (codeChallenge === null || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
      return refuse(
        "invalid_request",
        "code_challenge must be the base64url SHA-256 of the code verifier: 43 characters (RFC 7636 §4.2).",
      );
    const scope = single("scope") ?? "read";
    if (
      scope === null ||
      scope.length > limits.scope ||
      scope.split(" ").some((s) => !(oauthScopes as readonly string[]).includes(s))
    )
      return refuse("invalid_scope", `The scope must be made of ${oauthScopes.join(" and ")} (RFC 6749 §3.3).`);
    const resource = single("resource");
    const known = oauthResourceNames.map((name) => resourceOf(request, name));
    if (resource === undefined || resource === null || resource.length > limits.resource || !known.includes(resource))
      return refuse(
        "invalid_target",
        `Name exactly one resource (RFC 8707 §2), one of this sandbox's resource identifiers: ${known.join(", ")}.`,
      );
    const acrValues = single("acr_values");
    if (acrValues === null || (acrValues !== undefined && acrValues.length > limits.acrValues))
      return refuse("invalid_request", `acr_values is at most ${limits.acrValues} characters, given once.`);
    const maxAge = single("max_age");
    if (maxAge === null || (maxAge !== undefined && !/^[0-9]{1,9}$/.test(maxAge)))
      return refuse("invalid_request", "max_age is a whole number of seconds (RFC 9470 §4).");
    const dpopJkt = single("dpop_jkt");
    if (dpopJkt === null || (dpopJkt !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(dpopJkt)))
      return refuse(
        "invalid_request",
        "dpop_jkt is the base64url SHA-256 JWK thumbprint of the DPoP key: 43 characters (RFC 9449 §10).",
      );
    return {
      kind: "ok",
      client,
      clientId,
      redirectUri,
      state,
      scope,
      resource,
      codeChallenge,
      multiFactor: (acrValues ?? "").split(" ").includes(acrMultiFactor),
      dpopJkt,
      hidden,
    };
  };

  const redirect = (request: Request, redirectUri: string, values: Record<string, string | undefined>): Response => {
    const location = new URL(redirectUri);
    for (const [name, value] of Object.entries(values))
      if (value !== undefined) location.searchParams.append(name, value);
    // RFC 9207: iss in every authorization response, so the client knows which server answered.
    location.searchParams.append("iss", issuerOf(request));
    return new Response(null, {
      status: 302,
      statusText: reasonPhrase(302),
      headers: { Location: location.href, "Cache-Control": "no-store", "Content-Length": "0" },
    });
  };

  const authorize = async (request: Request): Promise<Response> => {
    let params: URLSearchParams;
    if (request.method === "GET" || request.method === "HEAD") {
      params = new URL(request.url).searchParams;
    } else if (request.method === "POST") {
      const form = await readForm(request);
      if (!form.ok) return html(400, errorPage("invalid_request", form.message));
      params = form.params;
    } else {
      return methodNotAllowed("GET, POST");
    }
    const checked = await checkAuthorization(request, params);
    if (checked.kind === "page") return html(400, errorPage(checked.error, checked.description));
    if (checked.kind === "redirect")
      return redirect(request, checked.redirectUri, {
        error: checked.error,
        error_description: attributeText(checked.description),
        state: checked.state,
      });

    const form = (problem?: string) =>
      html(
        200,
        loginPage({
          action: new URL(request.url).pathname,
          hidden: checked.hidden,
          clientName: checked.client.client_name ?? "An unnamed client",
          scope: checked.scope,
          resource: checked.resource,
          askOneTimeCode: checked.multiFactor,
          demo: oauthDemoUser,
          ...(problem === undefined ? {} : { problem }),
        }),
        new URL(checked.redirectUri).origin,
      );
    if (request.method !== "POST") return form();

    const username = params.get("username") ?? "";
    const password = params.get("password") ?? "";
    const otp = params.get("otp") ?? "";
    if ([username, password, otp].some((value) => value.length > limits.credential))
      return form(`User name, password and code are at most ${limits.credential} characters each.`);
    if (username !== oauthDemoUser.username || password !== oauthDemoUser.password)
      return form("The user name or the password is wrong. The demo user is shown below.");
    if (checked.multiFactor && otp !== oauthDemoUser.oneTimeCode)
      return form("The one-time code is wrong or missing: this request asked for a multi-factor login (acr_values).");

    const code = await seal(
      "code+jwt",
      {
        cid: await sha256(checked.clientId),
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
    return redirect(request, checked.redirectUri, { code, state: checked.state });
  };

  // ---- Token endpoint (RFC 6749 §4.1.3, §5, §6; RFC 7636 §4.6; RFC 8707; RFC 9068; RFC 9449) ----

  const issueTokens = async (
    request: Request,
    grant: {
      sub: string;
      clientId: string;
      scope: string;
      resource: string;
      acr: string;
      authTime: number;
      jkt?: string | undefined;
    },
    refreshToken: string | undefined,
  ): Promise<Response> => {
    const iat = seconds();
    const accessToken = await new SignJWT({
      client_id: grant.clientId,
      scope: grant.scope,
      acr: grant.acr,
      auth_time: grant.authTime,
      ...(grant.jkt === undefined ? {} : { cnf: { jkt: grant.jkt } }),
    })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid })
      .setIssuer(issuerOf(request))
      .setAudience(grant.resource)
      .setSubject(grant.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + options.accessTokenLifetimeSeconds)
      .setJti(crypto.randomUUID())
      .sign(privateKey);
    return jsonResponse(
      200,
      {
        access_token: accessToken,
        token_type: grant.jkt === undefined ? "Bearer" : "DPoP",
        expires_in: options.accessTokenLifetimeSeconds,
        scope: grant.scope,
        ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
      },
      { "Cache-Control": "no-store", Pragma: "no-cache" },
    );
  };

  const token = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const form = await readForm(request);
    if (!form.ok) return oauthError(400, "invalid_request", form.message);
    const fields = singleValues(form.params);
    if (!fields.ok)
      return oauthError(400, "invalid_request", `${fields.name} is given more than once (RFC 6749 §3.2).`);
    const get = fields.get;
    const clientId = get("client_id");
    const client = await clientOf(clientId);
    if (clientId === undefined || client === undefined)
      return oauthError(
        400,
        "invalid_client",
        "client_id is missing or not one this server registered (RFC 6749 §5.2).",
      );
    const cid = await sha256(clientId);

    // DPoP (RFC 9449 §5): a proof, when sent, must be valid and carry this server's nonce (§8).
    let jkt: string | undefined;
    if (request.headers.has("DPoP")) {
      const proof = await verifyDpopProof({
        request,
        nonceAccepted: nonceAccepted("as"),
        now: now(),
        replay: usedProofs,
      });
      if (!proof.ok)
        return oauthError(
          400,
          proof.error,
          proof.description,
          proof.error === "use_dpop_nonce" ? { "DPoP-Nonce": await nonceFor("as") } : {},
        );
      jkt = proof.jkt;
    } else if (client.dpop === true) {
      return oauthError(
        400,
        "invalid_dpop_proof",
        "This client registered dpop_bound_access_tokens: send a DPoP proof (RFC 9449 §5.2).",
      );
    }

    const grantType = get("grant_type");
    const resource = get("resource");
    if (grantType === "authorization_code") {
      const codeValue = get("code");
      const redirectUri = get("redirect_uri");
      const verifier = get("code_verifier");
      if (codeValue === undefined || redirectUri === undefined || verifier === undefined)
        return oauthError(
          400,
          "invalid_request",
          "Send code, redirect_uri and code_verifier (RFC 6749 §4.1.3, RFC 7636 §4.5).",
        );
      const code = await unseal("code+jwt", codeValue, limits.code);
      if (code === undefined)
        return oauthError(
          400,
          "invalid_grant",
          "The code is not one this server issued, or it expired (RFC 6749 §5.2).",
        );
      if (code["cid"] !== cid)
        return oauthError(400, "invalid_grant", "The code was issued to another client (RFC 6749 §4.1.3).");
      if (code["redirect_uri"] !== redirectUri)
        return oauthError(
          400,
          "invalid_grant",
          "redirect_uri is not the one of the authorization request (RFC 6749 §4.1.3).",
        );
      if (verifier.length > limits.codeVerifier || (await sha256(verifier)) !== code["code_challenge"])
        return oauthError(400, "invalid_grant", "The code_verifier does not match the code_challenge (RFC 7636 §4.6).");
      if (resource !== undefined && resource !== code["resource"])
        return oauthError(400, "invalid_target", "resource is not the one the code was issued for (RFC 8707 §2.2).");
      if (code["dpop_jkt"] !== undefined && code["dpop_jkt"] !== jkt)
        return oauthError(400, "invalid_grant", "The code is bound to another DPoP key (dpop_jkt, RFC 9449 §10).");
      if (usedCodes.use(String(code["jti"]), (Number(code["exp"]) + 1) * 1000, now()) === "replayed")
        return oauthError(
          400,
          "invalid_grant",
          "This code was used already; a code is good for one token request (RFC 6749 §4.1.2).",
        );
      const grant = {
        sub: String(code["sub"]),
        clientId,
        scope: String(code["scope"]),
        resource: String(code["resource"]),
        acr: String(code["acr"]),
        authTime: Number(code["auth_time"]),
        jkt,
      };
      const refresh = await seal(
        "refresh+jwt",
        {
          cid,
          sub: grant.sub,
          scope: grant.scope,
          resource: grant.resource,
          acr: grant.acr,
          auth_time: grant.authTime,
          ...(jkt === undefined ? {} : { jkt }),
        },
        refreshLifetimeSeconds,
      );
      return issueTokens(request, grant, refresh);
    }
    if (grantType === "refresh_token") {
      const value = get("refresh_token");
      if (value === undefined) return oauthError(400, "invalid_request", "Send refresh_token (RFC 6749 §6).");
      const refresh = await unseal("refresh+jwt", value, limits.refreshToken);
      if (refresh === undefined || refresh["cid"] !== cid)
        return oauthError(
          400,
          "invalid_grant",
          "The refresh token is not one this server issued to this client, or it expired (RFC 6749 §5.2).",
        );
      if (refresh["jkt"] !== undefined && refresh["jkt"] !== jkt)
        return oauthError(
          400,
          "invalid_grant",
          "The refresh token is bound to a DPoP key: send a proof made with it (RFC 9449 §5).",
        );
      const granted = String(refresh["scope"]).split(" ");
      const scope = get("scope") ?? String(refresh["scope"]);
      if (scope.length > limits.scope || scope.split(" ").some((s) => !granted.includes(s)))
        return oauthError(400, "invalid_scope", "A refresh may ask for the scope granted or less (RFC 6749 §6).");
      if (resource !== undefined && resource !== refresh["resource"])
        return oauthError(400, "invalid_target", "resource is not the one this grant is for (RFC 8707 §2.2).");
      return issueTokens(
        request,
        {
          sub: String(refresh["sub"]),
          clientId,
          scope,
          resource: String(refresh["resource"]),
          acr: String(refresh["acr"]),
          authTime: Number(refresh["auth_time"]),
          jkt,
        },
        undefined,
      );
    }
    return grantType === undefined
      ? oauthError(400, "invalid_request", "Send grant_type (RFC 6749 §4.1.3).")
      : oauthError(
          400,
          "unsupported_grant_type",
          "This server supports authorization_code and refresh_token (RFC 6749 §5.2).",
        );
  };

  // ---- Protected resources (RFC 6750, RFC 9068, RFC 9449, RFC 9470, RFC 9728 §5) ---------------

  const resource = async (request: Request, name: OAuthResourceName): Promise<Response> => {
    const resourceId = resourceOf(request, name);
    const needed =
      name === "resource" && !["GET", "HEAD", "OPTIONS", "TRACE"].includes(request.method) ? "write" : "read";
    const dpopOnly = name === "dpop";
    const refuse = async (
      status: 400 | 401 | 403,
      scheme: "Bearer" | "DPoP",
      params: Record<string, string>,
      message: string,
      withNonce = false,
    ): Promise<Response> => {
      const challenge: Record<string, string> = {};
      if (params["error"] !== undefined) {
        challenge["error"] = params["error"];
        challenge["error_description"] = attributeText(message);
      }
      for (const [key, value] of Object.entries(params)) if (key !== "error") challenge[key] = value;
      if (scheme === "DPoP") challenge["algs"] = dpopAlgorithms.join(" ");
      challenge["resource_metadata"] = absolute(request, paths.resourceMetadata[name]);
      const headers: Record<string, string> = { "WWW-Authenticate": formatChallenge({ scheme, params: challenge }) };
      if (withNonce) headers["DPoP-Nonce"] = await nonceFor("resource");
      const body: Record<string, unknown> = { authenticated: false };
      if (params["error"] !== undefined) body["error"] = params["error"];
      body["message"] = message;
      return jsonResponse(status, body, headers);
    };
    const baseScheme = dpopOnly ? "DPoP" : "Bearer";

    const authorization = request.headers.get("Authorization");
    const match = authorization === null ? null : /^(Bearer|DPoP)(?:( +)(.*))?$/i.exec(authorization.trim());
    if (match === null) {
      // No credentials, or another scheme: no error code (RFC 6750 §3.1), the scope needed (§3).
      return refuse(
        401,
        baseScheme,
        { scope: needed },
        authorization === null
          ? `This resource needs an access token with the scope ${needed}. Its metadata (RFC 9728) names the authorization server.`
          : `This resource takes ${dpopOnly ? "DPoP-bound tokens (RFC 9449)" : "OAuth access tokens (RFC 6750, RFC 9449)"}, not these credentials.`,
      );
    }
    const scheme = match[1]?.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
    const tokenValue = match[3] ?? "";
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(tokenValue))
      return refuse(
        400,
        scheme,
        { error: "invalid_request" },
        `Send "${scheme}", one space and the token (RFC 6750 §2.1, RFC 9449 §7.1).`,
      );
    const challengeScheme = dpopOnly || scheme === "DPoP" ? "DPoP" : "Bearer";
    const invalidToken = (message: string, withNonce = false) =>
      refuse(401, challengeScheme, { error: "invalid_token" }, message, withNonce);

    if (tokenValue.length > limits.accessToken)
      return invalidToken("The access token is longer than any this server issues.");
    let claims: Claims;
    try {
      ({ payload: claims } = await jwtVerify(tokenValue, publicKey, {
        issuer: issuerOf(request),
        typ: "at+jwt",
        algorithms: ["ES256"],
        currentDate: new Date(now()),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        const exp = Number((error.payload as Claims)["exp"]);
        return invalidToken(
          `The access token expired at ${new Date(exp * 1000).toISOString()}; refresh it (RFC 6749 §6).`,
        );
      }
      return invalidToken(
        "The access token is not one this authorization server signed (RFC 9068 §4; after a server restart, refresh it).",
      );
    }
    const audience = claims["aud"];
    if (audience !== resourceId && !(Array.isArray(audience) && audience.includes(resourceId)))
      return invalidToken(
        `The access token was issued for ${String(audience)}, not for this resource ${resourceId} (aud, RFC 9068 §4, RFC 8707).`,
      );

    const cnf = claims["cnf"] as { jkt?: unknown } | undefined;
    const boundTo = typeof cnf?.jkt === "string" ? cnf.jkt : undefined;
    if (boundTo === undefined) {
      if (dpopOnly)
        return invalidToken(
          "This resource requires a DPoP-bound access token (RFC 9449 §7.1); ask the token endpoint with a DPoP proof.",
        );
      if (scheme === "DPoP")
        return invalidToken('This access token is not DPoP-bound: send it with the "Bearer" scheme (RFC 9449 §7.1).');
    } else {
      if (scheme !== "DPoP")
        return invalidToken(
          'This access token is DPoP-bound: send it with the "DPoP" scheme and a DPoP proof (RFC 9449 §7.1).',
        );
      const proof = await verifyDpopProof({
        request,
        accessToken: tokenValue,
        nonceAccepted: nonceAccepted("resource"),
        now: now(),
        replay: usedProofs,
      });
      if (!proof.ok)
        return refuse(401, "DPoP", { error: proof.error }, proof.description, proof.error === "use_dpop_nonce");
      if (proof.jkt !== boundTo)
        return refuse(
          401,
          "DPoP",
          { error: "invalid_dpop_proof" },
          "The DPoP proof is signed with another key than the one the token is bound to (cnf.jkt, RFC 9449 §6.1).",
        );
    }

    const scope = typeof claims["scope"] === "string" ? claims["scope"] : "";
    const granted = scope.split(" ");
    if (!granted.includes(needed))
      return refuse(
        403,
        challengeScheme,
        { error: "insufficient_scope", scope: needed },
        `${request.method} needs the scope ${needed}; this token has ${scope === "" ? "none" : scope} (RFC 6750 §3.1).`,
      );
    if (name === "step-up") {
      const age = seconds() - Number(claims["auth_time"]);
      if (claims["acr"] !== acrMultiFactor || !(age <= stepUpMaxAgeSeconds))
        return refuse(
          401,
          challengeScheme,
          {
            error: "insufficient_user_authentication",
            acr_values: acrMultiFactor,
            max_age: String(stepUpMaxAgeSeconds),
          },
          claims["acr"] !== acrMultiFactor
            ? "This resource needs a multi-factor login: authorize again with acr_values and max_age (RFC 9470 §3)."
            : `The login behind this token is ${age} seconds old; this resource needs one within ${stepUpMaxAgeSeconds} (RFC 9470 §3).`,
        );
    }
    return jsonResponse(200, {
      authenticated: true,
      resource: resourceId,
      sub: claims["sub"],
      scope: claims["scope"],
      acr: claims["acr"],
      token_type: boundTo === undefined ? "Bearer" : "DPoP",
    });
  };

  return { resource, resourceMetadata, issuerMetadata, jwks, register, authorize, token };
}

/** A form-encoded request body (RFC 6749 §4.1.3, appendix B), bounded in size. */
async function readForm(
  request: Request,
): Promise<{ ok: true; params: URLSearchParams } | { ok: false; message: string }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type))
    return {
      ok: false,
      message: "Send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.1.3, appendix B).",
    };
  const text = await request.text();
  if (text.length > limits.form)
    return {
      ok: false,
      message: `The form is ${text.length} characters long; this server accepts at most ${limits.form}.`,
    };
  return { ok: true, params: new URLSearchParams(text) };
}
