import { test, expect, sandboxReady } from "./fixtures.ts";
import { diagram, entries, expectCleanPage, openSandbox, pick, statuses, viewports } from "./sandbox-helpers.ts";

// Issue 12's workbench, at a phone's, a small laptop's and a desktop's size.

const secrets = ["Zq9-secret-password", "Zq9-secret-token", "Zq9-secret-raw"];

for (const viewport of viewports) {
  test.describe(`the sandbox workbench at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("Ctrl+Enter sends the default action: the 401 and its challenge first, then the 200, in the log's order and the diagram's", async ({
      page,
      watch,
    }) => {
      const sandbox = await openSandbox(page);
      const form = sandbox.locator("form");
      const log = sandbox.locator(".lab-results");
      // Side by side from 1200 px (sandbox.css): at 1024 each column would be narrower than the log needs.
      const wide = viewport.width >= 1200;
      const [formBox, logBox] = [await form.boundingBox(), await log.boundingBox()];
      if (formBox === null || logBox === null) throw new Error("the form and the log are laid out");
      if (wide) {
        // Side by side: the log starts right of the form, on the same rows.
        expect(logBox.x).toBeGreaterThanOrEqual(formBox.x + formBox.width);
        expect(logBox.y).toBeLessThan(formBox.y + formBox.height);
      } else {
        // One column: the log below the form.
        expect(logBox.y).toBeGreaterThanOrEqual(formBox.y + formBox.height);
      }

      await sandbox.locator("input[name=endpoint]").press("Control+Enter");
      // The default preset's credentials do not skip the challenge: 401 first, then the answer.
      expect(await statuses(sandbox, 2)).toEqual(["200", "401"]);
      await expect(entries(sandbox).first().locator("tr.lab-challenge")).toContainText('Basic realm="HTTP Status Lab"');
      if (wide) {
        // The answer shows beside the form: the 401's status line is on screen without scrolling.
        await expect(entries(sandbox).first().locator(".lab-status-line")).toBeInViewport();
      }
      const steps = sandbox.locator("[data-diagram-steps] li");
      await expect(steps).toHaveCount(4);
      await expect(steps.nth(1)).toContainText("401 Unauthorized");
      await expect(steps.nth(3)).toContainText("200 OK");
      await expect((await diagram(sandbox)).locator("svg")).toHaveCount(1, { timeout: 15_000 });
      // The diagram sits below the form and the log (page coordinates, measured together).
      const [formBottom, logBottom, diagramTop] = await sandbox.evaluate((root) =>
        [".lab-builder", ".lab-results", "[data-sequence]"].map((selector, index) => {
          const box = root.querySelector(selector)?.getBoundingClientRect();
          return (index === 2 ? (box?.top ?? 0) : (box?.bottom ?? Infinity)) + window.scrollY;
        }),
      );
      expect(diagramTop).toBeGreaterThanOrEqual(Math.max(formBottom ?? Infinity, logBottom ?? Infinity));

      // ⌘+Enter from a text area sends too; "Send" sends exactly what is built, credentials unasked.
      await sandbox.locator("textarea[name=headers]").press("Meta+Enter");
      expect(await statuses(sandbox, 4)).toEqual(["200", "401", "200", "401"]);
      await sandbox.getByRole("button", { name: "Send", exact: true }).click();
      expect(await statuses(sandbox, 5)).toEqual(["200", "200", "401", "200", "401"]);
      // Shift+Enter in a text area is a new line, not a send.
      await sandbox.locator("textarea[name=headers]").press("Shift+Enter");
      await page.waitForTimeout(300);
      await expect(entries(sandbox)).toHaveCount(5);

      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
      expectCleanPage(watch);
    });

    test("the address names the request on screen, never a secret, and follows a new scenario", async ({ page }) => {
      const sandbox = await openSandbox(page, "sandbox/?endpoint=status%2F429");
      await expect(sandbox.locator("input[name=endpoint]")).toHaveValue("status/429");
      await expect(sandbox.getByLabel("None")).toBeChecked();

      // Another scenario replaces the old request, in the form and in the address.
      await pick(sandbox, "bearer-none");
      await expect(sandbox.locator("input[name=endpoint]")).toHaveValue("bearer");
      await expect.poll(() => new URL(page.url()).searchParams.get("endpoint")).toBe("bearer");

      await pick(sandbox, "basic");
      await sandbox.getByLabel("User name").fill("José");
      await sandbox.getByLabel("Password").fill(secrets[0] ?? "");
      await sandbox.locator("select[name=method]").selectOption("POST");
      await expect.poll(() => new URL(page.url()).searchParams.get("user")).toBe("José");
      const params = new URL(page.url()).searchParams;
      expect(Object.fromEntries(params)).toEqual({
        method: "POST",
        endpoint: "basic-auth/user/passwd",
        auth: "basic",
        user: "José",
      });
      await sandbox.locator('[data-auth-panel="basic digest"] input[name=password]').press("Control+Enter");
      await statuses(sandbox, 1);
      await sandbox.getByLabel("Bearer", { exact: true }).check();
      await sandbox.getByLabel("Token").fill(secrets[1] ?? "");
      await sandbox.getByLabel("Raw Authorization").check();
      await sandbox.getByLabel("Authorization value, sent as typed").fill(`Custom ${secrets[2] ?? ""}`);
      await expect.poll(() => new URL(page.url()).searchParams.get("auth")).toBe("raw");
      const address = decodeURIComponent(page.url());
      for (const secret of [...secrets, btoa(`José:${secrets[0] ?? ""}`), "Authorization", "Custom"])
        expect(address).not.toContain(secret);
      // The raw type names no user.
      expect(new URL(page.url()).searchParams.has("user")).toBe(false);

      // A 64 kB endpoint is no address: the address names the page only, and says why; a short one
      // is named again.
      const endpoint = sandbox.locator("input[name=endpoint]");
      const linkNote = sandbox.locator("[data-link-note]");
      await expect(linkNote).toBeHidden();
      await endpoint.fill("A".repeat(65_536));
      await expect(linkNote).toContainText("too long for the page's address");
      await expect.poll(() => new URL(page.url()).search).toBe("");
      await endpoint.fill("status/418");
      await expect(linkNote).toBeHidden();
      await expect.poll(() => new URL(page.url()).searchParams.get("endpoint")).toBe("status/418");

      // The address opens the same request elsewhere, without its password.
      const shared = `sandbox/?method=POST&endpoint=basic-auth%2Fuser%2Fpasswd&auth=basic&user=Jos%C3%A9`;
      const other = await page.context().newPage();
      const opened = await openSandbox(other, shared);
      await expect(opened.locator("select[name=method]")).toHaveValue("POST");
      await expect(opened.locator("input[name=endpoint]")).toHaveValue("basic-auth/user/passwd");
      await expect(opened.getByLabel("Basic", { exact: true })).toBeChecked();
      await expect(opened.getByLabel("User name")).toHaveValue("José");
      await expect(opened.getByLabel("Password")).toHaveValue("");
      await other.close();
    });

    test("the 401 page's try-it shows the request as sent, the challenge, and a live diagram loaded on the first exchange", async ({
      page,
      watch,
    }) => {
      await page.goto("status/401/");
      const sandbox = page.locator("basic-auth-sandbox");
      await sandboxReady(page);
      await page.waitForLoadState("networkidle");
      expect(watch.scriptUrls.filter((url) => /mermaid/i.test(url))).toEqual([]);

      await sandbox.getByRole("button", { name: /without credentials/ }).click();
      await sandbox.getByRole("button", { name: /with these credentials/ }).click();
      const exchanges = sandbox.locator(".lab-exchange");
      await expect(exchanges).toHaveCount(2);
      // Oldest first, as the diagram: the 401 with its challenge, then the request that answered it.
      await expect(exchanges.first().locator(".lab-request-line")).toHaveText(
        /^GET \/http-status-lab\/api\/basic-auth\/user\/passwd$/,
      );
      await expect(exchanges.first().locator("tr.lab-challenge")).toContainText('Basic realm="HTTP Status Lab"');
      const sent = exchanges.last().locator(".lab-request-line .lab-credentials");
      await expect(sent).toHaveText("Authorization: Basic dXNlcjpwYXNzd2Q=");
      await expect(sent).toBeVisible();
      await expect(exchanges.last().locator(".lab-status-line")).toHaveText("HTTP/1.1 200 OK");

      const drawing = await diagram(sandbox);
      await expect(drawing.locator("svg")).toHaveCount(1, { timeout: 15_000 });
      await expect(drawing).toHaveAttribute("data-exchanges", "2");
      await expect(drawing.locator("svg")).toContainText("401 Unauthorized");
      await expect(sandbox.locator("[data-diagram-steps] li").nth(2)).toContainText(
        "Authorization: Basic dXNlcjpwYXNzd2Q=",
      );
      expect(watch.scriptUrls.some((url) => /mermaid/i.test(url))).toBe(true);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
      expectCleanPage(watch);
    });
  });
}
