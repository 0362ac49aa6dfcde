import { bytesToBase64url } from "./auth-field.ts";

/**
 * base64url(SHA-256(UTF-8 text)), without padding: a PKCE S256 code_challenge from its verifier
 * (RFC 7636 §4.2) and a DPoP proof's `ath` from its access token (RFC 9449 §4.2). Web Crypto, so it
 * needs a secure context in a browser.
 */
export async function sha256Base64url(text: string): Promise<string> {
  return bytesToBase64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
