import { errors, jwtVerify } from "jose";
import { formatChallenge } from "../../../http/index.ts";
import { attributeText } from "../bearer.ts";
import { jsonResponse } from "../json-response.ts";
import { dpopAlgorithms, verifyDpopProof } from "./dpop-proof.ts";
import { acrMultiFactor, clockAheadSeconds, stepUpMaxAgeSeconds } from "./oauth-constants.ts";
import { limits, type Claims, type OAuthContext } from "./oauth-context.ts";
import { wellKnownOnlyResources, type OAuthResourceName } from "./oauth-paths.ts";
import { introspectionCredentials } from "./oauth-constants.ts";
import { accessTokenRevoked } from "./token-state.ts";
import { encodeBasic, isJsonObject } from "../../../http/index.ts";

type Scheme = "Bearer" | "DPoP";

/** A refusal with its challenge (RFC 6750 §3, RFC 9449 §7.1); `withNonce` adds a fresh DPoP-Nonce. */
type Refuse = (
  status: 400 | 401 | 403,
  scheme: Scheme,
  params: Record<string, string>,
  message: string,
  withNonce?: boolean,
) => Promise<Response>;

/** How the resource `name` refuses a request: WWW-Authenticate with error, description and resource_metadata (RFC 9728 §5.1), and a JSON body. */
function refusalFor(ctx: OAuthContext, request: Request, name: OAuthResourceName): Refuse {
  return async (status, scheme, params, message, withNonce = false) => {
    const challenge: Record<string, string> = {};
    if (params["error"] !== undefined) {
      challenge["error"] = params["error"];
      challenge["error_description"] = attributeText(message);
    }
    for (const [key, value] of Object.entries(params)) if (key !== "error") challenge[key] = value;
    if (scheme === "DPoP") challenge["algs"] = dpopAlgorithms.join(" ");
    // A well-known-only resource names no metadata: the client must find it at RFC 9728 §3.1's URL.
    if (!wellKnownOnlyResources.has(name))
      challenge["resource_metadata"] = ctx.absolute(request, ctx.paths.resourceMetadata[name]);
    const headers: Record<string, string> = { "WWW-Authenticate": formatChallenge({ scheme, params: challenge }) };
    if (withNonce) headers["DPoP-Nonce"] = await ctx.nonceFor("resource");
    const body: Record<string, unknown> = { authenticated: false };
    if (params["error"] !== undefined) body["error"] = params["error"];
    body["message"] = message;
    return jsonResponse(status, body, headers);
  };
}

