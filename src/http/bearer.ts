/** Bearer tokens (RFC 6750): the b64token alphabet, challenges, error codes and their statuses. */
import { type Challenge } from "./auth-field.ts";
import { describeChar, isToken68, isToken68Char, trimWhitespace } from "./grammar.ts";
import { failure, type Result } from "./problem.ts";

export type ParseBearerResult = Result<{ token: string }>;

/**
 * Reads a bearer token from an Authorization value (RFC 6750 §2.1):
 * `credentials = "Bearer" 1*SP b64token`. The scheme is matched case-insensitively (RFC 9110
 * §11.1); the token is returned exactly as sent.
 */
export function parseBearer(authorizationValue: string): ParseBearerResult {
  const fail = (message: string): ParseBearerResult => failure(message);
  const value = trimWhitespace(String(authorizationValue));
  const space = value.indexOf(" ");
  const scheme = space < 0 ? value : value.slice(0, space);
  if (scheme.toLowerCase() !== "bearer") {
    return fail(
      scheme === ""
        ? 'The Authorization value is empty; expected "Bearer" and a token.'
        : `The credentials use the scheme "${scheme}", not "Bearer".`,
    );
  }
  let start = space < 0 ? value.length : space;
  while (value.charCodeAt(start) === 0x20) start++;
  const token = value.slice(start);
  if (token === "") return fail('There is no token after "Bearer" (RFC 6750 §2.1).');
  let i = 0;
  while (i < token.length && isToken68Char(token.charCodeAt(i))) i++;
  if (i === 0)
    return fail(
      `The token starts with ${describeChar(token, 0)}; a b64token starts with a letter, digit or one of -._~+/ (RFC 6750 §2.1).`,
    );
  while (i < token.length && token.charCodeAt(i) === 0x3d) i++;
  if (i < token.length) {
    return fail(
      `The token has ${describeChar(token, i)} at character ${i + 1}; a b64token is letters, digits and -._~+/ with "=" only at the end (RFC 6750 §2.1).`,
    );
  }
  return { ok: true, token };
}

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

/** %x20-21 / %x23-5B / %x5D-7E: printable ASCII without `"` and `\` (RFC 6750 §3). */
function isNqschar(code: number): boolean {
  return code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c;
}

/**
 * Says why a Bearer challenge attribute breaks RFC 6750 §3, or returns undefined:
 * error and error_description use %x20-21 / %x23-5B / %x5D-7E; error_uri the same without space;
 * scope is scope-tokens of %x21 / %x23-5B / %x5D-7E separated by single spaces (RFC 6749 §3.3).
 */
export function bearerAttributeProblem(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower !== "error" && lower !== "error_description" && lower !== "error_uri" && lower !== "scope")
    return undefined;
  if (value.length === 0) return `The Bearer attribute ${lower} is empty; leave it out instead (RFC 6750 §3).`;
  const allowsSpace = lower !== "error_uri";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isNqschar(code) || (!allowsSpace && code === 0x20)) {
      const allowed = allowsSpace ? 'printable ASCII except " and \\' : 'printable ASCII except space, " and \\';
      return `The Bearer attribute ${lower} contains ${describeChar(value, i)} at character ${i + 1}; it may only contain ${allowed} (RFC 6750 §3).`;
    }
    const spaceAtEdge = code === 0x20 && (i === 0 || i === value.length - 1 || value.charCodeAt(i - 1) === 0x20);
    if (lower === "scope" && spaceAtEdge) {
      return `The Bearer scope has a space at character ${i + 1} that does not separate two scope tokens; separate tokens with one space (RFC 6750 §3, RFC 6749 §3.3).`;
    }
  }
  return undefined;
}

/**
 * Whether a string is a b64token (RFC 6750 §2.1):
 * `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`, the same set as token68.
 */
export function isB64token(token: string): boolean {
  return isToken68(token);
}
