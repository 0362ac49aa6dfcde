import { digestAlgorithm } from "./digest-algorithm.ts";

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
