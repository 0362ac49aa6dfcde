import type { Challenge } from "./auth-types.ts";

export type BasicChallengeOptions = {
  /** The protection space (RFC 7617 §2: REQUIRED; RFC 9110 §11.5). */
  realm: string;
  /** "UTF-8" (default) announces UTF-8 credentials; false leaves the parameter out (RFC 7617 §2.1). */
  charset?: "UTF-8" | false;
};

/**
 * Builds a Basic challenge (RFC 7617 §2): `Basic realm="...", charset="UTF-8"`. The only value
 * charset may have is "UTF-8" (§2.1). Format it with formatChallenge.
 */
export function basicChallenge(options: BasicChallengeOptions): Challenge {
  const params: Record<string, string> = { realm: options.realm };
  if (options.charset !== false) params["charset"] = "UTF-8";
  return { scheme: "Basic", params };
}
