/** Basic authentication (RFC 7617): credentials, challenges and what is wrong with them. */
import { base64ToBytes, bytesToBase64 } from "./base64.ts";
import { type Challenge, parseCredentials } from "./auth-field.ts";
import { describeChar } from "./grammar.ts";
import { failure, type Result } from "./problem.ts";

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

/**
 * Says why a user-id and password cannot be sent with Basic (RFC 7617 §2), or returns undefined:
 * the user-id must not contain a colon, and neither may contain a control character (CTL,
 * RFC 5234 B.1: U+0000–U+001F and U+007F). UIs can call it before encodeBasic to explain.
 */
export function basicCredentialsProblem(user: string, password: string): string | undefined {
  const colon = user.indexOf(":");
  if (colon >= 0) {
    return `The user-id contains a colon (character ${colon + 1}); Basic cannot send it, because the first colon separates the user-id from the password (RFC 7617 §2). Choose a user-id without ":".`;
  }
  for (const [label, text] of [
    ["user-id", user],
    ["password", password],
  ] as const) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code <= 0x1f || code === 0x7f) {
        return `The ${label} contains ${describeChar(text, i)} at character ${i + 1}; Basic does not allow control characters in the user-id or password (RFC 7617 §2). Remove it.`;
      }
    }
  }
  return undefined;
}
