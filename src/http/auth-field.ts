/**
 * Challenges and credentials (RFC 9110 §11): parsing WWW-Authenticate / Authorization values into
 * their public shape (over the one scanner, auth-scanner.ts) and formatting them back.
 */
import { type ScannedAuth, scanAuthField } from "./auth-scanner.ts";
import { isToken, isToken68, quoteString } from "./grammar.ts";
import type { Result } from "./problem.ts";

/**
 * A challenge of WWW-Authenticate / Proxy-Authenticate (RFC 9110 §11.3): the scheme as written,
 * parameter names lower-cased (they are case-insensitive, §11.2), quoted values unescaped, and a
 * token68 kept verbatim. A challenge has either parameters or a token68, never both.
 */
export type Challenge = { scheme: string; params: Record<string, string>; token68?: string };

/** Credentials of Authorization / Proxy-Authorization (RFC 9110 §11.4): the same shape. */
export type Credentials = Challenge;

/** Where and why a field value broke the grammar; `offset` is the 0-based index of the culprit. */
export type AuthParseError = { message: string; offset: number };

export type ParseChallengesResult = Result<{ challenges: Challenge[] }, AuthParseError>;

export type ParseCredentialsResult = Result<{ credentials: Credentials }, AuthParseError>;

/**
 * Parses a WWW-Authenticate or Proxy-Authenticate field value (RFC 9110 §11.6.1, §11.7.1): a
 * comma-separated list of challenges, `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (§11.3).
 * Empty list elements are ignored (§5.6.1.2); a parameter name repeated within one challenge is an
 * error (§11.2). Never throws; runs in time linear in the length of the value.
 */
export function parseChallenges(fieldValue: string): ParseChallengesResult {
  const scanned = scanAuthField(String(fieldValue), "challenges");
  if (!scanned.ok) return { ok: false, error: { message: scanned.error.message, offset: scanned.error.offset } };
  return { ok: true, challenges: scanned.items.map(toAuthValue) };
}

/**
 * Parses an Authorization or Proxy-Authorization field value (RFC 9110 §11.6.2, §11.7.2):
 * exactly one `credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (§11.4).
 * Never throws; runs in time linear in the length of the value.
 */
export function parseCredentials(fieldValue: string): ParseCredentialsResult {
  const scanned = scanAuthField(String(fieldValue), "credentials");
  if (!scanned.ok) return { ok: false, error: { message: scanned.error.message, offset: scanned.error.offset } };
  const [first] = scanned.items;
  // The scanner in credentials mode fails on an empty field, so there is exactly one item.
  return first === undefined
    ? {
        ok: false,
        error: { message: 'The field is empty: expected an authentication scheme such as "Basic".', offset: 0 },
      }
    : { ok: true, credentials: toAuthValue(first) };
}

/**
 * Parameters that a sender MUST generate as quoted-string even when the value is a token:
 * realm everywhere (RFC 9110 §11.5); Digest's realm, domain, nonce, opaque and qop in challenges
 * (RFC 7616 §3.3) and username, realm, nonce, uri, response, cnonce and opaque in credentials
 * (§3.4); Bearer's attributes, which RFC 6750 §3 writes as quoted strings throughout, and the
 * ones RFC 9728 §5.1 (resource_metadata) and RFC 9470 §3 (acr_values, max_age) add, quoted in
 * their examples; DPoP's, as in RFC 9449 §7.1; Basic's charset, as in RFC 7617 §2.1.
 */
const alwaysQuoted: Record<"challenge" | "credentials", Record<string, readonly string[]>> = {
  challenge: {
    "*": ["realm"],
    basic: ["realm", "charset"],
    bearer: ["realm", "scope", "error", "error_description", "error_uri", "resource_metadata", "acr_values", "max_age"],
    dpop: ["realm", "scope", "error", "error_description", "error_uri", "algs", "resource_metadata"],
    digest: ["realm", "domain", "nonce", "opaque", "qop"],
  },
  credentials: {
    "*": ["realm"],
    digest: ["username", "realm", "nonce", "uri", "response", "cnonce", "opaque"],
  },
};

