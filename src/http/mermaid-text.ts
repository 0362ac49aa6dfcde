/**
 * Makes reader-supplied text inert inside a Mermaid sequence-diagram message, note or
 * accessibility line. Every character outside a small safe set (ASCII letters, digits, space
 * and . , / _ - = ? ! @ * + ' ~ $ ^ | ( ) [ ]) becomes a Mermaid entity code `#NNN;`, which
 * Mermaid renders as that character (`#59;` is ";", `#35;` is "#"). So `;`, `#`, `%%`, `:`,
 * `<`, `>`, `"`, `{`, `}`, `&`, backslash, a backtick and line breaks never reach Mermaid's
 * grammar or the SVG as markup, and whatever follows stays in the same message.
 */
export function mermaidText(text: string): string {
  let out = "";
  for (const char of String(text)) {
    const code = char.codePointAt(0) ?? 0;
    const safe =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      " .,/_-=?!@*+'~$^|()[]".includes(char);
    out += safe ? char : `#${code};`;
  }
  return out;
}
