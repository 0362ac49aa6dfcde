import { bytesToBase64 } from "./base64.ts";
import { basicCredentialsProblem } from "./basic-credentials-problem.ts";

/**
 * Builds the Authorization value for Basic (RFC 7617 §2): "Basic " + base64(UTF-8(user ":"
 * password)). When the challenge says `charset="UTF-8"` (pass `{ charset }`), user-id and password
 * are first normalized to Unicode Normalization Form C, as RFC 7617 §2.1 requires with that
 * parameter, so a decomposed "josé" sends the same octets as the composed one. Without the
 * parameter the RFC leaves the encoding undefined (§2.1: only US-ASCII compatibility), so the text
 * is sent as typed, in UTF-8, with no normalization claimed.
 * Throws a RangeError with a sentence when the pair cannot be sent: a user-id with a colon (the
 * first colon separates it from the password, §2) or a control character in either (§2).
 */
export function encodeBasic(user: string, password: string, options: { charset?: string | undefined } = {}): string {
  const problem = basicCredentialsProblem(user, password);
  if (problem !== undefined) throw new RangeError(problem);
  const nfc = options.charset?.toLowerCase() === "utf-8";
  const pair = `${user}:${password}`;
  return `Basic ${bytesToBase64(new TextEncoder().encode(nfc ? pair.normalize("NFC") : pair))}`;
}