/**
 * Formats a challenge (RFC 9110 §11.3) or credentials (§11.4): `scheme`, then either the token68
 * or `name=value` pairs joined by ", ". A value is written as a token when it is one and nothing
 * requires quotes, otherwise as a quoted-string. Names are written lower-cased. Throws a
 * RangeError with a sentence when the value cannot be written as a field at all (a scheme that
 * is not a token, token68 and parameters together, a duplicated name, a character outside
 * Latin-1 or a control character), so that what it returns always parses back to its input.
 */
export function formatAuthValue(value: Challenge, kind: "challenge" | "credentials"): string {
  const { scheme, params, token68 } = value;
  if (!isToken(scheme)) {
    throw new RangeError(
      `The scheme ${JSON.stringify(scheme)} is not a token (RFC 9110 §11.1): use letters, digits and !#$%&'*+-.^_\`|~ only.`,
    );
  }
  const names = Object.keys(params);
  if (token68 !== undefined) {
    if (names.length > 0) {
      throw new RangeError(
        `The ${kind} "${scheme}" has both a token68 value and parameters; it can have only one of them (RFC 9110 §11.3).`,
      );
    }
    if (!isToken68(token68)) {
      throw new RangeError(
        `The token68 value ${JSON.stringify(token68)} is not valid: it must be letters, digits and -._~+/ followed by optional "=" (RFC 9110 §11.2).`,
      );
    }
    return `${scheme} ${token68}`;
  }
  if (names.length === 0) return scheme;
  const table = alwaysQuoted[kind];
  const lowerScheme = scheme.toLowerCase();
  const quoted = new Set([
    ...(table["*"] ?? []),
    ...((Object.hasOwn(table, lowerScheme) ? table[lowerScheme] : undefined) ?? []),
  ]);
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!isToken(name)) {
      throw new RangeError(
        `The parameter name ${JSON.stringify(name)} is not a token (RFC 9110 §11.2): use letters, digits and !#$%&'*+-.^_\`|~ only.`,
      );
    }
    if (seen.has(lower))
      throw new RangeError(
        `The parameter "${lower}" appears twice; each name may occur only once per ${kind} (RFC 9110 §11.2).`,
      );
    seen.add(lower);
    const raw = params[name] ?? "";
    parts.push(`${lower}=${isToken(raw) && !quoted.has(lower) ? raw : quoteString(raw)}`);
  }
  return `${scheme} ${parts.join(", ")}`;
}

/**
 * Formats one challenge for WWW-Authenticate / Proxy-Authenticate (RFC 9110 §11.3, §11.6.1):
 * quotes only where the grammar or the scheme's RFC requires it, escapes `"` and `\`.
 * `parseChallenges(formatChallenge(c))` gives `[c]` back for every challenge it accepts (names
 * lower-case). Throws a RangeError with a sentence for a challenge that no field can carry.
 */
export function formatChallenge(challenge: Challenge): string {
  return formatAuthValue(challenge, "challenge");
}

/** Formats several challenges as one field value, joined by ", " (RFC 9110 §11.6.1, §5.6.1). */
export function formatChallenges(challenges: readonly Challenge[]): string {
  return challenges.map((challenge) => formatAuthValue(challenge, "challenge")).join(", ");
}

/**
 * Formats credentials for Authorization / Proxy-Authorization (RFC 9110 §11.4, §11.6.2), with the
 * quoting rules of the scheme (RFC 7616 §3.4 for Digest). Round-trips through parseCredentials.
 * Throws a RangeError with a sentence for credentials that no field can carry.
 */
export function formatCredentials(credentials: Credentials): string {
  return formatAuthValue(credentials, "credentials");
}

/**
 * Turns a scanned challenge or credentials into the public shape. Parameters are defined as own
 * properties, so a parameter named "__proto__" or "constructor" is data like any other.
 */
export function toAuthValue(item: ScannedAuth): Challenge {
  const params: Record<string, string> = {};
  for (const param of item.params) {
    Object.defineProperty(params, param.name, {
      value: param.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return item.token68 === undefined
    ? { scheme: item.scheme, params }
    : { scheme: item.scheme, params, token68: item.token68 };
}
