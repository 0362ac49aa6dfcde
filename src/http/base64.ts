/**
 * Base64 (RFC 4648 §4) and base64url (§5) over bytes, with the Web-standard btoa/atob. Decoding is
 * strict: the alphabet, the padding and the length are checked first, so a reader learns which.
 */
import { isAlpha, isDigit } from "./grammar.ts";
import { failure, type Result } from "./problem.ts";

/** Encodes bytes as base64 with padding (RFC 4648 §4). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for long input (a 10 kB password).
  for (let i = 0; i < bytes.length; i += 0x4000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x4000));
  return btoa(binary);
}

/** Encodes bytes as base64url without padding (RFC 4648 §5). */
export function bytesToBase64url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export type Base64DecodeResult = Result<{ bytes: Uint8Array }>;

/** Decodes padded base64 (RFC 4648 §4), or unpadded base64url (§5) when `url` is set. */
export function base64ToBytes(text: string, url = false): Base64DecodeResult {
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    const code = text.charCodeAt(i);
    const alphabetic = isAlpha(code) || isDigit(code);
    const extra = url ? c === "-" || c === "_" : c === "+" || c === "/";
    if (c === "=" && !url) {
      padding++;
      continue;
    }
    if (padding > 0 || !(alphabetic || extra)) {
      const what = padding > 0 ? `"${c}" after the "=" padding` : JSON.stringify(c);
      return failure(
        `It is not valid ${url ? "base64url" : "base64"}: character ${i + 1} is ${what} (RFC 4648 §${url ? 5 : 4}).`,
      );
    }
  }
  if (!url && (text.length % 4 !== 0 || padding > 2)) {
    return failure(
      `It is not valid base64: its length with padding must be a multiple of 4, and it is ${text.length} (RFC 4648 §4).`,
    );
  }
  if (url && text.length % 4 === 1)
    return failure("It is not valid base64url: it has one character too many or too few (RFC 4648 §5).");
  const binary = atob(url ? text.replaceAll("-", "+").replaceAll("_", "/") : text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, bytes };
}
