import { createECDH, createHmac } from "node:crypto";

export type OAuthSigningKey = { publicKey: CryptoKey; privateKey: CryptoKey };

const label = "HTTP Status Lab OAuth sandbox ES256 access token key v1";

/**
 * The OAuth scenario's ES256 key pair for access tokens (RFC 9068 §2.1, published at jwks_uri),
 * derived from the server's secret (server-secret.ts): every server with the same
 * secret signs and verifies with the same key, so a token issued by one is accepted by another
 * behind the same name, and survives a restart. The private scalar is HMAC-SHA-256(secret, label ||
 * counter), the first one in [1, n-1] (the curve order; one in 2^32 is not); the public point is
 * computed from it by OpenSSL. The key is no stronger than the secret, which is why the secret
 * needs 32 random bytes.
 */
export async function deriveOAuthSigningKey(secret: string | Uint8Array): Promise<OAuthSigningKey> {
  for (let counter = 0; counter < 16; counter++) {
    const d = createHmac("sha256", secret).update(`${label}\u0000${counter}`).digest();
    const curve = createECDH("prime256v1");
    try {
      curve.setPrivateKey(d);
    } catch {
      continue;
    }
    const point = curve.getPublicKey();
    const jwk = {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    };
    const algorithm = { name: "ECDSA", namedCurve: "P-256" };
    const privateKey = await crypto.subtle.importKey("jwk", { ...jwk, d: d.toString("base64url") }, algorithm, false, [
      "sign",
    ]);
    const publicKey = await crypto.subtle.importKey("jwk", jwk, algorithm, true, ["verify"]);
    return { publicKey, privateKey };
  }
  throw new RangeError("No P-256 key could be derived from this secret.");
}
