/**
 * The explorer's filter, as a pure function: does a code, with its searchable text, match what the
 * reader typed? Digits (optionally followed by "x", as in "4xx" or "30x") match codes that start
 * with them, so "40" lists 400–409; anything else matches when every word starts a word of the text
 * (code, reason phrase, other names, keywords, summary, standing), ignoring case, also without an
 * ending such as "-s", "-ed" or "-ing" ("redirects", "cached"). A word must begin where a word of
 * the text begins: "rate" finds "rate limit" (429) but not "separate", "auth" finds
 * "authentication". An empty query matches all.
 */
export function matchesStatusQuery(query: string, code: string, text: string): boolean {
  const normalized = query.trim().toLowerCase();
  const prefix = /^(\d{1,3})x{0,2}$/.exec(normalized);
  if (prefix?.[1] !== undefined) return code.startsWith(prefix[1]);
  const haystack = text.toLowerCase();
  return normalized.split(/\s+/).every((word) => startsAWord(haystack, word) || startsAWord(haystack, stem(word)));
}

/** Does `word` occur in `text` at the start of a word (after the start or a non-letter, non-digit)? */
function startsAWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(at - 1))) return true;
  }
  return false;
}

/** A word without one common English ending, when at least four letters remain. */
function stem(word: string): string {
  const match = /^(.{4,}?)(?:ing|ed|es|s)$/.exec(word);
  return match?.[1] ?? word;
}

/** What the live region says after filtering: how many codes the reader can now see. */
export function matchCountMessage(count: number, total: number): string {
  if (count === total) return `All ${total} codes shown`;
  if (count === 0) return "No codes match";
  return count === 1 ? "1 code matches" : `${count} codes match`;
}
