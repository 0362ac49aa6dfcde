/** The one table `npm run bench` prints: a row per measurement, its target and whether it is met. */

export interface Row {
  section: string;
  measure: string;
  value: string;
  target?: string;
  /** true: met, false: missed, undefined: no target (or not measurable: see value). */
  pass?: boolean;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Decimal kilobytes (1 kB = 1,000 bytes), the unit of the HTML limits. */
export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : "n/a";
}

export function formatTable(rows: Row[]): string {
  const header = ["page / part", "measure", "value", "target", "result"];
  const cells = rows.map((row) => [
    row.section,
    row.measure,
    row.value,
    row.target ?? "",
    row.pass === undefined ? "" : row.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? "").length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}
