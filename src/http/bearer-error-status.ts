/**
 * The status code RFC 6750 §3.1 gives each Bearer error code: invalid_request → 400,
 * invalid_token → 401, insufficient_scope → 403; and RFC 9470 §3's insufficient_user_authentication
 * → 401 (registered in the OAuth Extensions Error registry, §8.1). Undefined for any other code.
 * The match is exact: error codes are case-sensitive.
 */
export function bearerErrorStatus(error: string): 400 | 401 | 403 | undefined {
  if (error === "invalid_request") return 400;
  if (error === "invalid_token") return 401;
  if (error === "insufficient_scope") return 403;
  if (error === "insufficient_user_authentication") return 401;
  return undefined;
}
