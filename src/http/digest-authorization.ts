import { digestChain, type DigestInput } from "./digest-chain.ts";
import { digestAlgorithm } from "./digest-algorithm.ts";
import { digestUserhash } from "./digest-userhash.ts";
import { encodeExtValue } from "./ext-value.ts";
import { formatCredentials } from "./format-credentials.ts";

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
