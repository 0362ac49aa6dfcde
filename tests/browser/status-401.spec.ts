import type { Page } from "@playwright/test";
import { test, expect, sandboxReady } from "./fixtures.ts";

test.describe("the 401 page", () => {
  test("loads under the base path with no console error, every section, and no Mermaid script", async ({
    page,
    watch,
  }) => {
    const response = await page.goto("status/401/");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("401 Unauthorized");
    for (const section of [
      "Overview",
      "Purpose",
      "Usage",
      "Scenarios",
      "Sequence diagram",
      "Raw HTTP exchange",
      "Try it live",
      "What browsers do",
      "curl",
      "PHP cURL",
      "Python requests",
      "JavaScript fetch",
      "Apache configuration",
      "NGINX configuration",
      "Specification",
      "Often confused with",
    ]) {
      await expect(page.locator("main h2", { hasText: new RegExp(`^${section}$`) })).toHaveCount(1);
    }
    await sandboxReady(page);
    await page.waitForLoadState("networkidle");
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.scriptUrls.filter((url) => /mermaid/i.test(url))).toEqual([]);
    const inlineScripts = await page.locator("script:not([src])").allTextContents();
    expect(inlineScripts.some((text) => /mermaid/i.test(text))).toBe(false);
  });

  test("draws the sequence diagram as an inline SVG with an accessible title and description", async ({ page }) => {
    await page.goto("status/401/");
    const svg = page.locator("main .lab-diagram svg:visible");
    await expect(svg).toHaveCount(1);
    await expect(svg.locator("title")).toHaveText("The Basic authentication handshake");
    await expect(svg.locator("desc")).toContainText("WWW-Authenticate");
    // The challenge is a header of the 401 response, not a message of its own.
    await expect(svg).toContainText("401 Unauthorized");
    await expect(page.locator("main .lab-diagram img")).toHaveCount(0);
  });

  test("cites RFC 9110 §15.5.2 and §11.6.1 and RFC 7617, and links 403 and 407", async ({ page }) => {
    await page.goto("status/401/");
    const spec = page.locator("main");
    await expect(spec.locator('a[href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"]').first()).toBeVisible();
    await expect(spec.locator('a[href="https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1"]').first()).toBeVisible();
    await expect(spec.locator('a[href^="https://www.rfc-editor.org/rfc/rfc7617"]').first()).toBeVisible();
    await expect(page.locator('main dl a[href="/http-status-lab/status/403/"]')).toHaveText("403");
    await expect(page.locator('main dl a[href="/http-status-lab/status/407/"]')).toHaveText("407");
  });

  test("the sandbox runs the Basic handshake through a service worker at the base path", async ({ page, watch }) => {
    // What the reader sees before the worker is ready: disabled controls and a "starting" state.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        const sandbox = document.querySelector("basic-auth-sandbox");
        (window as unknown as { initial: object }).initial = {
          disabled: [...(sandbox?.querySelectorAll<HTMLButtonElement>("form button") ?? [])].map(
            (button) => button.disabled,
          ),
          status: sandbox?.querySelector("[data-sandbox-status]")?.textContent?.trim(),
        };
      });
    });
    await page.goto("status/401/");
    const initial = await page.evaluate(
      () => (window as unknown as { initial: { disabled: boolean[]; status: string } }).initial,
    );
    expect(initial.disabled).toEqual([true, true, true]);
    expect(initial.status).toBe("Starting the sandbox…");
    const sandbox = page.locator("basic-auth-sandbox");
    const send = (name: RegExp) => sandbox.getByRole("button", { name }).click();
    expect(await sandboxReady(page)).toBe("service-worker");
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
    expect(scope).toMatch(/\/http-status-lab\/$/);
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(controller).toMatch(/\/http-status-lab\/mockServiceWorker\.js$/);

    await send(/without credentials/);
    const first = sandbox.locator(".lab-exchange").last();
    await expect(first.locator(".lab-status-line")).toHaveText("HTTP/1.1 401 Unauthorized");
    await expect(first.locator("tr.lab-challenge")).toContainText('Basic realm="HTTP Status Lab", charset="UTF-8"');
    await expect(first.locator("tr.lab-challenge th")).toHaveText(/www-authenticate/i);

    await send(/with these credentials/);
    await expect(sandbox.locator(".lab-exchange").last().locator(".lab-status-line")).toHaveText("HTTP/1.1 200 OK");
    await expect(sandbox.locator(".lab-exchange").last().locator(".lab-body")).toContainText('"authenticated":true');

    await send(/wrong password/);
    await expect(sandbox.locator(".lab-exchange").last().locator(".lab-status-line")).toHaveText(
      "HTTP/1.1 401 Unauthorized",
    );
    await expect(sandbox.locator(".lab-exchange")).toHaveCount(3);
    await expect(sandbox.locator("[data-announce]")).toContainText("401 Unauthorized");

    // The raw HTTP/1.1 text of both messages.
    const raw = sandbox.locator(".lab-exchange").nth(1).locator(".lab-raw");
    await raw.locator("summary").click();
    await expect(raw.locator("figure").first()).toContainText(
      "GET /http-status-lab/api/basic-auth/user/passwd HTTP/1.1",
    );
    await expect(raw.locator("figure").first()).toContainText("Authorization: Basic dXNlcjpwYXNzd2Q=");
    await expect(raw.locator("figure").nth(1)).toContainText("HTTP/1.1 200 OK");

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  test("the sandbox is loaded and started only when its form nears the viewport", async ({ page, watch }) => {
    await page.goto("status/401/");
    await page.waitForLoadState("networkidle");
    const sandbox = page.locator("basic-auth-sandbox");
    const shellScripts = () => watch.scriptUrls.filter((url) => /\/sandbox-shell\.[\w-]+\.js$/.test(url));
    expect(await sandbox.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(
      2 * (page.viewportSize()?.height ?? 0),
    );
    expect(shellScripts()).toEqual([]);
    await expect(sandbox).not.toHaveAttribute("data-ready");
    expect(await sandboxReady(page)).toBe("service-worker");
    expect(shellScripts()).toHaveLength(1);
  });

  test("the user name and password come from the form and reach the endpoint's path", async ({ page }) => {
    await page.goto("status/401/");
    await sandboxReady(page);
    const sandbox = page.locator("basic-auth-sandbox");
    await sandbox.getByLabel("User name").fill("José");
    await sandbox.getByLabel("Password").fill("pä$$ 'w\"rd");
    await sandbox.getByRole("button", { name: /with these credentials/ }).click();
    await expect(sandbox.locator(".lab-exchange").last().locator(".lab-status-line")).toHaveText("HTTP/1.1 200 OK");
    await expect(sandbox.locator(".lab-exchange").last().locator(".lab-body")).toContainText("José");
    await sandbox.getByLabel("User name").fill("a:b");
    await sandbox.getByRole("button", { name: /with these credentials/ }).click();
    await expect(sandbox.locator("[data-sandbox-error]")).toContainText("cannot contain");
  });

  test("code samples are highlighted at build time and their copy buttons copy the code", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("status/401/");
    const curlBlock = page.locator("main .expressive-code").filter({ hasText: "curl -sS -i" }).first();
    // Highlighted: some token is drawn in another colour than the block's text.
    const colours = await curlBlock
      .locator("pre")
      .evaluate((pre) => [
        getComputedStyle(pre.querySelector("code") ?? pre).color,
        ...[...pre.querySelectorAll("code span")].map((span) => getComputedStyle(span).color),
      ]);
    expect(new Set(colours).size).toBeGreaterThan(1);
    await curlBlock.getByRole("button", { name: /copy/i }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("curl -sS -i http://localhost:4321/api/basic-auth/user/passwd");
  });
});

