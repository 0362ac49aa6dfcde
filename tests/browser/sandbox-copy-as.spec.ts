import { test, expect } from "./fixtures.ts";
import {
  expectCleanPage,
  newest,
  openSandbox,
  pick,
  send,
  sendLikeBrowser,
  statuses,
  viewports,
} from "./sandbox-helpers.ts";

// Issue 12's honest "copy as", at a phone's, a small laptop's and a desktop's size.

for (const viewport of viewports)
  test.describe(`copy as: commands for the live server, at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("point at the live server the reader names (remembered), never at the published site", async ({
      page,
      watch,
    }) => {
      const sandbox = await openSandbox(page);
      const pageOrigin = new URL(page.url()).origin;
      await pick(sandbox, "basic");
      await send(sandbox);
      await statuses(sandbox, 1);
      await newest(sandbox).getByRole("button", { name: "Copy as…" }).click();
      const panel = sandbox.locator("[data-copy-as]");
      const code = panel.locator("[data-code]");
      const address = panel.getByLabel("Live server (npm start) address");
      const note = panel.locator("[data-live-note]");
      await expect(address).toHaveValue("http://localhost:4321");
      await expect(address).toHaveAccessibleDescription(/npm ci && npm start/);
      await expect(code).toContainText("http://localhost:4321/api/basic-auth/user/passwd");
      // The block shows the command from its first character: no blank line or indent before it.
      expect(await panel.locator("pre.lab-code").evaluate((pre) => pre.textContent)).toMatch(/^curl --include/);
      await expect(code).not.toContainText(pageOrigin);
      await expect(note).toContainText("http://localhost:4321/api/");

      await address.fill("http://127.0.0.1:8080/lab");
      await address.press("Tab");
      await expect(code).toContainText("http://127.0.0.1:8080/lab/api/basic-auth/user/passwd");
      await expect(note).toContainText("npm ci && BASE_PATH=/lab/ npm start");
      expect(await page.evaluate(() => localStorage.getItem("http-status-lab:live-server:v1"))).toBe(
        "http://127.0.0.1:8080/lab/",
      );

      // The published site's origin is refused with a sentence; the commands keep their address.
      await address.fill("https://http-status-lab.github.io/http-status-lab/");
      await address.press("Tab");
      await expect(address).toHaveAttribute("aria-invalid", "true");
      await expect(note).toContainText("GitHub Pages");
      await expect(code).toContainText("http://127.0.0.1:8080/lab/api/");
      await expect(code).not.toContainText("github.io");

      // A 64 kB paste is cut at the field's 2,048 characters and refused in a short sentence that
      // does not repeat it; the page answers the next click at once.
      await address.fill("A".repeat(65_536));
      expect((await address.inputValue()).length).toBeLessThanOrEqual(2_048);
      await address.press("Tab");
      await expect(address).toHaveAttribute("aria-invalid", "true");
      expect((await note.textContent())?.length ?? 0).toBeLessThan(400);
      await expect(code).toContainText("http://127.0.0.1:8080/lab/api/");
      await panel.getByRole("tab", { name: "Python" }).click({ timeout: 5_000 });
      await expect(code).toContainText("import requests");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "no sideways scroll").toBeLessThanOrEqual(viewport.width);

      await page.reload();
      await expect(sandbox.locator("[data-live-server]")).toHaveValue("http://127.0.0.1:8080/lab/");
      expectCleanPage(watch);
    });

    test("Digest uses each tool's own support, never the sandbox's nonce; fetch says it has none", async ({
      page,
      watch,
    }) => {
      const sandbox = await openSandbox(page);
      await pick(sandbox, "digest-auth-SHA-256");
      await sendLikeBrowser(sandbox);
      expect((await statuses(sandbox, 2))[0]).toBe("200");
      await newest(sandbox).getByRole("button", { name: "Copy as…" }).click();
      const panel = sandbox.locator("[data-copy-as]");
      const code = panel.locator("[data-code]");
      await expect(code).toContainText("--digest");
      await expect(code).toContainText("--user user:passwd");
      for (const [tab, text] of [
        ["fetch", "fetch has no Digest support"],
        ["Python", "auth=HTTPDigestAuth("],
        ["PHP", "CURLOPT_HTTPAUTH => CURLAUTH_DIGEST,"],
        ["curl", "curl --include"],
      ] as const) {
        await panel.getByRole("tab", { name: tab }).click();
        await expect(code).toContainText(text);
        await expect(code).not.toContainText("nonce=");
        await expect(code).not.toContainText("Authorization");
      }
      expectCleanPage(watch);
    });
  });
