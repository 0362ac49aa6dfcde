/**
 * Lighthouse (mobile form factor, its default simulated throttling) against a page, driving the
 * project's Chromium through its remote debugging port.
 */
import lighthouse from "lighthouse";
import { withTimeout } from "./bench-processes.ts";

export interface LighthouseResult {
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  lcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  cls: number;
  /** Lighthouse's count of the page's DOM elements. */
  domSize: number;
  /** Audits that cost points, for the JSON (what to fix). */
  failing: string[];
}

const categories = ["performance", "accessibility", "best-practices", "seo"];

export async function runLighthouse(url: string, debuggingPort: number): Promise<LighthouseResult> {
  const result = await withTimeout(
    lighthouse(url, { port: debuggingPort, output: "json", logLevel: "error", onlyCategories: categories }),
    150_000,
    `Lighthouse on ${url}`,
  );
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const weighted = new Set(
    Object.values(lhr.categories).flatMap((category) =>
      category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id),
    ),
  );
  const failing = Object.entries(lhr.audits)
    .filter(([id, audit]) => weighted.has(id) && audit.score !== null && audit.score < 1)
    .map(([id, audit]) => `${id} ${audit.score ?? ""} ${audit.displayValue ?? ""}`.trim());
  return {
    scores: {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      seo: score("seo"),
    },
    lcpMs: numeric("largest-contentful-paint"),
    tbtMs: numeric("total-blocking-time"),
    speedIndexMs: numeric("speed-index"),
    cls: numeric("cumulative-layout-shift"),
    domSize: numeric("dom-size-insight"),
    failing,
  };
}

/**
 * Lighthouse `runs` times in a row against a page: one run says little on a shared machine (TBT
 * follows whatever else the CPU is doing), so the bench reports every run.
 */
export async function runLighthouseRuns(url: string, debuggingPort: number, runs: number): Promise<LighthouseResult[]> {
  const results: LighthouseResult[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await runLighthouse(url, debuggingPort));
  return results;
}
