import { expect } from "vitest";

/**
 * For the grammar tests of auth-field.ts: `result` is a refusal whose error points at `offset`
 * (0-based) and whose sentence says `words`.
 */
export function expectGrammarError(
  result: { ok: true } | { ok: false; error: { offset: number; message: string } },
  offset: number,
  words: string,
): void {
  expect(result).toMatchObject({ ok: false, error: { offset } });
  if (!result.ok) expect(result.error.message).toContain(words);
}
