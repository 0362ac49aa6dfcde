import type { ParseChallengesResult } from "./auth-types.ts";
import { scanAuthField } from "./scan-auth-field.ts";
import { toAuthValue } from "./to-auth-value.ts";

/**
 * Parses a WWW-Authenticate or Proxy-Authenticate field value (RFC 9110 §11.6.1, §11.7.1): a
 * comma-separated list of challenges, `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (§11.3).
 * Empty list elements are ignored (§5.6.1.2); a parameter name repeated within one challenge is an
 * error (§11.2). Never throws; runs in time linear in the length of the value.
 */
export function parseChallenges(fieldValue: string): ParseChallengesResult {
  const scanned = scanAuthField(String(fieldValue), "challenges");
  if (!scanned.ok) return { ok: false, error: { message: scanned.error.message, offset: scanned.error.offset } };
  return { ok: true, challenges: scanned.items.map(toAuthValue) };
}
