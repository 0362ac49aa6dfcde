import { bytesToBase64url } from "./base64.ts";

/**
 * base64url(SHA-256(UTF-8 text)), without padding: a PKCE S256 code_challenge from its verifier
 * (RFC 7636 §4.2) and a DPoP proof's `ath` from its access token (RFC 9449 §4.2). Web Crypto, so it
 * needs a secure context in a browser.
 */
export async function sha256Base64url(text: string): Promise<string> {
  return bytesToBase64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/**
 * A PKCE pair (RFC 7636 §4.1, §4.2): a code_verifier of 32 random octets in base64url (43
 * characters, within the 43–128 of §4.1) and its S256 code_challenge.
 */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = bytesToBase64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await sha256Base64url(verifier) };
}
