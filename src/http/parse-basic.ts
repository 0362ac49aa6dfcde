import { failure, type Result } from "./problem.ts";
import { base64ToBytes } from "./base64.ts";
import { describeChar } from "./grammar.ts";
import { parseCredentials } from "./parse-credentials.ts";

export type ParseBasicResult = Result<{ user: string; password: string }>;

/**
 * Reads Basic credentials from an Authorization value (RFC 7617 §2): the scheme "Basic"
 * (case-insensitive, RFC 9110 §11.1), one token68 that is base64 (RFC 4648 §4) of UTF-8 text
 * (§2.1; invalid UTF-8 is refused, not replaced), split at the first colon into user-id and
 * password, neither containing a control character. Each refusal says what is wrong.
 */
export function parseBasic(authorizationValue: string): ParseBasicResult {
  const fail = (message: string): ParseBasicResult => failure(message);
  const parsed = parseCredentials(authorizationValue);
  if (!parsed.ok) return fail(`The Authorization value is not valid credentials: ${parsed.error.message}`);
  const { scheme, token68 } = parsed.credentials;
  if (scheme.toLowerCase() !== "basic") return fail(`The credentials use the scheme "${scheme}", not "Basic".`);
  if (token68 === undefined) {
    return fail(
      'Basic credentials are one base64 value after "Basic " (RFC 7617 §2), but these have name=value parameters or nothing.',
    );
  }
  const decoded = base64ToBytes(token68);
  if (!decoded.ok) return fail(`The Basic credentials cannot be decoded. ${decoded.error.message}`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(decoded.bytes);
  } catch {
    return fail(
      'The decoded Basic credentials are not valid UTF-8, the encoding that charset="UTF-8" announces (RFC 7617 §2.1).',
    );
  }
  const colon = text.indexOf(":");
  if (colon < 0) return fail('The decoded Basic credentials have no ":" between user-id and password (RFC 7617 §2).');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) {
      const where = i < colon ? "user-id" : "password";
      return fail(
        `The ${where} contains ${describeChar(text, i)}; Basic does not allow control characters (RFC 7617 §2).`,
      );
    }
  }
  return { ok: true, user: text.slice(0, colon), password: text.slice(colon + 1) };
}
