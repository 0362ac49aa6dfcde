/** An access token the sandbox's Bearer endpoint knows; the sandbox page publishes them all. */
export type DemoToken = {
  /** The b64token sent as `Authorization: Bearer <token>` (RFC 6750 §2.1). */
  token: string;
  /** Space-separated scope tokens granted to it (RFC 6749 §3.3). */
  scope: string;
  /** When it stopped being valid (ISO 8601); absent for a token that never expires. */
  expiresAt?: string;
  /** What the reader gets with it, as a sentence for the page. */
  description: string;
};

/**
 * The published demo tokens of `api/bearer`. Reading (GET, HEAD) needs the scope "read", every
 * other method needs "write" (see bearer.ts), so each RFC 6750 §3.1 outcome is reachable:
 * `demo-read-write` → 200 for any method; `demo-read-only` → 200 for GET, 403 insufficient_scope
 * for POST; `demo-expired` → 401 invalid_token; any other token → 401 invalid_token.
 */
export const demoTokens: readonly DemoToken[] = [
  {
    token: "demo-read-write",
    scope: "read write",
    description: "Valid, with the scopes read and write: every method is allowed.",
  },
  {
    token: "demo-read-only",
    scope: "read",
    description: "Valid, with the scope read only: GET works, POST gets 403 insufficient_scope.",
  },
  {
    token: "demo-expired",
    scope: "read write",
    expiresAt: "2020-01-01T00:00:00Z",
    description: "Expired: every request gets 401 invalid_token.",
  },
];
