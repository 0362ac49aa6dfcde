import { test, expect } from "./fixtures.ts";

/**
 * Site search (src/components/SiteSearch.astro): Pagefind's UI loads only when the reader opens
 * the dialog, the keyboard shortcut opens it with the focus in the field, and results link under
 * the base path.
 */
test("search loads on demand, opens with Ctrl+K, and finds the 401 page under the base path", async ({
  page,
  watch,
  baseURL,
}) => {
  await page.goto("status/404/");
  await page.waitForLoadState("networkidle");
  expect(
    watch.scriptUrls.filter((url) => /pagefind/i.test(url)),
    "no search code before the reader asks",
  ).toEqual([]);

  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Search" });
  await expect(dialog).toBeVisible();
  const field = dialog.locator(".pagefind-ui__search-input");
  await expect(field).toBeFocused({ timeout: 10_000 });
  await page.keyboard.type("Unauthorized");
  const first = dialog.locator(".pagefind-ui__result-link").first();
  await expect(first).toBeVisible({ timeout: 10_000 });
  const hrefs = await dialog
    .locator(".pagefind-ui__result-link")
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  expect(hrefs.some((href) => href.startsWith(new URL("status/401/", baseURL).href))).toBe(true);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Search" }).first()).toHaveAttribute(
    "aria-keyshortcuts",
    /^(Control|Meta)\+K$/,
  );
  expect(watch.pageErrors).toEqual([]);
});

test("searching 401 finds the 401 page, and no result is a lesson's toolbar", async ({ page, baseURL }) => {
  await page.goto("status/404/");
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Search" });
  await expect(dialog.locator(".pagefind-ui__search-input")).toBeFocused({ timeout: 10_000 });
  await page.keyboard.type("401");
  await expect(dialog.locator(".pagefind-ui__result").first()).toBeVisible({ timeout: 10_000 });
  const results = await dialog.locator(".pagefind-ui__result").evaluateAll((items) =>
    items.map((item) => ({
      href: item.querySelector("a")?.href ?? "",
      excerpt: item.querySelector(".pagefind-ui__result-excerpt")?.textContent ?? "",
    })),
  );
  expect(results.slice(0, 2).map((result) => result.href)).toContain(new URL("status/401/", baseURL).href);
  for (const { excerpt } of results)
    expect(excerpt).not.toMatch(/Previous step|Run request|Presenter (notes|tools)|Presentation mode|Step 1 of/);

  // Controls are not content: the words only a button says find nothing; a lesson's own words do.
  const field = dialog.locator(".pagefind-ui__search-input");
  const links = dialog.locator(".pagefind-ui__result-link");
  for (const [query, found] of [
    ["Ask without credentials", true],
    ["Presenter tools", false],
    ["Clear the log", false],
    ["Send with a wrong password", false],
  ] as const) {
    await field.fill(query);
    if (found) await expect(links.first(), query).toBeVisible({ timeout: 10_000 });
    else await expect(dialog.locator(".pagefind-ui__message"), query).toHaveText(/No results/, { timeout: 10_000 });
  }
});
