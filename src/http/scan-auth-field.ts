import { describeChar, isQuotableChar, isTchar, isToken68Char, isWhitespace } from "./grammar.ts";

/** One parameter as it was written, with what the lints need beyond the public result. */
export type ScannedParam = { name: string; value: string; quoted: boolean; offset: number };

/** One challenge or set of credentials as it was written. */
export type ScannedAuth = { scheme: string; offset: number; token68?: string; params: ScannedParam[] };

/** Which rule the field broke; the lints report some of them under their own id. */
export type AuthSyntaxErrorKind = "syntax" | "duplicate-parameter" | "token68-with-parameters" | "not-latin1" | "empty";

export type AuthSyntaxError = { message: string; offset: number; kind: AuthSyntaxErrorKind };

export type ScanResult = { ok: true; items: ScannedAuth[] } | { ok: false; error: AuthSyntaxError };

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
