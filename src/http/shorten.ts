/**
 * A value cut to at most `max` characters, ending in "…" when cut: for quoting reader- or
 * server-supplied values in sentences and diagram notes without letting a 64 kB value through.
 */
export function shorten(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, Math.max(1, max - 1))}…` : value;
}
