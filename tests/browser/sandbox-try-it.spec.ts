import { test, expect } from "./fixtures.ts";
import { expectCleanPage } from "./sandbox-helpers.ts";

test("a status page's 'try it' loads the sandbox only on the first click, then shows the exchange", async ({
  page,
  watch,
}) => {
  await page.goto("status/429/");
  await page.waitForLoadState("networkidle");
  const firstLoad = [...watch.scriptUrls];
  // No diagram or highlighter JavaScript on a content page, and no sandbox runtime before the click.
  expect(firstLoad.filter((url) => /mermaid|shiki|highlight|try-it-runtime|exchange-view/i.test(url))).toEqual([]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

  const tryIt = page.locator("status-try-it");
  await expect(tryIt.getByRole("link", { name: "open it in the full sandbox" })).toHaveAttribute(
    "href",
    "/http-status-lab/sandbox/?endpoint=status%2F429",
  );
  await tryIt.getByRole("button", { name: "Send GET api/status/429" }).click();
  const exchange = tryIt.locator(".lab-exchange").first();
  await expect(exchange.locator(".lab-status-line")).toHaveText("HTTP/1.1 429 Too Many Requests");
  await expect(exchange.locator(".lab-headers")).toContainText(/retry-after/i);
  await expect(tryIt).toHaveAttribute("data-ready", "service-worker");
  await expect(tryIt.locator("[data-announce]")).toContainText("429");
  expect(watch.scriptUrls.filter((url) => /mermaid|shiki|highlight/i.test(url))).toEqual([]);

  await tryIt.getByRole("button", { name: "Send GET api/status/429" }).click();
  await expect(tryIt.locator(".lab-exchange")).toHaveCount(2);
  expectCleanPage(watch);
});

test("'open it in the full sandbox' points the sandbox at the endpoint", async ({ page }) => {
  await page.goto("status/429/");
  await page.locator("status-try-it").getByRole("link", { name: "open it in the full sandbox" }).click();
  await expect(page.locator("auth-sandbox input[name=endpoint]")).toHaveValue("status/429");
  await expect(page.locator("auth-sandbox").getByLabel("None")).toBeChecked();
});

test("304's 'try it' sends the conditional GET its exchange shows, and gets 304", async ({ page }) => {
  await page.goto("status/304/");
  const tryIt = page.locator("status-try-it");
  // The page says what is sent; 429's neighbour above sends a plain GET.
  await tryIt.getByRole("button", { name: 'Send GET api/status/304 with If-None-Match: "33a64df5"' }).click();
  const exchange = tryIt.locator(".lab-exchange").first();
  await expect(exchange.locator(".lab-status-line")).toHaveText("HTTP/1.1 304 Not Modified");
  await expect(exchange.locator(".lab-headers")).toContainText('"33a64df5"');
});
