import { digestChain, type DigestInput } from "./digest-chain.ts";

/**
 * The Digest `response` value (RFC 7616 §3.4.1), lower-case hex, for MD5, SHA-256, SHA-512-256
 * and their -sess forms. Asynchronous so that callers need not change if hashing moves to
 * SubtleCrypto; rejects with a RangeError sentence on unusable input (see digestChain).
 */
export async function digestResponse(input: DigestInput): Promise<string> {
  return digestChain(input).response;
}
