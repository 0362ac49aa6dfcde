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

/** The OAuth secrets an exchange can carry in a form or JSON body (RFC 6749 §2.3.1, §4.1.3, §5.1, §6; RFC 7636 §4.5; RFC 7591 §3.2.1) and the login form's password. */
const secretNames = ["client_secret", "code_verifier", "refresh_token", "access_token", "id_token", "password", "otp"];

const hidden = (value: string) => `${value.slice(0, 4)}… (${value.length} characters, hidden in this report)`;

/** A form body with its secret values hidden; any other body as it is. */
function redactForm(body: string): string {
  if (!/^[^{<\s][^\s]*=/.test(body)) return body;
  const params = new URLSearchParams(body);
  let changed = false;
  for (const name of secretNames) {
    const value = params.get(name);
    if (value === null) continue;
    params.set(name, hidden(value));
    changed = true;
  }
  return changed ? params.toString() : body;
}

/** A JSON body's secret string members (at its top level) hidden; any other body as it is. */
function redactJson(body: string): string {
  return body.replace(
    new RegExp(`("(?:${secretNames.join("|")})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`, "g"),
    (_all, start: string, value: string, end: string) => `${start}${hidden(value)}${end}`,
  );
}

/**
 * The exchange of an OAuth client run as the report shows it: the Authorization field as
 * `redactCredentials` hides it, a DPoP proof shortened, and the secrets of form and JSON bodies
 * (client_secret, code_verifier, tokens, the login's password) hidden in the request and the response.
 */
export function redactOAuthExchange(exchange: Exchange): Exchange {
  const redacted = redactCredentials(exchange);
  const headers = redacted.request.headers.map(([name, value]): [string, string] =>
    name.toLowerCase() === "dpop" ? [name, hidden(value)] : [name, value],
  );
  const request = { ...redacted.request, headers };
  if (request.body !== undefined) request.body = redactJson(redactForm(request.body));
  return { ...redacted, request, response: { ...redacted.response, body: redactJson(redacted.response.body) } };
}
