import type { Challenge } from "./auth-types.ts";
import { bearerAttributeProblem } from "./bearer-attribute-problem.ts";

export type BearerChallengeOptions = {
  realm?: string;
  /** Space-separated scope tokens the resource needs (RFC 6750 §3, RFC 6749 §3.3). */
  scope?: string;
  /** invalid_request, invalid_token or insufficient_scope (RFC 6750 §3.1), or an extension code. */
  error?: string;
  errorDescription?: string;
  errorUri?: string;
};

/**
 * Builds a Bearer challenge (RFC 6750 §3) with the attributes in the RFC's order: realm, scope,
 * error, error_description, error_uri. Throws a RangeError with a sentence when an attribute has
 * a character §3 does not allow. Format it with formatChallenge (values come out quoted, as in
 * the RFC's examples).
 */
export function bearerChallenge(options: BearerChallengeOptions = {}): Challenge {
  const params: Record<string, string> = {};
  const entries: Array<[string, string | undefined]> = [
    ["realm", options.realm],
    ["scope", options.scope],
    ["error", options.error],
    ["error_description", options.errorDescription],
    ["error_uri", options.errorUri],
  ];
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const problem = bearerAttributeProblem(name, value);
    if (problem !== undefined) throw new RangeError(problem);
    params[name] = value;
  }
  return { scheme: "Bearer", params };
}
