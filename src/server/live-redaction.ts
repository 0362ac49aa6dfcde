/**
 * What the live view (live-view.ts) may show of an exchange: everything a reader needs to follow
 * the handshake, nothing that would let a viewer act as the client. An access token is usable by
 * whoever holds it (RFC 6750 §5.1.1), and so are codes, refresh tokens, passwords, cookies and
 * session IDs (MCP 2025-11-25, Security Best Practices: session hijacking), so:
 *   - Authorization and Proxy-Authorization keep their scheme only; Cookie, DPoP proofs and
 *     Mcp-Session-Id are replaced; Set-Cookie keeps the cookie's name;
 *   - URLs (the target, Location) go through the request log's allow-list (request-log.ts);
 *   - a form keeps the values of allow-listed names (grant_type, scope, resource, ...) only;
 *   - JSON keeps its shape, with the values of secret-looking members replaced;
 *   - in every text, any JWT (the sandbox's codes, tokens and client IDs are JWTs) and any
 *     credential of the request itself is replaced wherever it is echoed.
 */
import { loggedTarget, shownParameters } from "./request-log.ts";

export const redacted = "[redacted]";

/** Form fields whose values the live view shows: the log's allow-list and OAuth's public parameters. */
const shownFormFields: ReadonlySet<string> = new Set([
  ...shownParameters,
  "grant_type",
  "resource",
  "redirect_uri",
  "code_challenge",
  "acr_values",
  "max_age",
  "token_type_hint",
  "client_name",
]);

/**
 * JSON members whose values are secrets: tokens (access_token, refresh_token, id_token, any
 * `*_token`), client secrets, passwords, verifiers, assertions, session IDs. Names are matched
 * whole, so discovery's `token_endpoint` and `token_type` stay; an authorization code in JSON is a
 * JWT (scrubbed as one), and an MCP tool's `code` is a status code.
 */
const secretMember =
  /(^|_)token$|secret$|passw(or)?d|verifier$|assertion$|^otp$|^session_?id$|^private_key$|^(device|user)_code$|^jwt$/i;

/** Three base64url parts separated by dots, starting with an encoded "{": a JWS or JWE compact serialization. */
const jwtPattern = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;

/** `text` with every JWT and every one of `secrets` (8 characters or more) replaced. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text.replace(jwtPattern, "[redacted JWT]");
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(redacted);
  return out;
}

/** The credentials a request carries, to be cut out of whatever echoes them. */
export function secretsOf(headers: ReadonlyArray<readonly [string, string]>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === "authorization" || lower === "proxy-authorization") {
      const credential = value.trim().replace(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s+/, "");
      secrets.push(credential);
      // Basic carries base64 of user:password (RFC 7617 §2): the password is in there too.
      if (/^basic\s/i.test(value.trim())) {
        const decoded = Buffer.from(credential, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon >= 0) secrets.push(decoded.slice(colon + 1));
      }
    }
    if (lower === "cookie") for (const pair of value.split(";")) secrets.push(pair.split("=").slice(1).join("="));
    if (lower === "dpop" || lower === "mcp-session-id") secrets.push(value.trim());
  }
  return secrets.filter((secret) => secret !== "");
}

/** One header field's value as the live view shows it. */
export function redactField(name: string, value: string, secrets: readonly string[]): string {
  const lower = name.toLowerCase();
  if (lower === "authorization" || lower === "proxy-authorization") {
    const scheme = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/.exec(value)?.[1];
    return scheme === undefined ? redacted : `${scheme} ${redacted}`;
  }
  if (lower === "cookie" || lower === "dpop" || lower === "mcp-session-id") return redacted;
  if (lower === "set-cookie") return `${value.split("=")[0]?.trim().slice(0, 64) ?? ""}=${redacted}`;
  if (lower === "location" || lower === "content-location" || lower === "referer")
    return scrubText(loggedTarget(value), secrets);
  return scrubText(value, secrets);
}

/** A JSON value with the values of secret-looking members replaced, its shape kept. */
function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) out[key] = secretMember.test(key) ? redacted : redactJson(member);
  return out;
}

/** A message body as the live view shows it, by its media type. */
export function redactBody(body: string, contentType: string | null, secrets: readonly string[]): string {
  if (body === "") return body;
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/x-www-form-urlencoded") {
    const pairs = [...new URLSearchParams(body)].map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${shownFormFields.has(name) ? encodeURIComponent(value) : redacted}`,
    );
    return scrubText(pairs.join("&"), secrets);
  }
  if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    try {
      return scrubText(JSON.stringify(redactJson(JSON.parse(body))), secrets);
    } catch {
      return scrubText(body, secrets);
    }
  }
  return scrubText(body, secrets);
}