/** The access token's claims once signature, issuer, expiry, audience and revocation pass (RFC 9068 §4), or why not. */
async function verifyAccessToken(
  ctx: OAuthContext,
  request: Request,
  token: string,
  resourceId: string,
): Promise<{ ok: true; claims: Claims } | { ok: false; message: string }> {
  const { now, publicKey, issuerOf } = ctx;
  let claims: Claims;
  try {
    ({ payload: claims } = await jwtVerify(token, publicKey, {
      issuer: issuerOf(request),
      typ: "at+jwt",
      algorithms: ["ES256"],
      // A workshop that skipped the wait for expiry asks for the clock ahead (Lab-Clock-Ahead): older only.
      currentDate: new Date(now() + clockAheadSeconds(request.headers) * 1000),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const exp = Number((error.payload as Claims)["exp"]);
      return {
        ok: false,
        message: `The access token expired at ${new Date(exp * 1000).toISOString()}; refresh it (RFC 6749 §6).`,
      };
    }
    return {
      ok: false,
      message:
        "The access token is not one this authorization server signed (RFC 9068 §4; after a server restart, refresh it).",
    };
  }
  const audience = claims["aud"];
  if (audience !== resourceId && !(Array.isArray(audience) && audience.includes(resourceId)))
    return {
      ok: false,
      message: `The access token was issued for ${String(audience)}, not for this resource ${resourceId} (aud, RFC 9068 §4, RFC 8707).`,
    };
  if (await accessTokenRevoked(ctx, claims))
    return {
      ok: false,
      message:
        "This access token was revoked (RFC 7009), or its grant was: a refresh token of it was revoked, or its code or a refresh token was used twice (RFC 6749 §4.1.2, RFC 9700 §4.14.2). Sign in again.",
    };
  return { ok: true, claims };
}

type Introspect = (request: Request) => Promise<Response>;

/**
 * The `opaque` resource's check: it cannot read its tokens, so it asks the authorization server's
 * introspection endpoint (RFC 7662 §2.1) with its own credentials, a real request to the same
 * handler, and accepts an `active` token for its own audience (§4: the resource checks aud itself).
 */
async function introspectAccessToken(
  ctx: OAuthContext,
  request: Request,
  token: string,
  resourceId: string,
  introspect: Introspect,
): Promise<{ ok: true; claims: Claims } | { ok: false; message: string }> {
  const answer = await introspect(
    new Request(ctx.absolute(request, ctx.paths.introspect), {
      method: "POST",
      headers: {
        Authorization: encodeBasic(introspectionCredentials.clientId, introspectionCredentials.clientSecret),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ token, token_type_hint: "access_token" }),
    }),
  );
  const body: unknown = answer.ok ? await answer.json() : undefined;
  if (!isJsonObject(body) || body["active"] !== true)
    return {
      ok: false,
      message:
        "Introspection says this token is not active (RFC 7662 §2.2): it was revoked, it expired, or the authorization server never issued it.",
    };
  if (body["aud"] !== resourceId)
    return {
      ok: false,
      message: `The access token was issued for ${String(body["aud"])}, not for this resource ${resourceId} (RFC 7662 §4, RFC 8707).`,
    };
  if (typeof body["scope"] !== "string" || body["token_type"] === "DPoP")
    return { ok: false, message: "This resource takes bearer tokens with a scope; introspection says otherwise." };
  return { ok: true, claims: body };
}

/** The key thumbprint a token is bound to (cnf.jkt, RFC 9449 §6.1), or undefined for a bearer token. */
function boundKeyOf(claims: Claims): string | undefined {
  const cnf = claims["cnf"] as { jkt?: unknown } | undefined;
  return typeof cnf?.jkt === "string" ? cnf.jkt : undefined;
}

/** The refusal when scheme, binding and DPoP proof do not agree (RFC 9449 §7.1), or undefined. */
async function bindingRefusal(
  ctx: OAuthContext,
  request: Request,
  token: { value: string; scheme: Scheme; boundTo: string | undefined; dpopOnly: boolean },
  refuse: Refuse,
  invalidToken: (message: string) => Promise<Response>,
): Promise<Response | undefined> {
  if (token.boundTo === undefined) {
    if (token.dpopOnly)
      return invalidToken(
        "This resource requires a DPoP-bound access token (RFC 9449 §7.1); ask the token endpoint with a DPoP proof.",
      );
    if (token.scheme === "DPoP")
      return invalidToken('This access token is not DPoP-bound: send it with the "Bearer" scheme (RFC 9449 §7.1).');
    return undefined;
  }
  if (token.scheme !== "DPoP")
    return invalidToken(
      'This access token is DPoP-bound: send it with the "DPoP" scheme and a DPoP proof (RFC 9449 §7.1).',
    );
  const proof = await verifyDpopProof({
    request,
    accessToken: token.value,
    nonceAccepted: ctx.nonceAccepted("resource"),
    now: ctx.now(),
    replay: ctx.usedProofs,
  });
  if (!proof.ok)
    return refuse(
      401,
      "DPoP",
      { error: proof.error.reason },
      proof.error.message,
      proof.error.reason === "use_dpop_nonce",
    );
  if (proof.jkt !== token.boundTo)
    return refuse(
      401,
      "DPoP",
      { error: "invalid_dpop_proof" },
      "The DPoP proof is signed with another key than the one the token is bound to (cnf.jkt, RFC 9449 §6.1).",
    );
  return undefined;
}

/** The refusal when the token lacks the scope (RFC 6750 §3.1) or, on step-up, a recent multi-factor login (RFC 9470 §3). */
function authorityRefusal(
  ctx: OAuthContext,
  request: Request,
  name: OAuthResourceName,
  claims: Claims,
  needed: string,
  refuse: (status: 401 | 403, params: Record<string, string>, message: string) => Promise<Response>,
): Promise<Response> | undefined {
  const scope = typeof claims["scope"] === "string" ? claims["scope"] : "";
  if (!scope.split(" ").includes(needed))
    return refuse(
      403,
      { error: "insufficient_scope", scope: needed },
      `${request.method} needs the scope ${needed}; this token has ${scope === "" ? "none" : scope} (RFC 6750 §3.1).`,
    );
  if (name !== "step-up") return undefined;
  const age = ctx.seconds() - Number(claims["auth_time"]);
  if (claims["acr"] === acrMultiFactor && age <= stepUpMaxAgeSeconds) return undefined;
  return refuse(
    401,
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

/** The protected resources: RFC 6750 challenges and errors, RFC 9068 validation, RFC 9449 §7 DPoP, RFC 9470 §3 step-up, RFC 9728 §5.1 resource_metadata. */
export function resourceEndpoint(ctx: OAuthContext, introspect: Introspect) {
  const resource = async (request: Request, name: OAuthResourceName): Promise<Response> => {
    const resourceId = ctx.resourceOf(request, name);
    const needed =
      name === "resource" && !["GET", "HEAD", "OPTIONS", "TRACE"].includes(request.method) ? "write" : "read";
    const dpopOnly = name === "dpop";
    const refuse = refusalFor(ctx, request, name);

    const authorization = request.headers.get("Authorization");
    const match = authorization === null ? null : /^(Bearer|DPoP)(?:( +)(.*))?$/i.exec(authorization.trim());
    if (match === null) {
      // No credentials, or another scheme: no error code (RFC 6750 §3.1), the scope needed (§3).
      return refuse(
        401,
        dpopOnly ? "DPoP" : "Bearer",
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
    const invalidToken = (message: string) => refuse(401, challengeScheme, { error: "invalid_token" }, message);

    if (tokenValue.length > limits.accessToken)
      return invalidToken("The access token is longer than any this server issues.");
    const verified =
      name === "opaque"
        ? await introspectAccessToken(ctx, request, tokenValue, resourceId, introspect)
        : await verifyAccessToken(ctx, request, tokenValue, resourceId);
    if (!verified.ok) return invalidToken(verified.message);
    const { claims } = verified;
    const boundTo = boundKeyOf(claims);
    const token = { value: tokenValue, scheme, boundTo, dpopOnly } as const;
    const unbound = await bindingRefusal(ctx, request, token, refuse, invalidToken);
    if (unbound !== undefined) return unbound;
    const lacking = authorityRefusal(ctx, request, name, claims, needed, (status, params, message) =>
      refuse(status, challengeScheme, params, message),
    );
    if (lacking !== undefined) return lacking;
    return jsonResponse(200, {
      authenticated: true,
      resource: resourceId,
      sub: claims["sub"],
      scope: claims["scope"],
      acr: claims["acr"],
      token_type: boundTo === undefined ? "Bearer" : "DPoP",
    });
  };

  return { resource };
}
