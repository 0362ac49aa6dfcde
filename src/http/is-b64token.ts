import { isToken68 } from "./grammar.ts";

/**
 * Whether a string is a b64token (RFC 6750 §2.1):
 * `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`, the same set as token68.
 */
export function isB64token(token: string): boolean {
  return isToken68(token);
}
