import type { Exchange } from "../http/index.ts";

/**
 * The exchange as the report shows it: a Basic or Bearer credential in Authorization is replaced
 * by its first four characters and its length, so a report pasted into a CI log or an issue does
 * not carry the password or the token (Basic is only base64, RFC 7617 §4; a bearer token is
 * usable by whoever holds it, RFC 6750 §5). Digest credentials are kept: they hold a hash bound to
 * one nonce and nonce count, not the password (RFC 7616 §3.4).
 */
export function redactCredentials(exchange: Exchange): Exchange {
  const headers = exchange.request.headers.map(([name, value]): [string, string] => {
    if (name.toLowerCase() !== "authorization" && name.toLowerCase() !== "proxy-authorization") return [name, value];
    const match = /^(basic|bearer)\s+(\S+)$/i.exec(value.trim());
    if (match === null) return [name, value];
    const [, scheme, credential] = match as unknown as [string, string, string];
    return [name, `${scheme} ${credential.slice(0, 4)}… (${credential.length} characters, hidden in this report)`];
  });
  return { ...exchange, request: { ...exchange.request, headers } };
}
