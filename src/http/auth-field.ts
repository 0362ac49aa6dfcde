/**
 * The auth-field grammar (RFC 9110 §11): the token and token68 alphabets, one linear scanner for
 * WWW-Authenticate / Authorization values, parsing and formatting challenges and credentials,
 * RFC 8187 ext-values and the base64 encodings that token68 values carry.
 */
import { failure, type Result } from "./problem.ts";

/** One parameter as it was written, with what the lints need beyond the public result. */
export type ScannedParam = { name: string; value: string; quoted: boolean; offset: number };

/** One challenge or set of credentials as it was written. */
export type ScannedAuth = { scheme: string; offset: number; token68?: string; params: ScannedParam[] };

/** Which rule the field broke; the lints report some of them under their own id. */
export type AuthSyntaxErrorKind = "syntax" | "duplicate-parameter" | "token68-with-parameters" | "not-latin1" | "empty";

export type AuthSyntaxError = { message: string; offset: number; kind: AuthSyntaxErrorKind };

export type ScanResult = Result<{ items: ScannedAuth[] }, AuthSyntaxError>;

/** Thrown inside the scanner to unwind to scanAuthField, which turns it into a result. */
class ScanFailure extends Error {
  readonly error: AuthSyntaxError;
  constructor(error: AuthSyntaxError) {
    super(error.message);
    this.error = error;
  }
}

const at = (offset: number) => `at character ${offset + 1}`;

/**
 * Scans a WWW-Authenticate / Proxy-Authenticate value (`#challenge`, RFC 9110 §11.6.1, §11.7.1)
 * or an Authorization / Proxy-Authorization value (`credentials`, §11.6.2, §11.7.2):
 *
 *     challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *     auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * Hand-written and single pass (each character is looked at a bounded number of times), so the
 * time is linear in the length of the value whatever it contains. In a list, a token that is not
 * followed by BWS "=" starts the next challenge; empty list elements are skipped (§5.6.1.2).
 */
export function scanAuthField(field: string, mode: "challenges" | "credentials"): ScanResult {
  try {
    return { ok: true, items: scan(field, mode) };
  } catch (failure) {
    if (failure instanceof ScanFailure) return { ok: false, error: failure.error };
    throw failure;
  }
}

