import type { Page } from "@playwright/test";
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

const hostile = '<img src=x onerror="window.__pwned=1">';

/** Records dialogs (alert, confirm) and dismisses them, so a test can assert there were none. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectNothingInjected(page: Page): Promise<void> {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("main [onerror], main [onclick], main script:not([src])").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}

test.describe("the sandbox with input a reader should not be able to break it with", () => {
  test("a character outside Latin-1 in a header value gets a sentence, not a TypeError", async ({ page, watch }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "bearer-demo-read-write");
    await sandbox.getByLabel("Token").fill("demo-€-token");
    await send(sandbox);
    await expect(sandbox.locator("[data-sandbox-error]")).toContainText("“€” (U+20AC), which is outside Latin-1");
    await sendLikeBrowser(sandbox);
    // Like a browser: the first request (without credentials) goes out, the answer cannot be sent.
    await expect(sandbox.locator("[data-sandbox-error]")).toHaveText("");
    await expect(newest(sandbox).locator(".lab-outcome")).toContainText("outside Latin-1");

    await sandbox.getByLabel("None").check();
    await sandbox.getByLabel(/header fields, one/i).fill("X-Note: 日本");
    await send(sandbox);
    await expect(sandbox.locator("[data-sandbox-error]")).toContainText("The X-Note header contains “日” (U+65E5)");
    // A Latin-1 character is fine: fetch sends it as one byte.
    await sandbox.getByLabel(/header fields, one/i).fill("X-Note: café");
    await send(sandbox);
    await expect(sandbox.locator("[data-sandbox-error]")).toHaveText("");
    await expect(newest(sandbox).locator(".lab-raw")).toContainText("X-Note: café");
    expectCleanPage(watch);
  });

  test("line breaks, folded lines, NUL and fields the browser controls are refused with a sentence", async ({
    page,
    watch,
  }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "status-200");
    const headers = sandbox.getByLabel(/header fields, one/i);
    for (const [text, sentence] of [
      ["X-A: 1\n  folded: 2", "would fold it into the previous field"],
      ["X-A: a\u0000b", "NUL"],
      ["Host: evil.example", "A page cannot set Host"],
      ["Not a header", "has no colon"],
    ] as const) {
      await headers.fill(text);
      await send(sandbox);
      await expect(sandbox.locator("[data-sandbox-error]")).toContainText(sentence);
    }
    await expect(entries(sandbox)).toHaveCount(0);
    expectCleanPage(watch);
  });

  test("10 kB values are sent, shown and drawn, never a blank panel", async ({ page, watch }) => {
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic");
    const long = "p".repeat(10_000);
    await sandbox.getByLabel("Password").fill(long);
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["401", "401"]);
    await expect(newest(sandbox).locator(".lab-outcome")).toBeVisible();
    await expect(newest(sandbox).locator(".lab-request-line")).toContainText("Authorization: Basic dXNlcjpwcHBw");

    await pick(sandbox, "bearer-demo-read-write");
    await sandbox.getByLabel("Token").fill("t".repeat(10_000));
    await send(sandbox);
    expect((await statuses(sandbox, 3))[0]).toBe("401");
    await expect(newest(sandbox).locator("tr.lab-challenge")).toContainText("invalid_token");
    const drawing = await diagram(sandbox);
    await expect(drawing.locator("svg")).toHaveCount(1, { timeout: 15_000 });
    await expect(drawing).toHaveAttribute("data-exchanges", "3", { timeout: 15_000 });
    expectCleanPage(watch);
  });

  test("markup in a user name, an endpoint and a token stays inert text everywhere", async ({ page, watch }) => {
    const dialogs = watchDialogs(page);
    const sandbox = await openSandbox(page);
    await pick(sandbox, "basic");
    await sandbox.locator("input[name=endpoint]").fill(`basic-auth/${hostile}/passwd`);
    await sandbox.getByLabel("User name").fill(hostile);
    await sendLikeBrowser(sandbox);
    expect(await statuses(sandbox, 2)).toEqual(["200", "401"]);
    await expect(newest(sandbox).locator(".lab-body")).toContainText(
      '"user":"<img src=x onerror=\\"window.__pwned=1\\">"',
    );

    await pick(sandbox, "digest-auth-SHA-256");
    await sandbox.locator("input[name=endpoint]").fill(`digest-auth/auth/${hostile}/passwd/SHA-256`);
    await sandbox.getByLabel("User name").fill(hostile);
    await sendLikeBrowser(sandbox);
    expect((await statuses(sandbox, 4))[0]).toBe("200");
    await expect(newest(sandbox).locator('.lab-digest [data-step="HA1"] .lab-hash-input')).toHaveText(
      `${hostile}:HTTP Status Lab:passwd`,
    );

    await pick(sandbox, "bearer-demo-read-write");
    await sandbox.getByLabel("Token").fill(hostile);
    await send(sandbox);
    const drawing = await diagram(sandbox);
    await expect(drawing).toHaveAttribute("data-exchanges", "5", { timeout: 15_000 });
    await expect(sandbox.locator("[data-diagram-steps]")).toContainText(hostile);
    await expect(drawing.locator("svg")).toContainText("onerror");

    await newest(sandbox).getByRole("button", { name: "Copy as…" }).click();
    await expect(sandbox.locator("[data-code]")).toContainText(hostile);
    await expect(sandbox.locator("[data-code]")).toHaveAttribute("data-highlighted", "", { timeout: 10_000 });

    await expectNothingInjected(page);
    expect(dialogs).toEqual([]);
    expectCleanPage(watch);
  });

  test("Mermaid directives and click handlers in credentials are drawn as text, not obeyed", async ({
    page,
    watch,
  }) => {
    const dialogs = watchDialogs(page);
    const sandbox = await openSandbox(page);
    await pick(sandbox, "digest-auth-MD5");
    const directive = '%%{init: {"securityLevel": "loose", "theme": "forest"}}%%';
    await sandbox.getByLabel("User name").fill(`${directive} click Client call alert(1)`);
    await sendLikeBrowser(sandbox);
    await statuses(sandbox, 2);
    await sandbox.getByLabel("Raw Authorization").check();
    await sandbox
      .getByLabel("Authorization value, sent as typed")
      .fill(`Custom ${directive}; click Server href "javascript:alert(2)"; Note over Client: injected`);
    await send(sandbox);
    await statuses(sandbox, 3);
    const drawing = await diagram(sandbox);
    const svg = drawing.locator("svg");
    await expect(drawing).toHaveAttribute("data-exchanges", "3", { timeout: 15_000 });
    // The drawing shows the directive as text, cut; the list of steps has the values whole, as text.
    await expect(svg).toContainText('Digest username="%%{init:');
    const steps = sandbox.locator("[data-diagram-steps]");
    await expect(steps).toContainText('"securityLevel": "loose"', { useInnerText: false });
    await expect(steps).toContainText('click Server href "javascript:alert(2)"', { useInnerText: false });
    expect(await steps.locator("a, [onclick], script").count()).toBe(0);
    expect(await svg.locator("a, [onclick], foreignObject, script").count()).toBe(0);
    // The theme stayed the default one: the directive did not reconfigure Mermaid.
    await expect(steps).toContainText('"theme": "forest"', { useInnerText: false });
    expect(await svg.locator("style").evaluate((node) => node.textContent ?? "")).toContain("#ECECFF");
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await expectNothingInjected(page);
    expectCleanPage(watch);
  });

  test("an empty endpoint, a bad method and a path out of the API each get a sentence", async ({ page, watch }) => {
    const sandbox = await openSandbox(page);
    const endpoint = sandbox.locator("input[name=endpoint]");
    await endpoint.fill("");
    await send(sandbox);
    await expect(sandbox.locator("[data-sandbox-error]")).toContainText("Enter an endpoint");
    await endpoint.fill("../../index.html");
    await sendLikeBrowser(sandbox);
    await expect(sandbox.locator("[data-sandbox-error]")).toContainText("leaves the sandbox API");
    await endpoint.fill("no/such/endpoint");
    await send(sandbox);
    await expect(newest(sandbox).locator(".lab-status-line")).toHaveText("HTTP/1.1 404 Not Found");
    expectCleanPage(watch);
  });
});
