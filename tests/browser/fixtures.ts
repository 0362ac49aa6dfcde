import { test as base, expect, type Page } from "@playwright/test";

/** What a page did that a reader would not want: console errors, uncaught exceptions, foreign requests. */
export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  scriptUrls: string[];
}

/** Every test gets a watch on the page: errors, and requests that leave the page's origin. */
export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL ?? "http://127.0.0.1").origin;
    const watch: PageWatch = { consoleErrors: [], pageErrors: [], foreignRequests: [], scriptUrls: [] };
    page.on("console", (message) => {
      if (message.type() === "error") watch.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => watch.pageErrors.push(error.message));
    page.context().on("request", (request) => {
      const url = request.url();
      if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin)
        watch.foreignRequests.push(url);
      if (request.resourceType() === "script") watch.scriptUrls.push(url);
    });
    await use(watch);
  },
});

/**
 * Waits until the sandbox on the page says it is ready, and returns how it answers. It is scrolled
 * into view first, as a reader would: the 401 page's sandbox starts when it nears the viewport.
 */
export async function sandboxReady(page: Page, selector = "basic-auth-sandbox"): Promise<string> {
  const sandbox = page.locator(selector).first();
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute("data-ready", /.+/, { timeout: 15_000 });
  return (await sandbox.getAttribute("data-ready")) ?? "";
}

export { expect };
