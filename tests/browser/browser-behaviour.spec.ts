import data from "../../src/data/browser-behaviour.json" with { type: "json" };
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";

/** The section's table for one code: its rows by their header, without the "(differs)" mark. */
const section = (page: Page) => page.locator("h2#what-browsers-do ~ table").first();
const row = (page: Page, label: string) =>
  section(page)
    .locator("tbody tr")
    .filter({ has: page.locator("th", { hasText: label }) });

test("a status page says what browsers do, from the measured data, and marks where the engines differ", async ({
  page,
}) => {
  await page.goto("status/301/");
  const intro = page.locator("h2#what-browsers-do + p");
  const major = (version: string) => version.split(".")[0];
  await expect(intro).toContainText(
    `Measured in Chromium ${major(data.engines.chromium)} and Firefox ${major(data.engines.firefox)} on`,
  );
  await expect(section(page).locator("caption")).toHaveText("What each engine did with a 301 response");
  const cache = row(page, "The same fetch again");
  const reused = data.codes["301"];
  const expected = (flag: boolean) => (flag ? "answered from the cache, no request" : "sent to the server again");
  await expect(cache.locator("td")).toHaveText([
    expected(reused.chromium.reusedFromCache),
    expected(reused.firefox.reusedFromCache),
  ]);
  // Marked exactly when the engines' cells differ.
  const differs = reused.chromium.reusedFromCache !== reused.firefox.reusedFromCache;
  await expect(cache.locator(".lab-differs")).toHaveCount(differs ? 1 : 0);
  await expect(row(page, "A POST with content, after the redirect").locator("td")).toHaveText([
    "GET, content dropped",
    "GET, content dropped",
  ]);
  await expect(row(page, "A POST with content, after the redirect").locator(".lab-differs")).toHaveCount(0);
  await expect(page.locator("h2#what-browsers-do ~ p", { hasText: "npm start" }).last()).toContainText("CORS");
});

test("the 401 page adds the login schemes each engine's dialog answers, and says the sandbox cannot show the dialog", async ({
  page,
}) => {
  await page.goto("status/401/");
  const logins = page.locator("table.lab-behaviour", { hasText: "Which login challenges" });
  await expect(logins.locator("tbody th")).toHaveText(Object.keys(data.logins.chromium));
  await expect(page.locator("h2#what-browsers-do ~ p", { hasText: "npm start" }).last()).toContainText(
    "never that dialog",
  );
  // A 200 page has no POST row (no redirect) and no login table.
  await page.goto("status/200/");
  await expect(row(page, "A POST with content")).toHaveCount(0);
  await expect(page.locator("table.lab-behaviour")).toHaveCount(1);
});
