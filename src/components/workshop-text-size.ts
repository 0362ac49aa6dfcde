/** The text sizes a presenter can pick, as a factor of the page's own size. */
export const textSizes = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;

/** The size one step smaller (-1) or larger (+1) than `current`, kept within the list. */
export function stepTextSize(current: number, direction: -1 | 1): number {
  const index = textSizes.findIndex((size) => size >= current);
  const here = index === -1 ? textSizes.length - 1 : index;
  const next = Math.max(0, Math.min(textSizes.length - 1, here + direction));
  return textSizes[next] ?? 1;
}

/** A stored size, if it is one of the list; anything else (tampered, missing) is 1. */
export function parseTextSize(stored: string | null): number {
  const value = Number(stored);
  return (textSizes as readonly number[]).includes(value) ? value : 1;
}
