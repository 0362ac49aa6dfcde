import { test, expect } from "./fixtures.ts";
import { entries, expectCleanPage, newest, openSandbox, sendLikeBrowser, statuses } from "./sandbox-helpers.ts";

// A page's fetch(..., { redirect: "manual" }) gets an opaque redirect (status 0, no fields) for a
// 3xx; the sandbox client must still show what the handler sent, through the real service worker.
const reasons: Record<number, string> = {
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
};

for (const [code, reason] of Object.entries(reasons)) {
  test(`${code}: "Try it" shows the real status line and Location; "Send like a browser" shows the chain it followed`, async ({
    page,
    watch,
  }) => {
    await page.goto(`status/${code}/`);
    const tryIt = page.locator("status-try-it");
    await tryIt.getByRole("button", { name: `Send GET api/status/${code}` }).click();
    const exchange = tryIt.locator(".lab-exchange").first();
    await expect(exchange.locator(".lab-status-line")).toHaveText(`HTTP/1.1 ${code} ${reason}`);
    await expect(exchange.locator(".lab-headers tr", { hasText: /^location/i })).toContainText(
      "/http-status-lab/api/status/200",
    );
    await expect(tryIt).toHaveAttribute("data-ready", "service-worker");

    const sandbox = await openSandbox(page, `sandbox/?endpoint=status/${code}`);
    await expect(sandbox).toHaveAttribute("data-ready", "service-worker");
    await sandbox.getByLabel("None").check();
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["200", code]);
    const redirect = entries(sandbox).first();
    await expect(redirect.locator(".lab-status-line")).toHaveText(`HTTP/1.1 ${code} ${reason}`);
    await expect(redirect.locator(".lab-headers")).toContainText("/http-status-lab/api/status/200");
    await expect(newest(sandbox).locator("h3")).toContainText(
      `Followed the ${code} ${reason} to /http-status-lab/api/status/200`,
    );
    await expect(newest(sandbox).locator(".lab-outcome")).toContainText(
      `Followed 1 redirect (${code} → /http-status-lab/api/status/200)`,
    );
    expectCleanPage(watch);
  });
}

test("the neighbour: a 3xx sent exactly as built is shown, not followed", async ({ page }) => {
  const sandbox = await openSandbox(page, "sandbox/?endpoint=status/302");
  await sandbox.getByLabel("None").check();
  await sandbox.getByRole("button", { name: "Send", exact: true }).click();
  expect(await statuses(sandbox, 1)).toEqual(["302"]);
  await expect(newest(sandbox).locator(".lab-status-line")).toHaveText("HTTP/1.1 302 Found");
});
