import { jwtVerify } from "jose";
import { familyExpiry, limits, refreshLifetimeSeconds, type Claims, type OAuthContext } from "./oauth-context.ts";

/**
 * What a token shown to revocation (RFC 7009) or introspection (RFC 7662) is, and whether it still
 * works: the one place that tells the sandbox's tokens apart. Access tokens are RFC 9068 JWTs or
 * opaque (oauth-context.ts, for the `opaque` resource); refresh tokens are sealed; codes, client IDs
 * and DPoP nonces are sealed too but are not tokens these endpoints handle.
 */
export type PresentedToken =
  | { kind: "access"; format: "jwt" | "opaque"; claims: Claims; active: boolean }
  | { kind: "refresh"; claims: Claims; active: boolean }
  | { kind: "unsupported"; what: string }
  | { kind: "unknown" };

/** Other values this server seals, named for the unsupported_token_type sentence (RFC 7009 §2.2.1). */
const otherSealed: ReadonlyArray<[typ: string, what: string]> = [
  ["code+jwt", "an authorization code"],
  ["client-id+jwt", "a client_id"],
  ["dpop-nonce+jwt", "a DPoP nonce"],
];

/** When a revocation mark for an access token may be forgotten: a second after the token expires (ms). */
export const accessTokenExpiry = (claims: Claims) => (Number(claims["exp"]) + 1) * 1000;

/** Whether an access token was revoked: by itself (RFC 7009) or with its grant (a refresh token revoked, a code replayed). */
export async function accessTokenRevoked(ctx: OAuthContext, claims: Claims): Promise<boolean> {
  const { revokedTokens, grants, now } = ctx;
  if (typeof claims["jti"] === "string" && (await revokedTokens.has(claims["jti"], accessTokenExpiry(claims), now())))
    return true;
  return typeof claims["fid"] === "string" && (await grants.isRevoked(claims["fid"], familyExpiry(ctx), now()));
}

async function jwtAccessClaims(ctx: OAuthContext, request: Request, token: string): Promise<Claims | undefined> {
  try {
    const { payload } = await jwtVerify(token, ctx.publicKey, {
      issuer: ctx.issuerOf(request),
      typ: "at+jwt",
      algorithms: ["ES256"],
      currentDate: new Date(ctx.now()),
    });
    return payload;
  } catch {
    return undefined;
  }
}

/** Whether a refresh token still works: its grant not revoked, its generation not used (rotation, RFC 9700 §4.14.2). */
async function refreshActive(ctx: OAuthContext, claims: Claims): Promise<boolean> {
  const family = claims["fid"];
  if (typeof family !== "string") return false;
  const until = (ctx.seconds() + refreshLifetimeSeconds + 1) * 1000;
  if (await ctx.grants.isRevoked(family, familyExpiry(ctx), ctx.now())) return false;
  return !(await ctx.grants.isSpent(family, Number(claims["gen"]), until, ctx.now()));
}

/**
 * The token a client or resource showed, read: an expired, forged or unknown one is "unknown"
 * (RFC 7009 §2.2 answers it 200, RFC 7662 §2.2 active false).
 */
export async function identifyToken(ctx: OAuthContext, request: Request, token: string): Promise<PresentedToken> {
  if (token.length > limits.presentedToken) return { kind: "unknown" };
  const jwt = await jwtAccessClaims(ctx, request, token);
  if (jwt !== undefined)
    return { kind: "access", format: "jwt", claims: jwt, active: !(await accessTokenRevoked(ctx, jwt)) };
  const opaque = await ctx.openOpaque(token);
  if (opaque !== undefined)
    return { kind: "access", format: "opaque", claims: opaque, active: !(await accessTokenRevoked(ctx, opaque)) };
  const refresh = await ctx.unseal("refresh+jwt", token, limits.refreshToken);
  if (refresh !== undefined) return { kind: "refresh", claims: refresh, active: await refreshActive(ctx, refresh) };
  for (const [typ, what] of otherSealed)
    if ((await ctx.unseal(typ, token, limits.presentedToken)) !== undefined) return { kind: "unsupported", what };
  return { kind: "unknown" };
}
