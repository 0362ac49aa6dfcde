import { test, expect } from "./fixtures.ts";
import {
  diagram,
  entries,
  expectCleanPage,
  newest,
  openSandbox,
  pick,
  send,
  sendLikeBrowser,
  statuses,
} from "./sandbox-helpers.ts";

test.describe("the sandbox's views", () => {
  test("challenge parameters explain themselves on hover and on keyboard focus; Escape hides the tooltip", async ({
    page,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "digest-auth-SHA-256");
    await sandbox.getByLabel("None").check();
    await send(sandbox);
    const challenge = newest(sandbox).locator(".lab-explained").first();
    for (const name of ["realm", "qop", "algorithm", "nonce", "opaque", "charset", "userhash"]) {
      await expect(challenge.getByRole("button", { name: `${name}, what it means`, exact: true })).toBeVisible();
    }
    const nonce = challenge.getByRole("button", { name: "nonce, what it means", exact: true });
    const tipId = await nonce.getAttribute("aria-describedby");
    const tip = page.locator(`[id="${tipId}"]`);
    await expect(tip).toBeHidden();
    await nonce.hover();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText("RFC 7616 §3.3");
    await page.mouse.move(0, 0);
    await expect(tip).toBeHidden();

    // Keyboard: focus the term with Tab from the one before it, and the same sentence shows.
    await challenge.getByRole("button", { name: "realm, what it means", exact: true }).focus();
    // Tab passes the realm's RFC link, then reaches the next term.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    await expect(focused).toHaveClass(/lab-term/);
    const focusedTip = page.locator(`[id="${await focused.getAttribute("aria-describedby")}"]`);
    await expect(focusedTip).toBeVisible();
    await expect(focused).toHaveAccessibleDescription(/.+/);
    await page.keyboard.press("Escape");
    await expect(focusedTip).toBeHidden();

    // Bearer's scope and error, and Basic's charset, are explained as well.
    await pick(sandbox, "bearer-demo-read-only");
    await send(sandbox);
    const bearer = newest(sandbox).locator(".lab-explained").first();
    // By keyboard (the last press was the mouse's, so a focus by script would not show it): Tab
    // from the realm, past its RFC link, to the error.
    const error = bearer.getByRole("button", { name: "error, what it means", exact: true });
    const realm = bearer.getByRole("button", { name: "realm, what it means", exact: true });
    // Tried again from the realm if a late render of the entry took the focus away mid-walk.
    await expect(async () => {
      await realm.focus();
      for (
        let presses = 0;
        presses < 4 && !(await error.evaluate((node) => node === document.activeElement));
        presses++
      )
        await page.keyboard.press("Tab");
      await expect(error).toBeFocused({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(bearer.getByRole("tooltip").filter({ hasText: "insufficient_scope (403)" })).toBeVisible();
    await expect(bearer.getByRole("button", { name: "scope, what it means", exact: true })).toBeVisible();
  });

  test("the auth panel shows only the fields of the chosen scheme", async ({ page }) => {
    const sandbox = await openSandbox(page);
    // The demo tokens are published on the page whatever the panel shows.
    const published = page
      .locator("main table")
      .filter({ hasText: "demo-read-only" })
      .filter({ hasNot: page.locator("button") });
    await expect(published).toBeVisible();
    await expect(published.locator("tbody tr")).toHaveCount(3);
    await pick(sandbox, "bearer-demo-read-write");
    await expect(sandbox.getByLabel("Token")).toBeVisible();
    await expect(sandbox.getByLabel("User name")).toBeHidden();
    await expect(sandbox.getByRole("table", { name: /demo tokens/ })).toBeVisible();
    await sandbox.getByLabel("Digest").check();
    await expect(sandbox.getByLabel("User name")).toBeVisible();
    await expect(sandbox.getByLabel("Password")).toBeVisible();
    await expect(sandbox.getByLabel("Token")).toBeHidden();
    await sandbox.getByLabel("None").check();
    await expect(sandbox.getByLabel("User name")).toBeHidden();
    await expect(sandbox.getByLabel("Authorization value, sent as typed")).toBeHidden();
  });

  test("lints link their RFC sections", async ({ page }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic");
    await sandbox.getByLabel("Raw Authorization").check();
    await sandbox.getByLabel("Authorization value, sent as typed").fill("Basic bm9jb2xvbg==");
    await send(sandbox);
    const finding = newest(sandbox).locator('.lab-finding[data-finding="basic-credentials-invalid"]');
    await expect(finding).toBeVisible();
    await expect(finding.getByRole("link", { name: "RFC 7617 §2" })).toHaveAttribute(
      "href",
      "https://www.rfc-editor.org/rfc/rfc7617#section-2",
    );
  });

  test("the sequence diagram: no Mermaid before the first exchange, then drawn and redrawn, with a text alternative", async ({
    page,
    watch,
  }) => {
    const sandbox = await openSandbox(page);
    await page.waitForLoadState("networkidle");
    expect(watch.scriptUrls.filter((url) => /mermaid|sequenceDiagram/i.test(url))).toEqual([]);
    await expect(sandbox.locator("[data-diagram-svg] svg")).toHaveCount(0);

    await pick(sandbox, "basic");
    await sendLikeBrowser(sandbox);
    await statuses(sandbox, 2);
    const drawing = await diagram(sandbox);
    await expect(drawing.locator("svg")).toHaveCount(1, { timeout: 15_000 });
    await expect(drawing).toHaveAttribute("data-exchanges", "2");
    await expect(drawing.locator("svg")).toContainText("401 Unauthorized");
    await expect(drawing.locator("svg")).toContainText(/www-authenticate/i);
    expect(watch.scriptUrls.some((url) => /mermaid/i.test(url))).toBe(true);

    await pick(sandbox, "status-404");
    // Sent from the top of the page by keyboard (Ctrl+Enter), the diagram far below.
    await page.evaluate(() => window.scrollTo(0, 0));
    await sandbox.locator("input[name=endpoint]").press("Control+Enter");
    // Drawn only while on screen: it is not, so it waits until the reader looks.
    await expect(drawing).toHaveAttribute("data-stale", "");
    await diagram(sandbox);
    await expect(drawing).toHaveAttribute("data-exchanges", "3", { timeout: 15_000 });
    await expect(drawing.locator("svg")).toContainText("404 Not Found");
    const steps = sandbox.locator("[data-diagram-steps] li");
    await expect(steps).toHaveCount(6);
    await expect(steps.nth(0)).toHaveText(
      /^Client to server: GET \/http-status-lab\/api\/basic-auth\/user\/passwd, no credentials\.$/,
    );
    await expect(steps.nth(1)).toContainText(
      /^Server to client: 401 Unauthorized, www-authenticate: Basic realm="HTTP Status Lab"/i,
    );
    await expect(steps.nth(5)).toContainText("404 Not Found");
    expectCleanPage(watch);
  });

  test("copy as curl, fetch, Python and PHP: highlighted on demand, and the copy button copies the command", async ({
    page,
    context,
    watch,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic");
    // The highlighter is not part of the first load; it comes when there is code on screen.
    await page.waitForLoadState("networkidle");
    expect(watch.scriptUrls.filter((url) => /highlight|shellscript|shiki/i.test(url))).toEqual([]);
    await send(sandbox);
    await statuses(sandbox, 1);

    await newest(sandbox).getByRole("button", { name: "Copy as…" }).click();
    const panel = sandbox.locator("[data-copy-as]");
    const code = panel.locator("[data-code]");
    await expect(code).toContainText(/^curl --include \\\n {2}--header 'Authorization: Basic dXNlcjpwYXNzd2Q=' \\\n/);
    // The live server's address (sandbox-copy-as.spec.ts), not the page's, whose API is the service worker.
    await expect(code).toContainText("http://localhost:4321/api/basic-auth/user/passwd");
    await expect(code).toHaveAttribute("data-highlighted", "", { timeout: 10_000 });
    await expect(code.locator("span[style]").first()).toBeAttached();
    await panel.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(panel.locator("[data-copy-status]")).toHaveText("Copied.");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^curl --include/);
    expect(copied).toContain("Authorization: Basic dXNlcjpwYXNzd2Q=");

    for (const [tab, text] of [
      ["fetch", "await fetch("],
      ["Python", "import requests"],
      ["PHP", "curl_init("],
    ] as const) {
      await panel.getByRole("tab", { name: tab }).click();
      await expect(code).toContainText(text);
      await expect(code).toHaveAttribute("data-highlighted", "", { timeout: 10_000 });
    }
    // Arrow keys move between the tabs.
    await panel.getByRole("tab", { name: "PHP" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(panel.getByRole("tab", { name: "curl" })).toHaveAttribute("aria-selected", "true");
    expectCleanPage(watch);
  });

  test("selecting an older exchange shows its request as code", async ({ page }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "status-404");
    await send(sandbox);
    await pick(sandbox, "bearer-demo-read-write");
    await send(sandbox);
    await statuses(sandbox, 2);
    await entries(sandbox).first().getByRole("button", { name: "Copy as…" }).click();
    await expect(sandbox.locator("[data-code]")).toContainText("api/status/404");
    await expect(entries(sandbox).first()).toHaveAttribute("data-selected", "");
  });

  test("the log and the form survive a reload; no password or token reaches storage or the address", async ({
    page,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic");
    await sandbox.getByLabel("Password").fill("Zq9-secret-password");
    await sendLikeBrowser(sandbox);
    await statuses(sandbox, 2);
    await pick(sandbox, "bearer-demo-read-write");
    await sandbox.getByLabel("Token").fill("Zq9-secret-token");
    await send(sandbox);
    await statuses(sandbox, 3);
    await sandbox.getByLabel("Raw Authorization").check();
    await sandbox.getByLabel("Authorization value, sent as typed").fill("Custom Zq9-secret-raw");
    await sandbox.locator("textarea[name=body]").fill("kept across the reload");
    await sandbox.locator("input[name=endpoint]").fill("status/418");

    await page.reload();
    const restored = page.locator("auth-sandbox");
    await expect(entries(restored)).toHaveCount(3);
    await expect(restored.locator("input[name=endpoint]")).toHaveValue("status/418");
    // The address names the request kept in this tab, so the reload keeps what it does not name.
    await expect(restored.locator("textarea[name=body]")).toHaveValue("kept across the reload");
    await expect(restored.getByLabel("Raw Authorization")).toBeChecked();
    await expect(restored.locator("input[name=password]")).toHaveValue("");
    await expect(restored.locator("input[name=token]")).toHaveValue("");
    await expect(restored.locator("input[name=raw]")).toHaveValue("");
    await expect(newest(restored).locator(".lab-note")).toContainText("not kept");
    await expect(newest(restored).locator(".lab-request-line")).toContainText("Bearer [not kept after a reload]");

    const stored = await page.evaluate(
      () => Object.entries(sessionStorage).join("\n") + Object.entries(localStorage).join("\n"),
    );
    expect(stored).toContain("status/418");
    for (const secret of [
      "Zq9-secret-password",
      "Zq9-secret-token",
      "Zq9-secret-raw",
      btoa("user:Zq9-secret-password"),
    ]) {
      expect(stored).not.toContain(secret);
      expect(page.url()).not.toContain(secret);
    }
    // A restored log is not drawn until asked (Mermaid stays out of the first load).
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
    expect(loaded.filter((url) => /mermaid/i.test(url))).toEqual([]);
    await expect(restored.getByRole("button", { name: "Show the diagram" })).toBeVisible();
  });
});
