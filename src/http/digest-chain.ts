import { digestAlgorithm } from "./digest-algorithm.ts";

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
