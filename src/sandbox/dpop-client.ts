import { sha256Base64url } from "../http/index.ts";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/**
 * A client's side of DPoP (RFC 9449): a key pair of its own and a proof JWT per request. It is
 * imported on first use (lesson-run.ts), so a page pays for jose only when a step asks for DPoP.
 * jose signs; nothing cryptographic is written here.
 */
export type DpopKey = { privateKey: CryptoKey; jwk: JWK };

/** A new ES256 key pair; the public half travels in every proof's header (RFC 9449 §4.2). */
export async function newDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  return { privateKey, jwk: await exportJWK(publicKey) };
}

/**
 * The DPoP proof for one request (RFC 9449 §4.2): header typ `dpop+jwt`, alg ES256 and the public
 * jwk; claims jti (fresh), htm (the method), htu (the URL without query and fragment), iat (now),
 * the server's nonce when one is given (§8, §9), and ath, the base64url SHA-256 of the access token,
 * when the proof goes with one to a resource (§7.1).
 */
export async function dpopProof(
  key: DpopKey,
  request: { method: string; url: string; nonce?: string | undefined; accessToken?: string | undefined },
): Promise<string> {
  const url = new URL(request.url);
  const claims: Record<string, unknown> = {
    htm: request.method,
    htu: `${url.origin}${url.pathname}`,
  };
  if (request.nonce !== undefined) claims["nonce"] = request.nonce;
  if (request.accessToken !== undefined) claims["ath"] = await sha256Base64url(request.accessToken);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: key.jwk })
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .sign(key.privateKey);
}
