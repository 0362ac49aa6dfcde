import { basicChallenge, formatChallenge, sha256Base64url } from "../../../http/index.ts";
import { sandboxResponse } from "../json-response.ts";
import { familyExpiry, type OAuthContext } from "./oauth-context.ts";
import { methodNotAllowed, oauthError, readFormFields } from "./oauth-responses.ts";
import { accessTokenExpiry, identifyToken } from "./token-state.ts";

/** RFC 7009 §2.2: 200 whether or not the token was known; the client ignores the content. */
const revoked = () => sandboxResponse(null, 200, { "Cache-Control": "no-store", "Content-Length": "0" });

/**
 * Token revocation (RFC 7009). The sandbox's clients are public, so a client identifies itself
 * with client_id in the form and sends no credentials (RFC 7009 §2.1 authenticates confidential
 * clients only; RFC 6749 §2.3); credentials in Authorization are refused with 401 invalid_client,
 * since no client here has any. A token issued to another client is refused (invalid_grant: RFC
 * 6749 §5.2 "issued to another client"); an unknown, expired or forged token is answered 200
 * (§2.2); an authorization code, a client_id or a nonce is unsupported_token_type (§2.2.1).
 * Revoking an access token revokes it alone; revoking a refresh token revokes its whole grant,
 * the access tokens issued from it included (§2.1 allows both), in the sandbox's memory, so every
 * server sharing it (Redis) refuses them.
 */
export function revocationEndpoint(ctx: OAuthContext) {
  const revoke = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    if (request.headers.has("Authorization"))
      return oauthError(
        401,
        "invalid_client",
        "This server's clients are public: send client_id in the form and no credentials (RFC 7009 §2.1, RFC 6749 §2.3).",
        { "WWW-Authenticate": formatChallenge(basicChallenge({ realm: "revocation" })) },
      );
    const fields = await readFormFields(request);
    if (!fields.ok) return oauthError(400, "invalid_request", fields.error.message);
    const clientId = fields.get("client_id");
    const resolved = await ctx.resolveClient(clientId);
    if (clientId === undefined || !resolved.ok)
      return oauthError(
        400,
        "invalid_client",
        resolved.ok
          ? "Send client_id: a public client names itself (RFC 6749 §2.3, RFC 7009 §2.1)."
          : resolved.description,
      );
    const token = fields.get("token");
    if (token === undefined || token === "")
      return oauthError(400, "invalid_request", "Send the token to revoke as token (RFC 7009 §2.1).");
    const found = await identifyToken(ctx, request, token);
    if (found.kind === "unknown") return revoked();
    if (found.kind === "unsupported")
      return oauthError(
        400,
        "unsupported_token_type",
        `This is ${found.what}; the server revokes access and refresh tokens only (RFC 7009 §2.2.1).`,
      );
    const owner =
      found.kind === "access"
        ? found.claims["client_id"] === clientId
        : found.claims["cid"] === (await sha256Base64url(clientId));
    if (!owner)
      return oauthError(
        400,
        "invalid_grant",
        "This token was issued to another client (RFC 7009 §2.1, RFC 6749 §5.2).",
      );
    const { now, revokedTokens, grants } = ctx;
    if (found.kind === "access" && typeof found.claims["jti"] === "string")
      await revokedTokens.use(found.claims["jti"], accessTokenExpiry(found.claims), now());
    else if (found.kind === "refresh" && typeof found.claims["fid"] === "string")
      await grants.revoke(found.claims["fid"], familyExpiry(ctx), now());
    return revoked();
  };
  return { revoke };
}
