/**
 * The one scanner for WWW-Authenticate / Authorization values (RFC 9110 §11): what was written,
 * with offsets, for the parser (auth-field.ts) and the lints (lints.ts).
 */
import {
  COMMA,
  describeChar,
  DQUOTE,
  BACKSLASH,
  EQUALS,
  isQuotableChar,
  isTchar,
  isToken68Char,
  isWhitespace,
  LATIN1_MAX,
  SP,
} from "./grammar.ts";
import type { Result } from "./problem.ts";

/** One parameter as it was written, with what the lints need beyond the public result. */
export type ScannedParam = { name: string; value: string; quoted: boolean; offset: number };

/** One challenge or set of credentials as it was written. */
export type ScannedAuth = { scheme: string; offset: number; token68?: string; params: ScannedParam[] };

/** Which rule the field broke; the lints report some of them under their own id. */
export type AuthSyntaxErrorKind = "syntax" | "duplicate-parameter" | "token68-with-parameters" | "not-latin1" | "empty";

export type AuthSyntaxError = { message: string; offset: number; kind: AuthSyntaxErrorKind };

export type ScanResult = Result<{ items: ScannedAuth[] }, AuthSyntaxError>;

type ScanMode = "challenges" | "credentials";

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
export function scanAuthField(field: string, mode: ScanMode): ScanResult {
  try {
    return { ok: true, items: new Scanner(field, mode).scan() };
  } catch (failure) {
    if (failure instanceof ScanFailure) return { ok: false, error: failure.error };
    throw failure;
  }
}

/** One scan of one field value: the value, its mode, and the items found so far. */
class Scanner {
  readonly field: string;
  readonly n: number;
  readonly mode: ScanMode;
  readonly items: ScannedAuth[] = [];

  constructor(field: string, mode: ScanMode) {
    this.field = field;
    this.n = field.length;
    this.mode = mode;
  }

  fail(offset: number, message: string, kind: AuthSyntaxErrorKind = "syntax"): never {
    throw new ScanFailure({ message, offset, kind });
  }

  found(offset: number): string {
    return describeChar(this.field, offset);
  }

  code(offset: number): number {
    return this.field.charCodeAt(offset);
  }

  skipWhitespace(from: number): number {
    let k = from;
    while (k < this.n && isWhitespace(this.code(k))) k++;
    return k;
  }

  scanToken(from: number): number {
    let k = from;
    while (k < this.n && isTchar(this.code(k))) k++;
    return k;
  }

  /** Field values are Latin-1 octets (RFC 9110 §5.5): anything above is refused first. */
  checkLatin1(): void {
    for (let k = 0; k < this.n; k++) {
      if (this.code(k) > LATIN1_MAX) {
        this.fail(
          k,
          `The character ${this.found(k)} ${at(k)} cannot be sent in an HTTP field: field values are Latin-1 octets (RFC 9110 §5.5). Encode it, for example with percent-encoding.`,
          "not-latin1",
        );
      }
    }
  }

  /** `#challenge` or `credentials`, from the start of the field to its end. */
  scan(): ScannedAuth[] {
    this.checkLatin1();
    let i = this.skipWhitespace(0);
    if (this.mode === "credentials" && i >= this.n)
      this.fail(i, `The field is empty: expected an authentication scheme such as "Basic" ${at(i)}.`, "empty");
    while (i < this.n) {
      if (this.code(i) === COMMA) {
        if (this.mode === "credentials")
          this.fail(
            i,
            `Expected ${this.items.length === 0 ? "an authentication scheme" : "the end of the field"} ${at(i)}, found ",".`,
          );
        i = this.skipWhitespace(i + 1);
        continue;
      }
      if (this.mode === "credentials" && this.items.length > 0)
        this.fail(i, `Expected the end of the field ${at(i)}, found ${this.found(i)}.`);
      i = this.scanItem(i);
    }
    return this.items;
  }

