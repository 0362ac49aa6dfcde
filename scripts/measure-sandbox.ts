/**
 * Measures the full sandbox (/sandbox/) on a production build, as issue 4 asks:
 *   1. first-load JavaScript: every script the page loads before any interaction, gzip-compressed;
 *   2. click-to-exchange-shown: from the click on "Send" to the new exchange in the log, over
 *      many clicks (median and 95th percentile), timed inside the page.
 *
 *   BASE_PATH=/http-status-lab/ OUT_DIR=./dist-pages npx astro build
 *   node scripts/measure-sandbox.ts [dist-pages] [clicks=60]
 */
import { gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./chromium.ts";
import { createPagesServer } from "./pages-server.ts";

const base = "/http-status-lab/";
const [root = "dist-pages", clicksText = "60"] = process.argv.slice(2);
const clicks = Math.max(50, Number(clicksText) || 60);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const server = createPagesServer(root, base);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: chromiumPath() ?? "/usr/bin/chromium", args: chromiumArgs });

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, number>();
  let interacting = false;
  page.on("response", (response) => {
    const request = response.request();
    if (interacting || request.resourceType() !== "script") return;
    void response.body().then(
      (body) => scripts.set(response.url(), gzipSync(body, { level: 9 }).length),
      () => undefined,
    );
  });
  await page.goto(`${origin}${base}sandbox/`);
  await page.locator("auth-sandbox[data-ready]").waitFor({ timeout: 20_000 });
  await page.waitForLoadState("networkidle");
  interacting = true;
  const firstLoad = [...scripts.entries()].sort((a, b) => b[1] - a[1]);
  const total = firstLoad.reduce((sum, [, size]) => sum + size, 0);
  const transport = await page.locator("auth-sandbox").getAttribute("data-ready");

  console.log(
    `First-load JavaScript of /sandbox/ (gzip -9), before any interaction: ${(total / 1024).toFixed(1)} KiB in ${firstLoad.length} files`,
  );
  for (const [url, size] of firstLoad)
    console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KiB  ${new URL(url).pathname.replace(base, "")}`);
  console.log(
    `  mermaid or shiki among them: ${firstLoad.some(([url]) => /mermaid|shiki|highlight|sequenceDiagram/i.test(url)) ? "yes" : "no"}`,
  );

  // Pick a scenario that answers at once (status/200), then time each click inside the page.
  await page.locator("select[name=preset]").selectOption("status-200");
  const timings = await page.evaluate(async (count) => {
    const sandbox = document.querySelector("auth-sandbox");
    const log = sandbox?.querySelector("[data-exchange-log]");
    const send = sandbox?.querySelector<HTMLButtonElement>('button[value="send"]');
    if (!sandbox || !log || !send) throw new Error("The sandbox is not on the page.");
    const results: number[] = [];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let i = 0; i < count; i++) {
      while (send.disabled) await pause(5);
      const newest = () => log.querySelector<HTMLElement>(".lab-exchange")?.dataset["entry"];
      const before = newest();
      const shown = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (newest() !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(log, { childList: true });
      });
      const started = performance.now();
      send.click();
      results.push((await shown) - started);
      // A reader's pace: let the diagram redraw before the next click.
      await pause(250);
    }
    return results;
  }, clicks);
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(
    `Click-to-exchange-shown over ${timings.length} clicks (${transport}): median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
  );
  const mermaidLoaded = await page.evaluate(() =>
    performance.getEntriesByType("resource").some((entry) => /mermaid/i.test(entry.name)),
  );
  console.log(`  Mermaid loaded after the first exchange: ${mermaidLoaded ? "yes" : "no"}`);
} finally {
  await browser.close();
  server.close();
}
