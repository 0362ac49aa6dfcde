import { failure, type Result } from "./problem.ts";
import { describeChar, isToken68Char, trimWhitespace } from "./grammar.ts";

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
