import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "@playwright/test";
import { pagesBase } from "../../playwright.config.ts";
import { startServer, type RunningServer } from "../../src/server/start-server.ts";

/**
 * The live view (/live/) on `npm start`'s own server (the base-path build served by src/server):
 * a request another client sends (here Node's fetch, as curl or a script would) appears in the
 * sandbox's views, its token redacted; on the static site the page says it needs npm start.
 */
let live: RunningServer;

test.beforeAll(async () => {
  const root = fileURLToPath(new URL(`../../${process.env["PAGES_DIR"] ?? "dist-pages"}/`, import.meta.url));
  live = await startServer({ root, basePath: pagesBase, port: 0, host: "127.0.0.1" });
});
test.afterAll(async () => live.close());

test("another client's request shows in the live view as raw HTTP, lints and a diagram step, its token redacted", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${live.origin}${pagesBase}live/`);
  const view = page.locator("live-view");
  await expect(view).toHaveAttribute("data-ready", "");
  await expect(view.locator("[data-live-status]")).toContainText("no exchanges yet");

  const token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.bm90LWEtcmVhbC1zaWduYXR1cmU";
  const sent = await fetch(`${live.origin}${pagesBase}api/oauth/mcp`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "User-Agent": "curl/8.5.0" },
    body: "{}",
  });
  expect(sent.status).toBe(401);

  const entry = view.locator("[data-exchange-log] article").first();
  await expect(entry.locator("h3")).toContainText("curl/8.5.0: POST → 401 Unauthorized");
  await expect(entry.locator(".lab-request-line")).toContainText("Authorization: Bearer [redacted]");
  await expect(entry.locator(".lab-lints")).toContainText("What the RFCs say");
  await entry.locator(".lab-raw summary").click();
  await expect(entry.locator(".lab-raw")).toContainText(`POST ${pagesBase}api/oauth/mcp HTTP/1.1`);
  await expect(entry.locator(".lab-raw")).toContainText('error="invalid_token"');
  await expect(view.locator("[data-diagram-steps]")).toContainText("Client to server: POST");
  await expect(view.locator("[data-mcp-url]")).toHaveText(`${live.origin}${pagesBase}api/oauth/mcp`);
  expect(await page.content()).not.toContain(token);
  expect(errors).toEqual([]);

  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .include("live-view")
    .setLegacyMode(true)
    .analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
});

test("on the static site the live view says it needs npm start", async ({ page }) => {
  await page.goto("live/");
  await expect(page.locator("[data-live-status]")).toHaveText(/needs the live server: run npm start/);
  await expect(page.locator("[data-live-status]")).toHaveAttribute("data-state", "off");
});
