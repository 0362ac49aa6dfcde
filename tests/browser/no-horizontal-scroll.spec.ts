import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";
import { sitemapPaths } from "./sitemap.ts";

/** No page of the built sitemap scrolls sideways on a 390 px phone. */

/** How far the page is wider than the screen, and the deepest elements that stick out. */
function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > width + 1))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
    return { excess: document.documentElement.scrollWidth - width, culprits };
  });
}

const paths = sitemapPaths();
const chunks = 4;

test("the sitemap lists the pages to check", () => {
  expect(paths.length).toBeGreaterThan(1);
});

// A few tests of many pages each, one browser page per test: a new page per path costs more than the check.
for (let chunk = 0; chunk < chunks; chunk += 1) {
  test(`390×844: no horizontal scroll, pages ${chunk + 1} of every ${chunks}`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    for (const path of paths.filter((_, index) => index % chunks === chunk)) {
      await page.goto(path);
      const { excess, culprits } = await overflow(page);
      if (excess > 0) wide.push(`/${path}: ${excess} px too wide (${culprits.join(", ")})`);
    }
    expect(wide).toEqual([]);
  });
}

test("the check sees a page that is too wide", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("sandbox/");
  await page.evaluate(() =>
    document
      .querySelector("main")
      ?.append(Object.assign(document.createElement("pre"), { textContent: "x".repeat(200) })),
  );
  await page.addStyleTag({
    content: "main pre:last-child { white-space: pre; overflow: visible; width: max-content; }",
  });
  expect((await overflow(page)).excess).toBeGreaterThan(0);
});