  /** One challenge (or the credentials) from its scheme; returns where the list goes on. */
  scanItem(start: number): number {
    const i = this.scanToken(start);
    if (i === start)
      this.fail(
        start,
        `Expected an authentication scheme (a token such as "Basic") ${at(start)}, found ${this.found(start)}.`,
      );
    const scheme = this.field.slice(start, i);
    if (this.code(this.skipWhitespace(i)) === EQUALS) this.failParamWithoutScheme(start, scheme);
    const item: ScannedAuth = { scheme, offset: start, params: [] };
    this.items.push(item);
    if (i >= this.n) return i;
    const next = this.code(i);
    if (next === COMMA) return i;
    if (!isWhitespace(next))
      this.fail(i, `Expected a space after the scheme "${scheme}" ${at(i)}, found ${this.found(i)}.`);
    const content = this.skipWhitespace(i);
    if (content >= this.n) return content;
    if (this.code(content) === COMMA) return this.scanParams(item, content, false);
    for (let k = i; k < content; k++) {
      if (this.code(k) !== SP)
        this.fail(
          k,
          `Expected only spaces between the scheme "${scheme}" and what follows it ${at(k)}, found ${this.found(k)} (RFC 9110 §11.3: 1*SP).`,
        );
    }
    if (this.items.length > 1 && this.code(content) === DQUOTE) {
      // `..., charset "UTF-8"`: a parameter that lost its "=", not a new scheme.
      this.fail(content, `Expected "=" after the parameter name "${scheme}" ${at(content)}, found """.`);
    }
    return this.scanContent(item, content);
  }

  /** A token followed by "=" where a scheme was expected: says what the writer most likely meant. */
  failParamWithoutScheme(start: number, name: string): never {
    const lower = name.toLowerCase();
    const previous = this.items[this.items.length - 1];
    if (previous?.token68 !== undefined) {
      this.fail(
        start,
        `The challenge "${previous.scheme}" has the token68 value "${previous.token68}", so it cannot also carry the parameter "${lower}" ${at(start)}: a challenge has either a token68 or parameters (RFC 9110 §11.3).`,
        "token68-with-parameters",
      );
    }
    if (previous !== undefined) {
      this.fail(
        start,
        `The parameter "${lower}" ${at(start)} follows "${previous.scheme}" and a comma; separate a scheme from its first parameter with a space, not a comma (RFC 9110 §11.3).`,
      );
    }
    return this.fail(
      start,
      `Expected an authentication scheme before the parameter "${lower}" ${at(start)}, as in: Basic ${lower}=... (RFC 9110 §11.3).`,
    );
  }

