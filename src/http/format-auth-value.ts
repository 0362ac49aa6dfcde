import type { Challenge } from "./auth-types.ts";
import { describeChar, isQuotableChar, isToken, isToken68 } from "./grammar.ts";

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

/** Formats a value as a quoted-string, escaping `"` and `\` with a quoted-pair (RFC 9110 §5.6.4). */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isQuotableChar(code)) {
      throw new RangeError(
        `The value ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} contains ${describeChar(value, i)}, which an HTTP field cannot carry (RFC 9110 §5.5, §5.6.4): only Latin-1 text without control characters other than tab can be sent.`,
      );
    }
    out += code === 0x22 || code === 0x5c ? `\\${value[i]}` : value[i];
  }
  return `${out}"`;
}

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
