import type { Challenge } from "./auth-types.ts";
import { formatAuthValue } from "./format-auth-value.ts";

/** Formats several challenges as one field value, joined by ", " (RFC 9110 §11.6.1, §5.6.1). */
export function formatChallenges(challenges: readonly Challenge[]): string {
  return challenges.map((challenge) => formatAuthValue(challenge, "challenge")).join(", ");
}
