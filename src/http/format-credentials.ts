import type { Credentials } from "./auth-types.ts";
import { formatAuthValue } from "./format-auth-value.ts";

/**
 * Formats credentials for Authorization / Proxy-Authorization (RFC 9110 §11.4, §11.6.2), with the
 * quoting rules of the scheme (RFC 7616 §3.4 for Digest). Round-trips through parseCredentials.
 * Throws a RangeError with a sentence for credentials that no field can carry.
 */
export function formatCredentials(credentials: Credentials): string {
  return formatAuthValue(credentials, "credentials");
}
