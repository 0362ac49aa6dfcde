/** The comparison behind the drift check (behaviour-drift.ts), apart so a unit test can plant a wrong entry. */
import { isDeepStrictEqual } from "node:util";
import type { EngineBehaviour } from "../../scripts/browser-behaviour.ts";

/** The entries of `recorded` and `measured` that differ, as "code engine field: recorded → measured". */
export function driftBetween(
  recorded: Record<string, Record<string, EngineBehaviour> | undefined>,
  measured: Record<string, Record<string, EngineBehaviour> | undefined>,
): string[] {
  const lines: string[] = [];
  for (const [code, byEngine] of Object.entries(measured)) {
    for (const [engine, now] of Object.entries(byEngine ?? {})) {
      const before = recorded[code]?.[engine];
      if (before === undefined) {
        lines.push(`${code} ${engine}: not in the data`);
        continue;
      }
      const keys = new Set([...Object.keys(before), ...Object.keys(now)]) as Set<keyof EngineBehaviour>;
      for (const key of keys)
        if (!isDeepStrictEqual(before[key], now[key]))
          lines.push(
            `${code} ${engine} ${key}: recorded ${JSON.stringify(before[key])}, measured ${JSON.stringify(now[key])}`,
          );
    }
  }
  return lines;
}
