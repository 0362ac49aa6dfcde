import { readdirSync } from "node:fs";
import { expect, test } from "vitest";
import data from "../../src/data/browser-behaviour.json" with { type: "json" };
import { behaviourRows, loginRows, measuredIn } from "../../src/content/browser-behaviour.ts";
import { driftBetween } from "../engines/drift.ts";
import type { EngineBehaviour } from "../../scripts/browser-behaviour.ts";

const pageCodes = readdirSync("src/content/status")
  .filter((name) => /^\d{3}\.mdx$/.test(name))
  .map((name) => Number(name.slice(0, 3)));

test("the data covers every status page's code in both engines, with their versions and a date", () => {
  expect(pageCodes.length).toBeGreaterThan(60);
  for (const code of pageCodes) {
    const entry = (data.codes as Record<string, Record<string, unknown> | undefined>)[String(code)];
    expect(entry, `code ${code}`).toBeDefined();
    expect(Object.keys(entry ?? {}).sort()).toEqual(["chromium", "firefox"]);
  }
  expect(data.engines.chromium).toMatch(/^\d+\.\d+/);
  expect(data.engines.firefox).toMatch(/^\d+\.\d+/);
  expect(measuredIn()).toMatch(/^Chromium \d+ and Firefox \d+ on \d{1,2} [A-Z][a-z]+ \d{4}$/);
});

test("each status page's rows read as sentences; a code with no data gets none", () => {
  const rows = behaviourRows(303);
  expect(rows?.map((row) => row.label)).toContain("A POST with content, after the redirect");
  expect(rows?.find((row) => row.label.startsWith("A POST"))?.cells.chromium).toBe("GET, content dropped");
  expect(behaviourRows(200)?.some((row) => row.label.startsWith("A POST"))).toBe(false);
  expect(behaviourRows(599)).toBeUndefined();
  expect(loginRows().map((row) => row.label)).toContain("Digest SHA-256");
});

test("drift: an entry that differs from the measurement is named; the same entry is not", () => {
  const recorded = data.codes as unknown as Record<string, Record<string, EngineBehaviour>>;
  const same = structuredClone({ 301: recorded["301"] });
  expect(driftBetween(recorded, same)).toEqual([]);
  const planted = structuredClone({ 301: recorded["301"] }) as Record<string, Record<string, EngineBehaviour>>;
  const firefox = planted["301"]?.["firefox"];
  if (firefox === undefined) throw new Error("301 has no Firefox entry");
  firefox.reusedFromCache = !firefox.reusedFromCache;
  expect(driftBetween(recorded, planted)).toEqual([
    `301 firefox reusedFromCache: recorded ${String(!firefox.reusedFromCache)}, measured ${String(firefox.reusedFromCache)}`,
  ]);
});