test("the home page introduces the site and links to the 401 page under the base path", async ({ page, watch }) => {
  await page.goto("");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("HTTP Status Lab");
  await page.getByRole("link", { name: "Start with 401 Unauthorized" }).click();
  await expect(page).toHaveURL(/\/http-status-lab\/status\/401\/$/);
  expect(watch.pageErrors).toEqual([]);
});

test("a missing path gets the site's 404 page, as on GitHub Pages", async ({ page }) => {
  const response = await page.goto("no/such/page/");
  expect(response?.status()).toBe(404);
  await expect(page.locator("main")).toContainText(/page not found/i);
});

/**
 * How far the 401 try-it's widest box reaches past the content column (px; ≤ 0 when it fits), and
 * where the table of contents starts, if there is one on screen.
 */
async function tryItReach(page: Page): Promise<{ past: number; tocLeft: number | undefined; scrollWidth: number }> {
  return page.evaluate(() => {
    const column = document.querySelector(".sl-markdown-content")?.getBoundingClientRect();
    // The live diagram scrolls sideways inside its own frame (never below 12 px text): the frame
    // counts, the drawing it clips does not.
    const boxes = [...document.querySelectorAll("main basic-auth-sandbox, main basic-auth-sandbox *")]
      .filter((node) => node.parentElement?.closest(".lab-diagram-live") == null)
      .map((node) => node.getBoundingClientRect().right);
    const toc = document.querySelector(".right-sidebar-container")?.getBoundingClientRect();
    return {
      past: Math.max(...boxes) - (column?.right ?? 0),
      tocLeft: toc === undefined || toc.width === 0 ? undefined : toc.left,
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${viewport.width}×${viewport.height} the 401 try-it stays in the content column with a 3,000-character login`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto("status/401/");
    await sandboxReady(page);
    const sandbox = page.locator("basic-auth-sandbox");
    const long = "A".repeat(3_000);
    await sandbox.getByLabel("User name").fill(long);
    await sandbox.getByLabel("Password").fill(long);
    await sandbox.getByRole("button", { name: /without credentials/ }).click();
    await sandbox.getByRole("button", { name: /with these credentials/ }).click();
    await expect(sandbox.locator(".lab-exchange")).toHaveCount(2);
    await sandbox
      .locator("details")
      .evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    // The request as sent is cut for reading, saying where the whole of it is.
    await expect(sandbox.locator(".lab-request-line").last()).toContainText("cut at 300 characters");

    const reach = await tryItReach(page);
    expect(reach.past, "no box of the try-it reaches past the column").toBeLessThanOrEqual(1);
    expect(reach.scrollWidth, "no sideways scroll").toBeLessThanOrEqual(viewport.width);
    if (viewport.width >= 1024) expect(reach.tocLeft, "the table of contents is beside it").toBeDefined();
    // The summaries take their own clicks (the table of contents once took them).
    const summary = sandbox.locator(".lab-exchange").last().locator(".lab-body summary");
    await summary.click({ timeout: 5_000 });
    await expect(summary.locator("xpath=..")).not.toHaveAttribute("open");

    // The neighbour: the same page with the log's track sized by its content and the request line
    // unbreakable does reach past the column, so the measure above can fail.
    await page.addStyleTag({
      content:
        ".lab-log { grid-template-columns: auto !important } .lab-request-line code { overflow-wrap: normal !important; white-space: nowrap !important }",
    });
    await sandbox.getByLabel("User name").fill("user");
    await sandbox.getByLabel("Password").fill(`${"B".repeat(400)}`);
    await sandbox.getByRole("button", { name: /with these credentials/ }).click();
    await expect(sandbox.locator(".lab-exchange")).toHaveCount(3);
    expect((await tryItReach(page)).past).toBeGreaterThan(100);
  });
}
