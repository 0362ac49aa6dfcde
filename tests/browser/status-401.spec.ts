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
