/** A stretch of a field value around a syntax error, ready to show with the culprit marked. */
export interface ErrorWindow {
  /** The text before the culprit ("…" first when the value was cut). */
  before: string;
  /** The culprit character, or " " when the value ended too early. */
  marked: string;
  atEnd: boolean;
  /** The text after it ("…" last when the value was cut). */
  after: string;
  /** Where a caret line puts its "^": the column of the culprit, counted in characters shown. */
  caretColumn: number;
  /** 1-based position of the culprit in the whole value, in characters, for the sentence. */
  position: number;
}

/** Control characters become their Control Pictures sign, so one line stays one line and columns hold. */
function visible(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : char;
  }
  return out;
}

/**
 * Cuts `value` to `context` UTF-16 units either side of `offset` (a parser's 0-based index) and
 * says where the caret goes, so even a 10 kB value shows its error in one readable line.
 */
export function errorWindow(value: string, offset: number, context = 40): ErrorWindow {
  const at = Math.max(0, Math.min(Math.trunc(offset), value.length));
  const atEnd = at >= value.length;
  const charLength = atEnd ? 0 : (value.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  const start = Math.max(0, at - context);
  const end = Math.min(value.length, at + charLength + context);
  const before = `${start > 0 ? "…" : ""}${visible(value.slice(start, at))}`;
  const after = `${visible(value.slice(at + charLength, end))}${end < value.length ? "…" : ""}`;
  return {
    before,
    marked: atEnd ? " " : visible(value.slice(at, at + charLength)),
    atEnd,
    after,
    caretColumn: Array.from(before).length,
    position: Array.from(value.slice(0, at)).length + 1,
  };
}
