import type { Challenge } from "./auth-types.ts";
import { formatAuthValue } from "./format-auth-value.ts";

/**
 * Formats one challenge for WWW-Authenticate / Proxy-Authenticate (RFC 9110 §11.3, §11.6.1):
 * quotes only where the grammar or the scheme's RFC requires it, escapes `"` and `\`.
 * `parseChallenges(formatChallenge(c))` gives `[c]` back for every challenge it accepts (names
 * lower-case). Throws a RangeError with a sentence for a challenge that no field can carry.
 */
export function formatChallenge(challenge: Challenge): string {
  return formatAuthValue(challenge, "challenge");
}
