import { bytesToBase64 } from "./base64.ts";
import { basicCredentialsProblem } from "./basic-credentials-problem.ts";

/**
 * Builds the Authorization value for Basic (RFC 7617 §2): "Basic " + base64(UTF-8(user ":"
 * password)), UTF-8 being the encoding that `charset="UTF-8"` announces (§2.1).
 * Throws a RangeError with a sentence when the pair cannot be sent: a user-id with a colon (the
 * first colon separates it from the password, §2) or a control character in either (§2).
 */
export function encodeBasic(user: string, password: string): string {
  const problem = basicCredentialsProblem(user, password);
  if (problem !== undefined) throw new RangeError(problem);
  return `Basic ${bytesToBase64(new TextEncoder().encode(`${user}:${password}`))}`;
}
