/**
 * The warnings in a build's output: lines Astro or Vite mark `[WARN]` or `warning`, and Vite's
 * rolldown codes (`[INEFFECTIVE_DYNAMIC_IMPORT]`, `[UNRESOLVED_IMPORT]`…). `npm test`'s build step
 * fails on any of them, so a new warning is fixed when it appears instead of being read past.
 * Colour codes are removed first.
 */
export function buildWarnings(output: string): string[] {
  return output
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => /\[warn\]|\bwarn(ing)?\b:?|\[[A-Z]+(?:_[A-Z]+)+\]/i.test(line))
    .map((line) => line.trim());
}
