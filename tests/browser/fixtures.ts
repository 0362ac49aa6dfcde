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
 * The redirect hops a page's fetch never followed: Chrome lists a 3xx's Location as a request
 * (redirected from the page's origin), and a fetch with redirect: "manual" aborts it before any
 * connection. The OAuth lessons' authorization responses redirect so to the loopback redirect URI;
 * a test takes these out of `watch.foreignRequests` and asserts nothing else left the origin.
 */
export function unfollowedRedirects(page: Page): Set<string> {
  const hops = new Set<string>();
  page.context().on("requestfailed", (request) => {
    const from = request.redirectedFrom();
    if (
      from !== null &&
      new URL(from.url()).origin === new URL(page.url()).origin &&
      request.failure()?.errorText === "net::ERR_ABORTED"
    )
      hops.add(request.url());
  });
  return hops;
}

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
