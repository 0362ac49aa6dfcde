/**
 * RFC 8187 ext-value, as Digest's `username*` uses it (RFC 7616 §3.4.4):
 * `ext-value = charset "'" [ language ] "'" value-chars`, value-chars being attr-char or
 * %-encoded UTF-8 octets.
 */
import { isAlpha, isDigit, PERCENT } from "./grammar.ts";

/** attr-char (RFC 8187 §3.2.1): ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" */
function isAttrChar(code: number): boolean {
  return isDigit(code) || isAlpha(code) || (code < 0x80 && "!#$&+-.^_`|~".includes(String.fromCharCode(code)));
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
    if (code === PERCENT) {
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
