import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./scripts/chromium.ts";

/** The base path GitHub Pages would give the project; the browser tests always use one. */
export const pagesBase = "/http-status-lab/";
const port = Number(process.env["PAGES_PORT"] ?? 4380);

// Browser tests run against the production build in dist-pages/ (built by `npm test` with
// BASE_PATH=/http-status-lab/), served like GitHub Pages: static files only, no API.
export default defineConfig({
  testDir: "tests/browser",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: process.env["CI"] ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}${pagesBase}`,
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath() ?? "/usr/bin/chromium", args: chromiumArgs },
    serviceWorkers: "allow",
  },
  webServer: {
    command: `node scripts/pages-server.ts ${process.env["PAGES_DIR"] ?? "dist-pages"} ${pagesBase} ${port}`,
    url: `http://127.0.0.1:${port}${pagesBase}`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