function scan(field: string, mode: "challenges" | "credentials"): ScannedAuth[] {
  const n = field.length;
  const fail = (offset: number, message: string, kind: AuthSyntaxErrorKind = "syntax"): never => {
    throw new ScanFailure({ message, offset, kind });
  };
  const found = (offset: number) => describeChar(field, offset);
  const skipWhitespace = (from: number) => {
    let k = from;
    while (k < n && isWhitespace(field.charCodeAt(k))) k++;
    return k;
  };
  const scanToken = (from: number) => {
    let k = from;
    while (k < n && isTchar(field.charCodeAt(k))) k++;
    return k;
  };

  for (let k = 0; k < n; k++) {
    if (field.charCodeAt(k) > 0xff) {
      fail(
        k,
        `The character ${found(k)} ${at(k)} cannot be sent in an HTTP field: field values are Latin-1 octets (RFC 9110 §5.5). Encode it, for example with percent-encoding.`,
        "not-latin1",
      );
    }
  }

  /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4), unescaped. */
  const scanQuoted = (open: number): { value: string; end: number } => {
    let value = "";
    let runStart = open + 1;
    let k = open + 1;
    while (k < n) {
      const code = field.charCodeAt(k);
      if (code === 0x22) return { value: value + field.slice(runStart, k), end: k + 1 };
      if (code === 0x5c) {
        value += field.slice(runStart, k);
        if (k + 1 >= n) break;
        if (!isQuotableChar(field.charCodeAt(k + 1))) {
          fail(
            k + 1,
            `The backslash ${at(k)} escapes ${found(k + 1)} ${at(k + 1)}, which a quoted string cannot carry (RFC 9110 §5.6.4).`,
          );
        }
        value += field[k + 1];
        k += 2;
        runStart = k;
        continue;
      }
      if (!isQuotableChar(code)) {
        fail(
          k,
          `The quoted string that starts ${at(open)} contains ${found(k)} ${at(k)}, which is not allowed inside quotes (RFC 9110 §5.6.4).`,
        );
      }
      k++;
    }
    return fail(
      n,
      `Expected a closing '"' ${at(n)} for the quoted string that starts ${at(open)}, found the end of the field.`,
    );
  };

  /**
   * Parses `#auth-param` from `from` into `item`. Returns where the caller continues: the end of
   * the field, or the start of a token that begins the next challenge.
   */
  const scanParams = (item: ScannedAuth, from: number, firstRequired: boolean): number => {
    let k = from;
    let required = firstRequired;
    const seen = new Set<string>();
    while (k < n) {
      if (field.charCodeAt(k) === 0x2c) {
        k = skipWhitespace(k + 1);
        required = false;
        continue;
      }
      const nameStart = k;
      const nameEnd = scanToken(k);
      if (nameEnd === nameStart) {
        const what =
          required || mode === "credentials" ? "a parameter name" : "a parameter name or the next challenge's scheme";
        fail(k, `Expected ${what} ${at(k)}, found ${found(k)}.`);
      }
      const name = field.slice(nameStart, nameEnd);
      const equals = skipWhitespace(nameEnd);
      if (field.charCodeAt(equals) !== 0x3d) {
        if (required)
          fail(equals, `Expected "=" after the parameter name "${name}" ${at(equals)}, found ${found(equals)}.`);
        if (mode === "credentials") {
          fail(
            equals,
            `Expected "=" after the parameter name "${name}" ${at(equals)}, found ${found(equals)}. Credentials hold a single scheme, so "${name}" cannot start another (RFC 9110 §11.4).`,
          );
        }
        return nameStart;
      }
      const valueStart = skipWhitespace(equals + 1);
      let value: string;
      let quoted = false;
      let valueEnd: number;
      if (field.charCodeAt(valueStart) === 0x22) {
        const q = scanQuoted(valueStart);
        value = q.value;
        valueEnd = q.end;
        quoted = true;
      } else {
        valueEnd = scanToken(valueStart);
        if (valueEnd === valueStart) {
          fail(
            valueStart,
            `Expected a token or a quoted string as the value of the parameter "${name}" ${at(valueStart)}, found ${found(valueStart)}.`,
          );
        }
        value = field.slice(valueStart, valueEnd);
      }
      const lower = name.toLowerCase();
      if (seen.has(lower)) {
        fail(
          nameStart,
          `The parameter "${lower}" ${at(nameStart)} appears a second time in the "${item.scheme}" ${mode === "credentials" ? "credentials" : "challenge"}; each parameter name may occur only once (RFC 9110 §11.2).`,
          "duplicate-parameter",
        );
      }
      seen.add(lower);
      item.params.push({ name: lower, value, quoted, offset: nameStart });
      k = skipWhitespace(valueEnd);
      if (k < n && field.charCodeAt(k) !== 0x2c) {
        fail(
          k,
          `Expected "," or the end of the field after the value of the parameter "${lower}" ${at(k)}, found ${found(k)}.`,
        );
      }
      required = false;
    }
    return k;
  };

  /** After `scheme 1*SP`: token68 or the first auth-param. Returns where the list goes on. */
  const scanContent = (item: ScannedAuth, from: number): number => {
    const nameEnd = scanToken(from);
    const equals = skipWhitespace(nameEnd);
    const looksLikeParam = nameEnd > from && field.charCodeAt(equals) === 0x3d;
    if (looksLikeParam) {
      const valueStart = skipWhitespace(equals + 1);
      const c = field.charCodeAt(valueStart);
      if (valueStart < n && (c === 0x22 || isTchar(c))) return scanParams(item, from, true);
    }
    let t = from;
    while (t < n && isToken68Char(field.charCodeAt(t))) t++;
    if (t > from) {
      const padded = field.charCodeAt(t) === 0x3d;
      while (t < n && field.charCodeAt(t) === 0x3d) t++;
      const after = skipWhitespace(t);
      if (after >= n || field.charCodeAt(after) === 0x2c) {
        item.token68 = field.slice(from, t);
        return after;
      }
      if (looksLikeParam && (t === nameEnd + 1 || t === nameEnd)) {
        const valueStart = skipWhitespace(equals + 1);
        fail(
          valueStart,
          `Expected a token or a quoted string as the value of the parameter "${field.slice(from, nameEnd)}" ${at(valueStart)}, found ${found(valueStart)}.`,
        );
      }
      if (!padded && nameEnd >= t) {
        // A bare token followed by something else: most likely a parameter missing its "=".
        fail(
          after,
          `Expected "=" after the parameter name "${field.slice(from, t)}" ${at(after)}, found ${found(after)}.`,
        );
      }
      fail(
        after,
        `Expected "," or the end of the field after the token68 value "${field.slice(from, t)}" ${at(after)}, found ${found(after)}. A scheme is followed either by one token68 value or by name=value parameters (RFC 9110 §11.3).`,
      );
    }
    return scanParams(item, from, true);
  };

  const items: ScannedAuth[] = [];
  let i = skipWhitespace(0);
  if (mode === "credentials" && i >= n)
    fail(i, `The field is empty: expected an authentication scheme such as "Basic" ${at(i)}.`, "empty");
  while (i < n) {
    if (field.charCodeAt(i) === 0x2c) {
      if (mode === "credentials")
        fail(
          i,
          `Expected ${items.length === 0 ? "an authentication scheme" : "the end of the field"} ${at(i)}, found ",".`,
        );
      i = skipWhitespace(i + 1);
      continue;
    }
    if (mode === "credentials" && items.length > 0)
      fail(i, `Expected the end of the field ${at(i)}, found ${found(i)}.`);
    const start = i;
    i = scanToken(i);
    if (i === start)
      fail(start, `Expected an authentication scheme (a token such as "Basic") ${at(start)}, found ${found(start)}.`);
    const scheme = field.slice(start, i);
    if (field.charCodeAt(skipWhitespace(i)) === 0x3d) {
      const previous = items[items.length - 1];
      if (previous?.token68 !== undefined) {
        fail(
          start,
          `The challenge "${previous.scheme}" has the token68 value "${previous.token68}", so it cannot also carry the parameter "${scheme.toLowerCase()}" ${at(start)}: a challenge has either a token68 or parameters (RFC 9110 §11.3).`,
          "token68-with-parameters",
        );
      }
      if (previous !== undefined) {
        fail(
          start,
          `The parameter "${scheme.toLowerCase()}" ${at(start)} follows "${previous.scheme}" and a comma; separate a scheme from its first parameter with a space, not a comma (RFC 9110 §11.3).`,
        );
      }
      fail(
        start,
        `Expected an authentication scheme before the parameter "${scheme.toLowerCase()}" ${at(start)}, as in: Basic ${scheme.toLowerCase()}=... (RFC 9110 §11.3).`,
      );
    }
    const item: ScannedAuth = { scheme, offset: start, params: [] };
    items.push(item);
    if (i >= n) break;
    const next = field.charCodeAt(i);
    if (next === 0x2c) continue;
    if (!isWhitespace(next)) fail(i, `Expected a space after the scheme "${scheme}" ${at(i)}, found ${found(i)}.`);
    const content = skipWhitespace(i);
    if (content >= n) break;
    if (field.charCodeAt(content) === 0x2c) {
      i = scanParams(item, content, false);
      continue;
    }
    for (let k = i; k < content; k++) {
      if (field.charCodeAt(k) !== 0x20)
        fail(
          k,
          `Expected only spaces between the scheme "${scheme}" and what follows it ${at(k)}, found ${found(k)} (RFC 9110 §11.3: 1*SP).`,
        );
    }
    if (items.length > 1 && field.charCodeAt(content) === 0x22) {
      // `..., charset "UTF-8"`: a parameter that lost its "=", not a new scheme.
      fail(content, `Expected "=" after the parameter name "${scheme}" ${at(content)}, found """.`);
    }
    i = scanContent(item, content);
  }
  return items;
}

