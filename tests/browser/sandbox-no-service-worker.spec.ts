import { test, expect, sandboxReady } from "./fixtures.ts";
import { expectCleanPage, newest, pick, sendLikeBrowser, statuses, diagram } from "./sandbox-helpers.ts";

// Firefox private windows, plain-http LAN addresses and hard reloads have no service worker:
// the same handlers answer in the page, and a quiet note says so.
test.use({ serviceWorkers: "block" });

test("without a service worker the sandbox answers in the page, says so, and runs every scheme", async ({
  page,
  watch,
}) => {
  await page.goto("sandbox/");
  expect(await sandboxReady(page, "auth-sandbox")).toBe("in-page");
  const sandbox = page.locator("auth-sandbox");
  await expect(sandbox.locator("[data-sandbox-status]")).toContainText("answering in the page");
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

  await pick(sandbox, "basic");
  await sendLikeBrowser(sandbox);
  expect(await statuses(sandbox, 2)).toEqual(["200", "401"]);
  await expect(newest(sandbox).locator(".lab-request-line")).toContainText("(answered in the page)");

  await pick(sandbox, "digest-auth-SHA-512-256");
  await sendLikeBrowser(sandbox);
  expect((await statuses(sandbox, 4)).slice(0, 2)).toEqual(["200", "401"]);

  await pick(sandbox, "bearer-demo-expired");
  await sendLikeBrowser(sandbox);
  expect((await statuses(sandbox, 6)).slice(0, 2)).toEqual(["401", "401"]);
  await expect(newest(sandbox).locator(".lab-outcome")).toContainText("invalid_token");
  await expect((await diagram(sandbox)).locator("svg")).toHaveCount(1, { timeout: 15_000 });
  expectCleanPage(watch);
});

test("without a service worker the 401 page's sandbox and a status page's 'try it' answer in the page", async ({
  page,
  watch,
}) => {
  await page.goto("status/401/");
  expect(await sandboxReady(page, "basic-auth-sandbox")).toBe("in-page");
  await page
    .locator("basic-auth-sandbox")
    .getByRole("button", { name: /with these credentials/ })
    .click();
  await expect(page.locator("basic-auth-sandbox .lab-exchange .lab-status-line")).toHaveText("HTTP/1.1 200 OK");

  await page.goto("status/404/");
  const tryIt = page.locator("status-try-it");
  await tryIt.getByRole("button", { name: /Send/ }).click();
  await expect(tryIt.locator(".lab-exchange .lab-status-line")).toHaveText("HTTP/1.1 404 Not Found");
  await expect(tryIt).toHaveAttribute("data-ready", "in-page");
  await expect(tryIt.locator("[data-sandbox-status]")).toContainText("answers inside the page");
  expectCleanPage(watch);
});
