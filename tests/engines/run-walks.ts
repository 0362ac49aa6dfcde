/**
 * Runs the main walks (walks.ts) in one engine against the base-path build (dist-pages) served as
 * GitHub Pages serves it (scripts/pages-server.ts). `npm test` runs it for Firefox after
 * Playwright's Chromium suite:
 *   node tests/engines/run-walks.ts [--engine firefox|chromium] [--only <words>]
 * Each walk gets its own browser context (fresh storage, no service worker from an earlier walk);
 * a walk fails on its own assertions, on an uncaught page error, on a console error, and on a
 * request leaving the page's origin. Exits 1 when any walk failed.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "puppeteer-core";
import { createPagesServer } from "../../scripts/pages-server.ts";
import { engineLabel, launchEngine, withoutServiceWorkers, type Engine } from "./engines.ts";
import { walks, type Walk } from "./walks.ts";

const base = "/http-status-lab/";
const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const engine = (argument("engine") ?? "firefox") as Engine;
if (engine !== "firefox" && engine !== "chromium")
  throw new Error(`--engine is firefox or chromium, not ${String(engine)}.`);
const only = argument("only");

/** Console lines that are the engine's own report of a 4xx the sandbox causes on purpose, not a fault. */
const expectedConsoleLine = /^Failed to load resource: the server responded with a status of \d+/;

interface Watch {
  problems: string[];
}

function watchPage(page: Page, origin: string): Watch {
  const watch: Watch = { problems: [] };
  page.on("pageerror", (error) =>
    watch.problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`),
  );
  page.on("console", (message) => {
    if (message.type() === "error" && !expectedConsoleLine.test(message.text()))
      watch.problems.push(`console error: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = request.url();
    if (/^(data|blob|about):/.test(url)) return;
    // A login's 302 to the OAuth client's loopback redirect URI is read by the page, never followed.
    if (new URL(url).origin !== origin && !url.startsWith("http://127.0.0.1:8765/callback?"))
      watch.problems.push(`request outside the origin: ${url}`);
  });
  return watch;
}

async function runWalk(browser: Browser, walk: Walk, root: string): Promise<void> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    if (walk.serviceWorkers === false) await withoutServiceWorkers(engine, page);
    const watch = watchPage(page, new URL(root).origin);
    await walk.run(page, { root });
    if (watch.problems.length > 0) throw new Error(watch.problems.join("\n"));
  } finally {
    await context.close();
  }
}

const server = createPagesServer(process.env["PAGES_DIR"] ?? "dist-pages", base);
server.listen(Number(process.env["PAGES_PORT"] ?? 0), "127.0.0.1");
await once(server, "listening");
const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`;

const browsers = new Map<boolean, Browser>();
const started = performance.now();
let failed = 0;
let ran = 0;
try {
  for (const walk of walks) {
    if (only !== undefined && !walk.name.includes(only)) continue;
    const serviceWorkers = walk.serviceWorkers !== false;
    let browser = browsers.get(serviceWorkers);
    if (browser === undefined) {
      browser = await launchEngine(engine, { serviceWorkers });
      browsers.set(serviceWorkers, browser);
      if (ran === 0)
        console.log(`${engineLabel(engine, await browser.version())} (${await browser.version()}), ${root}`);
    }
    const walkStarted = performance.now();
    ran += 1;
    try {
      await runWalk(browser, walk, root);
      console.log(`  ✓ ${walk.name} (${((performance.now() - walkStarted) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed += 1;
      console.log(
        `  ✗ ${walk.name}\n    ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, "\n    ")}`,
      );
    }
  }
} finally {
  await Promise.all([...browsers.values()].map((browser) => browser.close()));
  server.close();
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${ran - failed} of ${ran} walks passed in ${engine} (${seconds} s).`);
if (ran === 0) console.log("No walk matched --only.");
process.exit(failed > 0 || ran === 0 ? 1 : 0);
