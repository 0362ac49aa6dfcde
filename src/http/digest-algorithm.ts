import { md5 } from "@noble/hashes/legacy.js";
import { sha256, sha512_256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** A Digest algorithm (RFC 7616 §3.3, §6.1): its registered name, hash and whether it is a -sess form. */
export type DigestAlgorithm = {
  name: "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess" | "SHA-512-256" | "SHA-512-256-sess";
  /** H(data) (RFC 7616 §3.4): lower-case hex of the hash of data's octets (a string as UTF-8). */
  hash: (data: string | Uint8Array) => string;
  session: boolean;
};

const encoder = new TextEncoder();
const octets = (data: string | Uint8Array) => (typeof data === "string" ? encoder.encode(data) : data);
const hashes = {
  MD5: (data: string | Uint8Array) => bytesToHex(md5(octets(data))),
  "SHA-256": (data: string | Uint8Array) => bytesToHex(sha256(octets(data))),
  "SHA-512-256": (data: string | Uint8Array) => bytesToHex(sha512_256(octets(data))),
};

/**
 * Looks up a Digest algorithm by name, case-insensitively (RFC 7616 §3.3); an empty name is MD5,
 * the meaning of a challenge without `algorithm`. SHA-512-256 is SHA-512/256 of FIPS 180-4 (its
 * own initial values), not a truncated SHA-512 (RFC 7616 erratum 4897). Undefined if unknown.
 */
export function digestAlgorithm(name: string): DigestAlgorithm | undefined {
  const upper = (name === "" ? "MD5" : name).toUpperCase();
  const session = upper.endsWith("-SESS");
  const base = session ? upper.slice(0, -5) : upper;
  if (base !== "MD5" && base !== "SHA-256" && base !== "SHA-512-256") return undefined;
  const canonical: DigestAlgorithm["name"] = session ? `${base}-sess` : base;
  return { name: canonical, hash: hashes[base], session };
}
