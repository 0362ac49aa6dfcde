import { sha256Base64url } from "../../../http/index.ts";
import { SignJWT } from "jose";
import { jsonResponse } from "../json-response.ts";
import { verifyDpopProof } from "./dpop-proof.ts";
import { familyExpiry, limits, refreshLifetimeSeconds, type Claims, type OAuthContext } from "./oauth-context.ts";
import { methodNotAllowed, oauthError, readFormFields } from "./oauth-responses.ts";

/** What a grant gives its tokens: who, which client, what for, and its family (grant-memory.ts). */
type Grant = {
  sub: string;
  clientId: string;
  scope: string;
  resource: string;
  acr: string;
  authTime: number;
  jkt?: string | undefined;
  /** The family: the jti of the code the grant began with. */
  fid: string;
};

/** One token request, read and checked as far as every grant type needs. */
type TokenRequest = {
  ctx: OAuthContext;
  request: Request;
  get: (name: string) => string | undefined;
  clientId: string;
  /** The client_id's SHA-256, as codes and refresh tokens carry it. */
  cid: string;
  lifetime: number;
  jkt: string | undefined;
};

/** The token endpoint (RFC 6749 §4.1.3, §5, §6; RFC 7636 §4.6; RFC 8707 §2.2; RFC 9068 tokens; RFC 9449 §5, §8, §10; RFC 9700 §4.14). */
export function tokenEndpoint(ctx: OAuthContext) {
  return { token: (request: Request) => token(ctx, request) };
}

/**
 * The access token: for the `opaque` resource (RFC 8707 `resource`) an opaque one that only
 * introspection reads (RFC 7662), the same claims inside; for every other resource an RFC 9068 JWT.
 */
async function accessTokenFor(tr: TokenRequest, grant: Grant, iat: number): Promise<string> {
  const { privateKey, kid, issuerOf, resourceOf, sealOpaque } = tr.ctx;
  // The claims both kinds carry beyond the registered ones (RFC 9068 §2.2, RFC 9449 §6.1 cnf).
  const claims = {
    client_id: grant.clientId,
    scope: grant.scope,
    acr: grant.acr,
    auth_time: grant.authTime,
    fid: grant.fid,
    ...(grant.jkt === undefined ? {} : { cnf: { jkt: grant.jkt } }),
  };
  if (grant.resource === resourceOf(tr.request, "opaque"))
    return sealOpaque({
      iss: issuerOf(tr.request),
      aud: grant.resource,
      sub: grant.sub,
      ...claims,
      iat,
      exp: iat + tr.lifetime,
      jti: crypto.randomUUID(),
    });
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid })
    .setIssuer(issuerOf(tr.request))
    .setAudience(grant.resource)
    .setSubject(grant.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + tr.lifetime)
    .setJti(crypto.randomUUID())
    .sign(privateKey);
}

/** An access token and, when given, the refresh token that goes with it (RFC 6749 §5.1). */
async function issueTokens(tr: TokenRequest, grant: Grant, refreshToken: string | undefined): Promise<Response> {
  const iat = tr.ctx.seconds();
  const accessToken = await accessTokenFor(tr, grant, iat);
  return jsonResponse(
    200,
    {
      access_token: accessToken,
      token_type: grant.jkt === undefined ? "Bearer" : "DPoP",
      expires_in: tr.lifetime,
      scope: grant.scope,
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    },
    { "Cache-Control": "no-store", Pragma: "no-cache" },
  );
}

/** A refresh token of `generation` in the grant's family (rotated on every use, RFC 9700 §4.14.2). */
function refreshTokenFor(tr: TokenRequest, grant: Grant, generation: number) {
  return tr.ctx.seal(
    "refresh+jwt",
    {
      cid: tr.cid,
      sub: grant.sub,
      scope: grant.scope,
      resource: grant.resource,
      acr: grant.acr,
      auth_time: grant.authTime,
      fid: grant.fid,
      gen: generation,
      ...(grant.jkt === undefined ? {} : { jkt: grant.jkt }),
    },
    refreshLifetimeSeconds,
  );
}

