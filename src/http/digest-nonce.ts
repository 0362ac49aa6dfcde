import { base64ToBytes, bytesToBase64url } from "./base64.ts";

/**
 * Stateless Digest nonces (RFC 7616 §3.3 leaves their form to the server; §5.4–§5.5 discuss
 * lifetime and replay): base64url( time (8 octets, ms, big-endian) || random (8) ||
 * HMAC-SHA-256(secret, "digest-nonce" || realm || time || random) ). Any instance that knows the
 * secret can check a nonce and read its age, so several instances agree without shared memory.
 */
export type DigestNonceKey = { key: Promise<CryptoKey>; realm: string };

const encoder = new TextEncoder();
const TIME_AND_RANDOM = 16;
const MAC = 32;

/** Imports the secret as an HMAC-SHA-256 key for one realm (Web Crypto). */
export function digestNonceKey(secret: Uint8Array | string, realm: string): DigestNonceKey {
  const raw = typeof secret === "string" ? encoder.encode(secret) : Uint8Array.from(secret);
  if (raw.length === 0) throw new RangeError("The Digest nonce secret is empty; give at least 32 random bytes.");
  const key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  return { key, realm };
}

function macInput(realm: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const label = encoder.encode(`digest-nonce\u0000${realm}\u0000`);
  const out = new Uint8Array(label.length + body.length);
  out.set(label);
  out.set(body, label.length);
  return out;
}

/** Issues a nonce stamped with `timeMs`. */
export async function issueDigestNonce(nonceKey: DigestNonceKey, timeMs: number): Promise<string> {
  const body = new Uint8Array(TIME_AND_RANDOM);
  const view = new DataView(body.buffer);
  const time = Math.max(0, Math.floor(timeMs));
  view.setUint32(0, Math.floor(time / 2 ** 32));
  view.setUint32(4, time % 2 ** 32);
  crypto.getRandomValues(body.subarray(8));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await nonceKey.key, macInput(nonceKey.realm, body)));
  const nonce = new Uint8Array(TIME_AND_RANDOM + MAC);
  nonce.set(body);
  nonce.set(mac, TIME_AND_RANDOM);
  return bytesToBase64url(nonce);
}

/** The time a nonce was issued at, if this key made it; undefined for a forged or mangled nonce. */
export async function digestNonceTime(nonceKey: DigestNonceKey, nonce: string): Promise<number | undefined> {
  const decoded = base64ToBytes(nonce, true);
  if (!decoded.ok || decoded.bytes.length !== TIME_AND_RANDOM + MAC) return undefined;
  const body = decoded.bytes.slice(0, TIME_AND_RANDOM);
  const mac = decoded.bytes.slice(TIME_AND_RANDOM);
  const valid = await crypto.subtle.verify("HMAC", await nonceKey.key, mac, macInput(nonceKey.realm, body));
  if (!valid) return undefined;
  const view = new DataView(body.buffer);
  return view.getUint32(0) * 2 ** 32 + view.getUint32(4);
}

/** A constant string per secret and realm for the `opaque` parameter (RFC 7616 §3.3). */
export async function digestOpaque(nonceKey: DigestNonceKey): Promise<string> {
  const input = encoder.encode(`digest-opaque\u0000${nonceKey.realm}`);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await nonceKey.key, input));
  return bytesToBase64url(mac.subarray(0, 24));
}
