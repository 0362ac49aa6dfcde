import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";

const statusPageCount = readdirSync(join(process.cwd(), "src/content/status")).filter((name) =>
  name.endsWith(".mdx"),
).length;

/** Moves the focus to the filter box with the Tab key only, as a keyboard user would. */
async function tabToFilter(page: Page): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.id === "status-filter")) return;
  }
  throw new Error("The filter box cannot be reached with the Tab key.");
}

/** Selects what is in the focused filter box and replaces it by typing. */
async function typeFilter(page: Page, text: string): Promise<void> {
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

const visibleCodes = (page: Page) =>
  page
    .locator("status-explorer li[data-code]:visible")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-code")));

test.describe("the explorer", () => {
  test("lists every status page, grouped by class, linked under the base path", async ({ page, watch }) => {
    await page.goto("");
    const explorer = page.locator("status-explorer");
    await expect(explorer.locator("li[data-code]")).toHaveCount(statusPageCount);
    await expect(explorer.getByRole("heading", { level: 3 })).toHaveText([
      "1xx Informational",
      "2xx Successful",
      "3xx Redirection",
      "4xx Client error",
      "5xx Server error",
    ]);
    await expect(explorer.getByRole("link", { name: "401 Unauthorized" })).toHaveAttribute(
      "href",
      "/http-status-lab/status/401/",
    );
    await expect(explorer.locator("li[data-code='305']")).toContainText("deprecated");
    await expect(explorer.locator("li[data-code='499']")).toContainText("unofficial");
    await expect(explorer.getByRole("status")).toHaveText(`All ${statusPageCount} codes shown`);

    // Every link leads to a page that exists on the base-path build.
    const hrefs = await explorer
      .locator("li a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(hrefs.every((href) => /^\/http-status-lab\/status\/\d{3}\/$/.test(href))).toBe(true);
    for (const href of hrefs) expect((await page.request.get(href)).status(), href).toBe(200);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  test("filters by number, name and keyword with the keyboard alone, without a reload", async ({ page, watch }) => {
    await page.goto("");
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const status = page.locator("status-explorer").getByRole("status");
    await tabToFilter(page);

    await typeFilter(page, "40");
    const forties = await visibleCodes(page);
    expect(forties.length).toBeGreaterThan(1);
    expect(forties.every((code) => code?.startsWith("40"))).toBe(true);
    expect(forties).toContain("404");
    await expect(status).toHaveText(`${forties.length} codes match`);
    await expect(page.getByRole("heading", { name: "2xx Successful" })).toBeHidden();

    await typeFilter(page, "redirect");
    const redirects = await visibleCodes(page);
    expect(redirects).toEqual(expect.arrayContaining(["301", "302", "303", "307", "308"]));
    expect(redirects).not.toContain("404");
    await expect(status).toHaveText(`${redirects.length} codes match`);

    await typeFilter(page, "teapot");
    expect(await visibleCodes(page)).toEqual(["418"]);
    await expect(status).toHaveText("1 code matches");

    await typeFilter(page, "xyzzy");
    expect(await visibleCodes(page)).toEqual([]);
    await expect(status).toHaveText("No codes match");

    await typeFilter(page, "teapot");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // On to the one result, still with the keyboard.
    await page.keyboard.press("Tab");
    await expect(page.locator("status-explorer li[data-code='418'] a")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/http-status-lab\/status\/418\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("418 (Unused)");
    expect(watch.consoleErrors).toEqual([]);
  });

  for (const size of [
    { width: 390, height: 844 },
    { width: 1024, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    test(`${size.width}×${size.height}: the words people type find codes, the placeholder's own examples too, and Enter opens a single match`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.goto("");
      const input = page.locator("#status-filter");
      const examples = ((await input.getAttribute("placeholder")) ?? "")
        .split(",")
        .map((example) => example.replace("…", "").trim());
      expect(examples.length).toBeGreaterThan(1);
      for (const example of examples) {
        await input.fill(example);
        expect((await visibleCodes(page)).length, `the placeholder's example "${example}"`).toBeGreaterThan(0);
      }
      const expected: Array<[string, string[]]> = [
        ["cache", ["304", "504"]],
        ["rate limit", ["429"]],
        ["too many", ["429"]],
        ["login", ["401", "407", "511"]],
        ["auth", ["401", "403", "407"]],
        ["forbidden", ["403"]],
        ["not found", ["404"]],
        ["timeout", ["408", "504"]],
        ["redirects", ["301", "302", "303", "307", "308"]],
      ];
      for (const [query, codes] of expected) {
        await input.fill(query);
        const shown = await visibleCodes(page);
        expect(shown, query).toEqual(expect.arrayContaining(codes));
        expect(shown, `${query} does not list 200`).not.toContain("200");
      }

      // Enter with several matches stays on the page; with one, it opens that code's page.
      await input.fill("timeout");
      await input.press("Enter");
      await expect(page.locator("status-explorer").getByRole("status")).toHaveText(/\d+ codes match/);
      expect(new URL(page.url()).pathname).toBe("/http-status-lab/");
      await input.fill("teapot");
      await input.press("Enter");
      await expect(page).toHaveURL(/\/http-status-lab\/status\/418\/$/);
    });
  }

  test("shows the full list, and no dead filter box, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("");
    await expect(page.locator("status-explorer li[data-code]:visible")).toHaveCount(statusPageCount);
    await expect(page.locator("#status-filter")).toBeHidden();
    await context.close();
  });

  test("the sidebar of a status page groups codes by class under the base path", async ({ page }) => {
    await page.goto("status/308/");
    const sidebar = page.locator("#starlight__sidebar");
    const current = sidebar.locator('a[aria-current="page"]');
    await expect(current).toHaveText(/308 Permanent Redirect/);
    await expect(current).toHaveAttribute("href", "/http-status-lab/status/308/");
    await expect(sidebar.locator("summary", { hasText: "3xx Redirection" })).toBeVisible();
    await expect(sidebar.locator("summary", { hasText: "Unofficial codes" })).toBeVisible();
  });
});

test("home: on a phone the status filter is on the first screen, above the cards; on a laptop the cards come first", async ({
  page,
}) => {
  const top = (selector: string) => page.locator(selector).evaluate((node) => node.getBoundingClientRect().top);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("");
  const filter = page.getByLabel("Filter by number, name or keyword");
  const box = await filter.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  expect(await top(".lab-home-cards")).toBeGreaterThan(box!.y);
  // The neighbour: at 1280×800 the cards still stand under the hero, before every status code.
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await top(".lab-home-cards")).toBeLessThan(800);
  expect(await top(".lab-home-cards")).toBeLessThan((await filter.boundingBox())!.y);
});