/** The code's checks (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 8707, RFC 9449 §10), or the refusal. */
async function checkCode(tr: TokenRequest, code: Claims): Promise<Response | undefined> {
  const { get } = tr;
  if (code["cid"] !== tr.cid)
    return oauthError(400, "invalid_grant", "The code was issued to another client (RFC 6749 §4.1.3).");
  if (code["redirect_uri"] !== get("redirect_uri"))
    return oauthError(
      400,
      "invalid_grant",
      "redirect_uri is not the one of the authorization request (RFC 6749 §4.1.3).",
    );
  const verifier = get("code_verifier") ?? "";
  if (verifier.length > limits.codeVerifier || (await sha256Base64url(verifier)) !== code["code_challenge"])
    return oauthError(400, "invalid_grant", "The code_verifier does not match the code_challenge (RFC 7636 §4.6).");
  const resource = get("resource");
  if (resource !== undefined && resource !== code["resource"])
    return oauthError(400, "invalid_target", "resource is not the one the code was issued for (RFC 8707 §2.2).");
  if (code["dpop_jkt"] !== undefined && code["dpop_jkt"] !== tr.jkt)
    return oauthError(400, "invalid_grant", "The code is bound to another DPoP key (dpop_jkt, RFC 9449 §10).");
  return undefined;
}

/** grant_type=authorization_code: the code once; a second use revokes what the first got (RFC 6749 §4.1.2). */
async function codeGrant(tr: TokenRequest): Promise<Response> {
  const { unseal, usedCodes, grants, now } = tr.ctx;
  const codeValue = tr.get("code");
  if (codeValue === undefined || tr.get("redirect_uri") === undefined || tr.get("code_verifier") === undefined)
    return oauthError(
      400,
      "invalid_request",
      "Send code, redirect_uri and code_verifier (RFC 6749 §4.1.3, RFC 7636 §4.5).",
    );
  const code = await unseal("code+jwt", codeValue, limits.code);
  if (code === undefined)
    return oauthError(400, "invalid_grant", "The code is not one this server issued, or it expired (RFC 6749 §5.2).");
  const refused = await checkCode(tr, code);
  if (refused !== undefined) return refused;
  const fid = String(code["jti"]);
  if ((await usedCodes.use(fid, (Number(code["exp"]) + 1) * 1000, now())) === "replayed") {
    await grants.revoke(fid, familyExpiry(tr.ctx), now());
    return oauthError(
      400,
      "invalid_grant",
      "This code was used already; a code is good for one token request, and the tokens issued for it are now revoked (RFC 6749 §4.1.2).",
    );
  }
  const grant: Grant = {
    sub: String(code["sub"]),
    clientId: tr.clientId,
    scope: String(code["scope"]),
    resource: String(code["resource"]),
    acr: String(code["acr"]),
    authTime: Number(code["auth_time"]),
    jkt: tr.jkt,
    fid,
  };
  return issueTokens(tr, grant, await refreshTokenFor(tr, grant, 1));
}