/**
 * Character classes of the HTTP field grammar (RFC 9110 §5.6) and of token68 (§11.2).
 * Each test looks at one UTF-16 code unit, so scanners built on them run in linear time.
 */

/** tchar (RFC 9110 §5.6.2): `!#$%&'*+-.^_`|~`, DIGIT, ALPHA. */
export function isTchar(code: number): boolean {
  if (code >= 0x30 && code <= 0x39) return true; // DIGIT
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true; // ALPHA
  switch (code) {
    case 0x21: // !
    case 0x23: // #
    case 0x24: // $
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
    case 0x5e: // ^
    case 0x5f: // _
    case 0x60: // `
    case 0x7c: // |
    case 0x7e: // ~
      return true;
    default:
      return false;
  }
}

/** token = 1*tchar (RFC 9110 §5.6.2). */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isTchar(value.charCodeAt(i))) return false;
  return true;
}

/** The characters of token68 before its trailing "=" (RFC 9110 §11.2): ALPHA DIGIT - . _ ~ + / */
export function isToken68Char(code: number): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  return code === 0x2d || code === 0x2e || code === 0x5f || code === 0x7e || code === 0x2b || code === 0x2f;
}

/** token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 9110 §11.2). */
export function isToken68(value: string): boolean {
  let i = 0;
  while (i < value.length && isToken68Char(value.charCodeAt(i))) i++;
  if (i === 0) return false;
  while (i < value.length && value.charCodeAt(i) === 0x3d) i++;
  return i === value.length;
}

