/**
 * The sandbox authorization server's public facts: its demo user, the one-time code of its
 * multi-factor login, its scopes and Authentication Context Class References (RFC 9470 §2).
 * Like the Basic demo credentials, they are public on purpose. No jose here.
 */
export const oauthDemoUser = { username: "user", password: "passwd", oneTimeCode: "123456" } as const;

/** `read` for safe methods (RFC 9110 §9.2.1), `write` for the rest, as api/bearer does. */
export const oauthScopes = ["read", "write"] as const;

/** Password only, and password plus one-time code: what `acr` says about the login (RFC 9470 §2, §3). */
export const acrPassword = "urn:http-status-lab:acr:password";
export const acrMultiFactor = "urn:http-status-lab:acr:mfa";

/** How recent the login behind a token must be for `step-up` (RFC 9470 §3 max_age), in seconds. */
export const stepUpMaxAgeSeconds = 300;

/** Default access token lifetime (RFC 6749 §5.1 expires_in), in seconds. */
export const defaultAccessTokenLifetimeSeconds = 300;

/**
 * The credentials the `opaque` resource server authenticates with at the introspection endpoint
 * (RFC 7662 §2.1, HTTP Basic as RFC 6749 §2.3.1 lets a client do), public like the demo user so
 * that a reader can introspect a token with curl. No other caller may introspect.
 */
export const introspectionCredentials = { clientId: "opaque-resource", clientSecret: "introspect-demo" } as const;

/**
 * The sandbox's own request field (not HTTP's, no real server has it) that asks its protected
 * resources to check an access token's expiry this many seconds ahead of the clock, as if that
 * time had passed: how a workshop lesson skips waiting for a token to expire and still gets the
 * expired token's 401 (workshop-step-runner.ts). It can only make a token older, never younger.
 */
export const clockAheadField = "Lab-Clock-Ahead";

/** The most `Lab-Clock-Ahead` may ask for, in seconds (an hour, far beyond any token's life here). */
export const maxClockAheadSeconds = 3600;

/** The seconds a request's `Lab-Clock-Ahead` asks for: a whole number up to the maximum, else 0. */
export function clockAheadSeconds(headers: Headers): number {
  const value = headers.get(clockAheadField)?.trim() ?? "";
  if (!/^\d{1,5}$/.test(value)) return 0;
  return Math.min(Number(value), maxClockAheadSeconds);
}