/** grant_type=refresh_token (RFC 6749 §6), rotated with reuse detection (RFC 9700 §4.14.2, RFC 6749 §10.4). */
async function refreshGrant(tr: TokenRequest): Promise<Response> {
  const { unseal, grants, now } = tr.ctx;
  const value = tr.get("refresh_token");
  if (value === undefined) return oauthError(400, "invalid_request", "Send refresh_token (RFC 6749 §6).");
  const refresh = await unseal("refresh+jwt", value, limits.refreshToken);
  if (refresh === undefined || refresh["cid"] !== tr.cid || typeof refresh["fid"] !== "string")
    return oauthError(
      400,
      "invalid_grant",
      "The refresh token is not one this server issued to this client, or it expired (RFC 6749 §5.2).",
    );
  if (refresh["jkt"] !== undefined && refresh["jkt"] !== tr.jkt)
    return oauthError(
      400,
      "invalid_grant",
      "The refresh token is bound to a DPoP key: send a proof made with it (RFC 9449 §5).",
    );
  const granted = String(refresh["scope"]).split(" ");
  const scope = tr.get("scope") ?? String(refresh["scope"]);
  if (scope.length > limits.scope || scope.split(" ").some((s) => !granted.includes(s)))
    return oauthError(400, "invalid_scope", "A refresh may ask for the scope granted or less (RFC 6749 §6).");
  const resource = tr.get("resource");
  if (resource !== undefined && resource !== refresh["resource"])
    return oauthError(400, "invalid_target", "resource is not the one this grant is for (RFC 8707 §2.2).");
  const generation = Number(refresh["gen"]);
  const verdict = await grants.refresh(refresh["fid"], generation, familyExpiry(tr.ctx), now());
  if (verdict !== "rotate")
    return oauthError(
      400,
      "invalid_grant",
      verdict === "reused"
        ? "This refresh token was used already: each one is good for one refresh (rotation). Its reuse means it may be stolen, so every token of this grant is now revoked; sign in again (RFC 9700 §4.14.2, RFC 6749 §10.4)."
        : "This grant was revoked (a refresh token or its code was used twice): sign in again (RFC 9700 §4.14.2, RFC 6749 §4.1.2).",
    );
  const grant: Grant = {
    sub: String(refresh["sub"]),
    clientId: tr.clientId,
    scope,
    resource: String(refresh["resource"]),
    acr: String(refresh["acr"]),
    authTime: Number(refresh["auth_time"]),
    jkt: tr.jkt,
    fid: refresh["fid"],
  };
  // The new refresh token keeps the scope granted (RFC 6749 §6); the access token has the scope asked.
  const next = await refreshTokenFor(tr, { ...grant, scope: String(refresh["scope"]) }, generation + 1);
  return issueTokens(tr, grant, next);
}

/** The client and its DPoP proof (RFC 9449 §5, §8): the TokenRequest, or the refusal. */
async function readTokenRequest(ctx: OAuthContext, request: Request): Promise<TokenRequest | Response> {
  const { options, now, usedProofs, nonceFor, nonceAccepted, resolveClient } = ctx;
  const fields = await readFormFields(request);
  if (!fields.ok) return oauthError(400, "invalid_request", fields.error.message);
  const clientId = fields.get("client_id");
  const resolved = await resolveClient(clientId);
  if (clientId === undefined || !resolved.ok)
    return resolved.ok || resolved.error === "invalid_request"
      ? oauthError(400, "invalid_client", resolved.ok ? "Send client_id (RFC 6749 §5.2)." : resolved.description)
      : oauthError(resolved.error === "temporarily_unavailable" ? 429 : 400, resolved.error, resolved.description);
  const { client } = resolved;
  if (client.unsupported !== undefined) return oauthError(400, "unauthorized_client", client.unsupported);
  const lifetime = Math.min(client.access_token_lifetime ?? Infinity, options.accessTokenLifetimeSeconds);
  const tr: TokenRequest = {
    ctx,
    request,
    get: fields.get,
    clientId,
    cid: await sha256Base64url(clientId),
    lifetime,
    jkt: undefined,
  };
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
        proof.error.reason,
        proof.error.message,
        proof.error.reason === "use_dpop_nonce" ? { "DPoP-Nonce": await nonceFor("as") } : {},
      );
    tr.jkt = proof.jkt;
  } else if (client.dpop === true) {
    return oauthError(
      400,
      "invalid_dpop_proof",
      "This client registered dpop_bound_access_tokens: send a DPoP proof (RFC 9449 §5.2).",
    );
  }
  return tr;
}

async function token(ctx: OAuthContext, request: Request): Promise<Response> {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const tr = await readTokenRequest(ctx, request);
  if (tr instanceof Response) return tr;
  const grantType = tr.get("grant_type");
  if (grantType === "authorization_code") return codeGrant(tr);
  if (grantType === "refresh_token") return refreshGrant(tr);
  return grantType === undefined
    ? oauthError(400, "invalid_request", "Send grant_type (RFC 6749 §4.1.3).")
    : oauthError(
        400,
        "unsupported_grant_type",
        "This server supports authorization_code and refresh_token (RFC 6749 §5.2).",
      );
}
