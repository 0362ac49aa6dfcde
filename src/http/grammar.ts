/**
 * Characters and character classes of the HTTP field grammar (RFC 9110 §5.6), token68 (§11.2)
 * and quoted strings (§5.6.4). Each test looks at one UTF-16 code unit, so scanners built on them
 * run in linear time. The names are the ABNF's (RFC 5234 Appendix B.1).
 */

/** SP: a space. */
export const SP = 0x20;
/** HTAB: a horizontal tab. */
export const HTAB = 0x09;
/** DQUOTE: `"`, which opens and closes a quoted-string. */
export const DQUOTE = 0x22;
/** The backslash of a quoted-pair (RFC 9110 §5.6.4). */
export const BACKSLASH = 0x5c;
/** The list separator (RFC 9110 §5.6.1). */
export const COMMA = 0x2c;
/** "=": between a parameter's name and value, and token68's padding. */
export const EQUALS = 0x3d;
/** "%": the start of a pct-encoded octet (RFC 3986 §2.1, RFC 8187 §3.2.1). */
export const PERCENT = 0x25;
/** DEL, the last ASCII control character. */
export const DEL = 0x7f;
/** The last code unit a field can carry: field values are Latin-1 octets (RFC 9110 §5.5). */
export const LATIN1_MAX = 0xff;

/** DIGIT: 0-9. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** ALPHA: A-Z and a-z. */
export function isAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** True when `code` is one of the characters of `chars`. */
function isOneOf(chars: string, code: number): boolean {
  return code < 0x80 && chars.includes(String.fromCharCode(code));
}

/** tchar (RFC 9110 §5.6.2): `!#$%&'*+-.^_`|~`, DIGIT, ALPHA. */
export function isTchar(code: number): boolean {
  return isDigit(code) || isAlpha(code) || isOneOf("!#$%&'*+-.^_`|~", code);
}

/** token = 1*tchar (RFC 9110 §5.6.2). */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isTchar(value.charCodeAt(i))) return false;
  return true;
}

/** The characters of token68 before its trailing "=" (RFC 9110 §11.2): ALPHA DIGIT - . _ ~ + / */
export function isToken68Char(code: number): boolean {
  return isDigit(code) || isAlpha(code) || isOneOf("-._~+/", code);
}

/** token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 9110 §11.2). */
export function isToken68(value: string): boolean {
  let i = 0;
  while (i < value.length && isToken68Char(value.charCodeAt(i))) i++;
  if (i === 0) return false;
  while (i < value.length && value.charCodeAt(i) === EQUALS) i++;
  return i === value.length;
}

/** OWS / BWS characters: SP and HTAB (RFC 9110 §5.6.3). */
export function isWhitespace(code: number): boolean {
  return code === SP || code === HTAB;
}

/**
 * Characters a quoted-string can carry (RFC 9110 §5.6.4): HTAB, SP, VCHAR and obs-text, that is
 * every Latin-1 character except the controls other than HTAB. `"` and `\` need a quoted-pair.
 */
export function isQuotableChar(code: number): boolean {
  return code === HTAB || (code >= SP && code < DEL) || (code >= 0x80 && code <= LATIN1_MAX);
}

/** Names of the invisible characters a reader meets most often in a pasted field. */
const invisibleNames: Record<number, string> = {
  [HTAB]: "a tab",
  0x0a: "a line feed",
  0x0d: "a carriage return",
  [SP]: "a space",
};

/** Describes one character for an error sentence: `"x"`, or its code point when invisible. */
export function describeChar(value: string, offset: number): string {
  if (offset >= value.length) return "the end of the field";
  const code = value.codePointAt(offset) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  // C0 controls and SP, DEL, C1 controls and NBSP: nothing a reader could see.
  if (code <= SP || code === DEL || (code >= 0x80 && code <= 0xa0)) {
    return invisibleNames[code] ?? `the control character ${hex}`;
  }
  const char = String.fromCodePoint(code);
  return code > LATIN1_MAX ? `"${char}" (${hex})` : `"${char}"`;
}

/** Removes leading and trailing OWS (SP / HTAB, RFC 9110 §5.6.3) without a regular expression. */
export function trimWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isWhitespace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

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
    out += code === DQUOTE || code === BACKSLASH ? `\\${value[i]}` : value[i];
  }
  return `${out}"`;
}
