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
  // The UI searches as the reader types: wait for the answer to the whole word.
  await expect(dialog.locator(".pagefind-ui__message")).toHaveText(/results? for Unauthorized/, { timeout: 10_000 });
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
  await expect(dialog.locator(".pagefind-ui__message")).toHaveText(/results? for 401/, { timeout: 10_000 });
  await expect(dialog.locator(".pagefind-ui__result").first()).toBeVisible({ timeout: 10_000 });
  // Pagefind draws each result's frame first and fills in its link and excerpt as its fragment
  // arrives: read them once the first three have their links.
  const readResults = () =>
    dialog.locator(".pagefind-ui__result").evaluateAll((items) =>
      items.map((item) => ({
        href: item.querySelector("a")?.href ?? "",
        excerpt: item.querySelector(".pagefind-ui__result-excerpt")?.textContent ?? "",
      })),
    );
  await expect
    .poll(async () => (await readResults()).slice(0, 3).map((result) => result.href), { timeout: 10_000 })
    .toContain(new URL("status/401/", baseURL).href);
  const results = await readResults();
  for (const { excerpt } of results)
    expect(excerpt).not.toMatch(/Previous step|Run request|Presenter (notes|tools)|Presentation mode|Step 1 of/);

  // Controls are not content: no result quotes what only a button says; a lesson's step title is found.
  const field = dialog.locator(".pagefind-ui__search-input");
  const excerpts = async () => (await dialog.locator(".pagefind-ui__result-excerpt").allTextContents()).join(" | ");
  for (const query of ["Presenter tools", "Clear the log", "Send with a wrong password"]) {
    await field.fill(query);
    await expect(dialog.locator(".pagefind-ui__message")).toHaveText(new RegExp(`for ${query}`), { timeout: 10_000 });
    // Excerpts load after the list (". . ." until then).
    await expect.poll(excerpts, { timeout: 10_000 }).not.toMatch(/^[ .]+$|\| [ .]+( \||$)/);
    expect((await excerpts()).toLowerCase(), query).not.toContain(query.toLowerCase());
  }
  await field.fill("Ask without credentials");
  await expect(dialog.locator(".pagefind-ui__result-link").first()).toBeVisible({ timeout: 10_000 });
  await expect(dialog.locator('.pagefind-ui__result-link[href$="/workshop/01-basic-handshake/"]')).toHaveCount(1);
});
