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