/** OWS / BWS characters: SP and HTAB (RFC 9110 §5.6.3). */
export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Characters a quoted-string can carry (RFC 9110 §5.6.4): HTAB, SP, VCHAR and obs-text, that is
 * every Latin-1 character except the controls other than HTAB. `"` and `\` need a quoted-pair.
 */
export function isQuotableChar(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** Describes one character for an error sentence: `"x"`, or its code point when invisible. */
export function describeChar(value: string, offset: number): string {
  if (offset >= value.length) return "the end of the field";
  const code = value.codePointAt(offset) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code <= 0x20 || code === 0x7f || (code >= 0x80 && code <= 0xa0)) {
    const names: Record<number, string> = {
      0x09: "a tab",
      0x0a: "a line feed",
      0x0d: "a carriage return",
      0x20: "a space",
    };
    return names[code] ?? `the control character ${hex}`;
  }
  const char = String.fromCodePoint(code);
  return code > 0xff ? `"${char}" (${hex})` : `"${char}"`;
}

/** Removes leading and trailing OWS (SP / HTAB, RFC 9110 §5.6.3) without a regular expression. */
export function trimWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isWhitespace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

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

/**
 * RFC 8187 ext-value, as Digest's `username*` uses it (RFC 7616 §3.4.4):
 * `ext-value = charset "'" [ language ] "'" value-chars`, value-chars being attr-char or
 * %-encoded UTF-8 octets.
 */

/** attr-char (RFC 8187 §3.2.1): ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" */
function isAttrChar(code: number): boolean {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  return "!#$&+-.^_`|~".includes(String.fromCharCode(code));
}

/** Encodes text as `UTF-8''` + percent-encoded UTF-8 (RFC 8187 §3.2). */
export function encodeExtValue(text: string): string {
  let out = "UTF-8''";
  for (const byte of new TextEncoder().encode(text)) {
    out += isAttrChar(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * Decodes an RFC 8187 ext-value with charset UTF-8 (any case) or ISO-8859-1; undefined when it is
 * not well-formed or not valid in its charset.
 */
export function decodeExtValue(value: string): string | undefined {
  const first = value.indexOf("'");
  const second = first < 0 ? -1 : value.indexOf("'", first + 1);
  if (second < 0) return undefined;
  const charset = value.slice(0, first).toLowerCase();
  if (charset !== "utf-8" && charset !== "iso-8859-1") return undefined;
  const bytes: number[] = [];
  for (let i = second + 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x25) {
      const hex = value.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (isAttrChar(code)) {
      bytes.push(code);
    } else {
      return undefined;
    }
  }
  try {
    return new TextDecoder(charset === "utf-8" ? "utf-8" : "latin1", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Base64 (RFC 4648 §4) and base64url (§5) over bytes, with the Web-standard btoa/atob. Decoding is
 * strict: the alphabet, the padding and the length are checked first, so a reader learns which.
 */

/** Encodes bytes as base64 with padding (RFC 4648 §4). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for long input (a 10 kB password).
  for (let i = 0; i < bytes.length; i += 0x4000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x4000));
  return btoa(binary);
}

/** Encodes bytes as base64url without padding (RFC 4648 §5). */
export function bytesToBase64url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export type Base64DecodeResult = Result<{ bytes: Uint8Array }>;

/** Decodes padded base64 (RFC 4648 §4), or unpadded base64url (§5) when `url` is set. */
export function base64ToBytes(text: string, url = false): Base64DecodeResult {
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    const code = text.charCodeAt(i);
    const alphabetic =
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    const extra = url ? c === "-" || c === "_" : c === "+" || c === "/";
    if (c === "=" && !url) {
      padding++;
      continue;
    }
    if (padding > 0 || !(alphabetic || extra)) {
      const what = padding > 0 ? `"${c}" after the "=" padding` : JSON.stringify(c);
      return failure(
        `It is not valid ${url ? "base64url" : "base64"}: character ${i + 1} is ${what} (RFC 4648 §${url ? 5 : 4}).`,
      );
    }
  }
  if (!url && (text.length % 4 !== 0 || padding > 2)) {
    return failure(
      `It is not valid base64: its length with padding must be a multiple of 4, and it is ${text.length} (RFC 4648 §4).`,
    );
  }
  if (url && text.length % 4 === 1)
    return failure("It is not valid base64url: it has one character too many or too few (RFC 4648 §5).");
  const binary = atob(url ? text.replaceAll("-", "+").replaceAll("_", "/") : text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, bytes };
}