  /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4), unescaped. */
  scanQuoted(open: number): { value: string; end: number } {
    let value = "";
    let runStart = open + 1;
    let k = open + 1;
    while (k < this.n) {
      const code = this.code(k);
      if (code === DQUOTE) return { value: value + this.field.slice(runStart, k), end: k + 1 };
      if (code === BACKSLASH) {
        value += this.field.slice(runStart, k);
        if (k + 1 >= this.n) break;
        if (!isQuotableChar(this.code(k + 1))) {
          this.fail(
            k + 1,
            `The backslash ${at(k)} escapes ${this.found(k + 1)} ${at(k + 1)}, which a quoted string cannot carry (RFC 9110 §5.6.4).`,
          );
        }
        value += this.field[k + 1];
        k += 2;
        runStart = k;
        continue;
      }
      if (!isQuotableChar(code)) {
        this.fail(
          k,
          `The quoted string that starts ${at(open)} contains ${this.found(k)} ${at(k)}, which is not allowed inside quotes (RFC 9110 §5.6.4).`,
        );
      }
      k++;
    }
    return this.fail(
      this.n,
      `Expected a closing '"' ${at(this.n)} for the quoted string that starts ${at(open)}, found the end of the field.`,
    );
  }

  /**
   * Parses `#auth-param` from `from` into `item`. Returns where the caller continues: the end of
   * the field, or the start of a token that begins the next challenge.
   */
  scanParams(item: ScannedAuth, from: number, firstRequired: boolean): number {
    let k = from;
    let required = firstRequired;
    const seen = new Set<string>();
    while (k < this.n) {
      if (this.code(k) === COMMA) {
        k = this.skipWhitespace(k + 1);
        required = false;
        continue;
      }
      const nameStart = k;
      const nameEnd = this.scanToken(k);
      if (nameEnd === nameStart) {
        const what =
          required || this.mode === "credentials"
            ? "a parameter name"
            : "a parameter name or the next challenge's scheme";
        this.fail(k, `Expected ${what} ${at(k)}, found ${this.found(k)}.`);
      }
      const name = this.field.slice(nameStart, nameEnd);
      const equals = this.skipWhitespace(nameEnd);
      if (this.code(equals) !== EQUALS) {
        this.failMissingEquals(name, equals, required);
        return nameStart;
      }
      const { value, quoted, end } = this.scanParamValue(name, this.skipWhitespace(equals + 1));
      const lower = name.toLowerCase();
      if (seen.has(lower)) {
        this.fail(
          nameStart,
          `The parameter "${lower}" ${at(nameStart)} appears a second time in the "${item.scheme}" ${this.mode === "credentials" ? "credentials" : "challenge"}; each parameter name may occur only once (RFC 9110 §11.2).`,
          "duplicate-parameter",
        );
      }
      seen.add(lower);
      item.params.push({ name: lower, value, quoted, offset: nameStart });
      k = this.skipWhitespace(end);
      if (k < this.n && this.code(k) !== COMMA) {
        this.fail(
          k,
          `Expected "," or the end of the field after the value of the parameter "${lower}" ${at(k)}, found ${this.found(k)}.`,
        );
      }
      required = false;
    }
    return k;
  }

  /** A name without "=": an error where a parameter must follow, else the next challenge's scheme. */
  failMissingEquals(name: string, equals: number, required: boolean): void {
    if (required)
      this.fail(equals, `Expected "=" after the parameter name "${name}" ${at(equals)}, found ${this.found(equals)}.`);
    if (this.mode === "credentials") {
      this.fail(
        equals,
        `Expected "=" after the parameter name "${name}" ${at(equals)}, found ${this.found(equals)}. Credentials hold a single scheme, so "${name}" cannot start another (RFC 9110 §11.4).`,
      );
    }
  }

  /** `token / quoted-string` after a parameter's "=". */
  scanParamValue(name: string, valueStart: number): { value: string; quoted: boolean; end: number } {
    if (this.code(valueStart) === DQUOTE) {
      const q = this.scanQuoted(valueStart);
      return { value: q.value, quoted: true, end: q.end };
    }
    const valueEnd = this.scanToken(valueStart);
    if (valueEnd === valueStart) {
      this.fail(
        valueStart,
        `Expected a token or a quoted string as the value of the parameter "${name}" ${at(valueStart)}, found ${this.found(valueStart)}.`,
      );
    }
    return { value: this.field.slice(valueStart, valueEnd), quoted: false, end: valueEnd };
  }

  /** After `scheme 1*SP`: token68 or the first auth-param. Returns where the list goes on. */
  scanContent(item: ScannedAuth, from: number): number {
    const nameEnd = this.scanToken(from);
    const equals = this.skipWhitespace(nameEnd);
    const looksLikeParam = nameEnd > from && this.code(equals) === EQUALS;
    if (looksLikeParam) {
      const valueStart = this.skipWhitespace(equals + 1);
      const c = this.code(valueStart);
      if (valueStart < this.n && (c === DQUOTE || isTchar(c))) return this.scanParams(item, from, true);
    }
    let t = from;
    while (t < this.n && isToken68Char(this.code(t))) t++;
    if (t === from) return this.scanParams(item, from, true);
    const padded = this.code(t) === EQUALS;
    while (t < this.n && this.code(t) === EQUALS) t++;
    const after = this.skipWhitespace(t);
    if (after >= this.n || this.code(after) === COMMA) {
      item.token68 = this.field.slice(from, t);
      return after;
    }
    if (looksLikeParam && (t === nameEnd + 1 || t === nameEnd)) {
      const valueStart = this.skipWhitespace(equals + 1);
      this.fail(
        valueStart,
        `Expected a token or a quoted string as the value of the parameter "${this.field.slice(from, nameEnd)}" ${at(valueStart)}, found ${this.found(valueStart)}.`,
      );
    }
    if (!padded && nameEnd >= t) {
      // A bare token followed by something else: most likely a parameter missing its "=".
      this.fail(
        after,
        `Expected "=" after the parameter name "${this.field.slice(from, t)}" ${at(after)}, found ${this.found(after)}.`,
      );
    }
    return this.fail(
      after,
      `Expected "," or the end of the field after the token68 value "${this.field.slice(from, t)}" ${at(after)}, found ${this.found(after)}. A scheme is followed either by one token68 value or by name=value parameters (RFC 9110 §11.3).`,
    );
  }
}
