/**
 * String literals for generated code, exact for each language: what the reader pastes evaluates
 * to the very string that was recorded, quotes, dollars, backslashes, line breaks and non-ASCII
 * text included.
 */

/** POSIX shell: single quotes, where nothing is special except `'` itself, written `'\''`. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** JavaScript: JSON.stringify yields a valid JS string literal (ES2019 allows U+2028/U+2029). */
export function jsString(text: string): string {
  return JSON.stringify(text);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** Python 3: a double-quoted literal of printable ASCII, everything else as \n, \xNN, \uNNNN, \UNNNNNNNN. */
export function pythonString(text: string): string {
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (Object.hasOwn(named, char)) out += named[char];
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/**
 * PHP: single quotes (only `\` and `'` need a backslash) when the text has no control character;
 * otherwise double quotes, with `\`, `"` and `$` escaped and controls as \n, \r, \t or \xNN.
 * Non-ASCII text stays as UTF-8, which is what PHP strings from a UTF-8 source file hold.
 */
export function phpString(text: string): string {
  let hasControl = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) hasControl = true;
  }
  if (!hasControl) return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', $: "\\$", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (Object.hasOwn(named, char)) out += named[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else out += char;
  }
  return `${out}"`;
}
