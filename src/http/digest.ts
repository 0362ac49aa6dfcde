/** Digest authentication, the client side (RFC 7616): algorithms, the HA1/HA2/response chain, credentials. */
import { md5 } from "@noble/hashes/legacy.js";
import { sha256, sha512_256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { encodeExtValue } from "./ext-value.ts";
import { formatCredentials } from "./auth-field.ts";

/** What a Digest response is computed from (RFC 7616 §3.4). */
export type DigestInput = {
  /** MD5, SHA-256, SHA-512-256 or a -sess form, any case; "" means MD5 (RFC 7616 §3.3). */
  algorithm: string;
  /** The user's name as typed (even when userhash is used: A1 hashes the name, §3.4.4). */
  username: string;
  password: string;
  realm: string;
  method: string;
  /** The request-target, as sent in the uri parameter (§3.4.6). */
  uri: string;
  nonce: string;
  /** 8 hex digits, the nonce count (§3.4); required with qop. */
  nc?: string;
  cnonce?: string;
  /** "auth", "auth-int", or absent for the RFC 2069 form without qop (RFC 7616 §3.4.1 allows none). */
  qop?: string;
  /** Only changes the username parameter, not the response (§3.4.4). */
  userhash?: boolean;
  /**
   * The body whose hash A2 carries with qop=auth-int (§3.4.3): its octets as sent; a string stands
   * for its UTF-8 octets. "" when absent.
   */
  entityBody?: string | Uint8Array;
};

/** Every intermediate string of a Digest response, for showing the computation step by step. */
export type DigestChain = {
  ha1Input: string;
  ha1: string;
  ha2Input: string;
  ha2: string;
  responseInput: string;
  response: string;
};

/**
 * Computes a Digest response and its intermediate values (RFC 7616 §3.4.1–§3.4.3):
 *
 *     A1       = unq(username) ":" unq(realm) ":" passwd
 *              (-sess: H(unq(username) ":" unq(realm) ":" passwd) ":" unq(nonce) ":" unq(cnonce))
 *     A2       = Method ":" request-uri            (qop=auth-int: ... ":" H(entity-body))
 *     response = H( H(A1) ":" unq(nonce) ":" nc ":" unq(cnonce) ":" unq(qop) ":" H(A2) )
 *
 * Without qop the RFC 2069 form `H( H(A1) ":" unq(nonce) ":" H(A2) )` is used (as RFC 2617
 * §3.2.2.1 kept it); servers built here always offer qop. Strings are hashed as UTF-8.
 * Throws a RangeError with a sentence for an unknown algorithm or qop, or a missing nc/cnonce.
 */
export function digestChain(input: DigestInput): DigestChain {
  const algorithm = digestAlgorithm(input.algorithm);
  if (algorithm === undefined) {
    throw new RangeError(
      `The Digest algorithm "${input.algorithm}" is not one of MD5, SHA-256, SHA-512-256 or their -sess forms (RFC 7616 §3.3).`,
    );
  }
  const H = algorithm.hash;
  const qop = input.qop ?? "";
  if (qop !== "" && qop !== "auth" && qop !== "auth-int") {
    throw new RangeError(`The qop value "${qop}" is neither "auth" nor "auth-int" (RFC 7616 §3.3).`);
  }
  const needsCnonce = qop !== "" || algorithm.session;
  if (needsCnonce && (input.cnonce === undefined || input.cnonce === "")) {
    throw new RangeError(`A cnonce is required with ${qop !== "" ? `qop=${qop}` : algorithm.name} (RFC 7616 §3.4).`);
  }
  const cnonce = input.cnonce ?? "";
  if (qop !== "" && (input.nc === undefined || !/^[0-9a-fA-F]{8}$/.test(input.nc))) {
    throw new RangeError(`The nonce count must be 8 hex digits, such as 00000001, with qop=${qop} (RFC 7616 §3.4).`);
  }
  const credentials = `${input.username}:${input.realm}:${input.password}`;
  const ha1Input = algorithm.session ? `${H(credentials)}:${input.nonce}:${cnonce}` : credentials;
  const ha1 = H(ha1Input);
  const ha2Input =
    qop === "auth-int" ? `${input.method}:${input.uri}:${H(input.entityBody ?? "")}` : `${input.method}:${input.uri}`;
  const ha2 = H(ha2Input);
  const responseInput =
    qop === "" ? `${ha1}:${input.nonce}:${ha2}` : `${ha1}:${input.nonce}:${input.nc ?? ""}:${cnonce}:${qop}:${ha2}`;
  return { ha1Input, ha1, ha2Input, ha2, responseInput, response: H(responseInput) };
}

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

/**
 * The Digest `response` value (RFC 7616 §3.4.1), lower-case hex, for MD5, SHA-256, SHA-512-256
 * and their -sess forms. Asynchronous so that callers need not change if hashing moves to
 * SubtleCrypto; rejects with a RangeError sentence on unusable input (see digestChain).
 */
export async function digestResponse(input: DigestInput): Promise<string> {
  return digestChain(input).response;
}

/**
 * The hashed user name sent in place of the name when userhash=true (RFC 7616 §3.4.4):
 * H(unq(username) ":" unq(realm)), with the algorithm's hash (the -sess forms use their base
 * hash). Throws a RangeError for an unknown algorithm.
 */
export function digestUserhash(username: string, realm: string, algorithm: string): string {
  const found = digestAlgorithm(algorithm);
  if (found === undefined)
    throw new RangeError(
      `The Digest algorithm "${algorithm}" is not one of MD5, SHA-256, SHA-512-256 or their -sess forms (RFC 7616 §3.3).`,
    );
  return found.hash(`${username}:${realm}`);
}

/**
 * Builds the whole Authorization value a Digest client sends (RFC 7616 §3.4): username (or its
 * userhash, §3.4.4, or `username*` as an RFC 8187 ext-value when the name is not plain ASCII),
 * realm, uri, algorithm, nonce, nc, cnonce, qop, response, opaque and userhash, quoted as §3.4
 * requires.
 */
export async function digestAuthorization(input: DigestInput & { opaque?: string }): Promise<string> {
  const { response } = digestChain(input);
  const algorithm = digestAlgorithm(input.algorithm)?.name ?? input.algorithm;
  const params: Record<string, string> = {};
  let plainAscii = true;
  for (let i = 0; i < input.username.length; i++) {
    const code = input.username.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) plainAscii = false;
  }
  if (input.userhash === true) params["username"] = digestUserhash(input.username, input.realm, algorithm);
  else if (plainAscii) params["username"] = input.username;
  else params["username*"] = encodeExtValue(input.username);
  params["realm"] = input.realm;
  params["uri"] = input.uri;
  params["algorithm"] = algorithm;
  params["nonce"] = input.nonce;
  if (input.qop !== undefined && input.qop !== "") {
    params["nc"] = input.nc ?? "";
    params["cnonce"] = input.cnonce ?? "";
    params["qop"] = input.qop;
  } else if (input.cnonce !== undefined && input.cnonce !== "") {
    params["cnonce"] = input.cnonce;
  }
  params["response"] = response;
  if (input.opaque !== undefined) params["opaque"] = input.opaque;
  if (input.userhash === true) params["userhash"] = "true";
  return formatCredentials({ scheme: "Digest", params });
}
