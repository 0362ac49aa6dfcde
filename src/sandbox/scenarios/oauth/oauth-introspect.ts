import { basicChallenge, formatChallenge, parseBasic } from "../../../http/index.ts";
import { jsonResponse } from "../json-response.ts";
import { introspectionCredentials } from "./oauth-constants.ts";
import type { Claims, OAuthContext } from "./oauth-context.ts";
import { methodNotAllowed, oauthError, readFormFields } from "./oauth-responses.ts";
import { identifyToken } from "./token-state.ts";

/** The members of an active token's introspection answer (RFC 7662 §2.2), from its claims. */
function activeMembers(claims: Claims, kind: "access" | "refresh"): Record<string, unknown> {
  const members: Record<string, unknown> = { active: true };
  for (const name of ["scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti", "acr", "auth_time"]) {
    const value = claims[name];
    if (typeof value === "string" || typeof value === "number") members[name] = value;
  }
  const cnf = claims["cnf"];
  if (kind === "access") {
    // RFC 9449 §6.2: a DPoP-bound token's key thumbprint, as cnf.jkt.
    const jkt = typeof cnf === "object" && cnf !== null && "jkt" in cnf ? cnf.jkt : undefined;
    if (typeof jkt === "string") members["cnf"] = { jkt };
    members["token_type"] = typeof jkt === "string" ? "DPoP" : "Bearer";
  }
  return members;
}

/**
 * Token introspection (RFC 7662). Only the `opaque` resource server may ask: it authenticates with
 * HTTP Basic (introspectionCredentials, RFC 6749 §2.3.1); anyone else gets 401 invalid_client with
 * a Basic challenge (RFC 7662 §2.3, RFC 6749 §5.2). It answers for every access token (JWT or
 * opaque) and refresh token this server issued: `active: true` with its claims, or just
 * `active: false` for a revoked, expired, spent, forged or unknown one (§2.2), never saying which.
 */
export function introspectionEndpoint(ctx: OAuthContext) {
  const introspect = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const credentials = parseBasic(request.headers.get("Authorization") ?? "");
    if (
      !credentials.ok ||
      credentials.user !== introspectionCredentials.clientId ||
      credentials.password !== introspectionCredentials.clientSecret
    )
      return oauthError(
        401,
        "invalid_client",
        "Introspection answers the resource server only: authenticate with its client credentials, HTTP Basic (RFC 7662 §2.1, RFC 6749 §2.3.1).",
        { "WWW-Authenticate": formatChallenge(basicChallenge({ realm: "introspection" })) },
      );
    const fields = await readFormFields(request);
    if (!fields.ok) return oauthError(400, "invalid_request", fields.error.message);
    const token = fields.get("token");
    if (token === undefined || token === "")
      return oauthError(400, "invalid_request", "Send the token to introspect as token (RFC 7662 §2.1).");
    const found = await identifyToken(ctx, request, token);
    const body =
      (found.kind === "access" || found.kind === "refresh") && found.active
        ? activeMembers(found.claims, found.kind)
        : { active: false };
    return jsonResponse(200, body, { "Cache-Control": "no-store" });
  };
  return { introspect };
}
