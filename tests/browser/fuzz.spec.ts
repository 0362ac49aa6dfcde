import type { Locator, Page } from "@playwright/test";
import { test, expect, sandboxReady } from "./fixtures.ts";

/**
 * Hostile input: markup, Mermaid directives, CR/LF, a 64 kB string and non-Latin-1 text typed into
 * every field of the sandbox, the 401 page's sandbox and the header inspector, with every button
 * pressed after each. No script may run, no dialog open, no error escape, no markup from the
 * input become an element, and the page must still answer a normal request afterwards.
 */

const payloads: Array<[string, string]> = [
  ["markup", "<img src=x onerror=window.__pwned=1>"],
  ["attribute break-out", '"><script>window.__pwned=1</script><svg onload=window.__pwned=1>'],
  ["Mermaid init directive", '%%{init: {"securityLevel":"loose", "startOnLoad": true}}%%'],
  ["Mermaid click", "click A call alert(1)\nA->>B: <img src=x onerror=window.__pwned=1>"],
  ["CR/LF", "user\r\nX-Injected: 1\r\n\r\n<script>window.__pwned=1</script>"],
  ["64 kB", "A".repeat(65_536)],
  ["non-Latin-1", "Ωmega ☃ 𝄞 \u0000 \u202e"],
];

/** Text a reader can type into: every text-like input and every textarea, hidden or not. */
const textFields =
  'input:not([type]), input[type="text"], input[type="password"], input[type="search"], input[type="url"], input[type="email"], textarea';

interface Watch {
  dialogs: string[];
  pageErrors: string[];
}

function watchPage(page: Page): Watch {
  const watch: Watch = { dialogs: [], pageErrors: [] };
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => watch.pageErrors.push(error.message));
  return watch;
}

/** Elements that could only come from the payloads, and whether any payload script ran. */
async function injected(page: Page): Promise<{ pwned: unknown; elements: string[] }> {
  return page.evaluate(() => {
    const suspects = document.querySelectorAll(
      'img, script, svg [onload], iframe, object, embed, [onerror], [onload], [onclick], a[href^="javascript:"], .clickable',
    );
    const elements = [...suspects]
      .map((element) => element.outerHTML.slice(0, 200))
      .filter((html) => /__pwned|alert\(1\)|src="x"|onerror|javascript:/i.test(html));
    return { pwned: (window as unknown as { __pwned?: unknown }).__pwned, elements };
  });
}

/** Presses every visible, enabled button in `root` (re-read after each press: presses change the UI). */
async function pressEveryButton(page: Page, root: Locator): Promise<number> {
  let pressed = 0;
  const buttons = root.locator("button:visible:enabled, summary:visible");
  const count = Math.min(await buttons.count(), 40);
  for (let index = 0; index < count; index += 1) {
    const button = buttons.nth(index);
    if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
    await button.click({ timeout: 5_000 });
    pressed += 1;
    await page.waitForTimeout(20);
    // A button that opens a modal (Enlarge diagram) is closed again, as a reader would, before the next.
    if ((await page.locator("dialog[open]").count()) > 0) await page.keyboard.press("Escape");
  }
  // Let sends finish (they may take several steps: "send like a browser").
  await page.waitForTimeout(300);
  return pressed;
}

/**
 * Every state that shows different fields: each choice of every radio group (the sandbox's
 * credential panels), with every <details> opened. Calls `visit` in each.
 */
async function everyFieldState(root: Locator, visit: () => Promise<void>): Promise<void> {
  const radios = root.locator('input[type="radio"]');
  const count = await radios.count();
  for (let index = 0; index < Math.max(count, 1); index += 1) {
    if (count > 0) await radios.nth(index).check();
    for (const details of await root.locator("details").all()) {
      await details.evaluate((element) => ((element as HTMLDetailsElement).open = true));
    }
    await visit();
  }
}

/**
 * Types every payload into every field of `root`, presses every button, and checks the page after
 * each payload. Fails unless at least `minimumFields` distinct fields were typed into.
 */
async function fuzz(page: Page, root: Locator, watch: Watch, minimumFields: number): Promise<void> {
  let presses = 0;
  const allFields = await root.locator(textFields).count();
  expect(allFields, "the fields to fuzz exist").toBeGreaterThanOrEqual(minimumFields);
  await root
    .locator(textFields)
    .evaluateAll((fields) => fields.forEach((field, index) => field.setAttribute("data-fuzz-field", String(index))));
  const typedInto = new Set<string>();
  for (const [name, payload] of payloads) {
    await everyFieldState(root, async () => {
      for (const field of await root.locator(textFields).all()) {
        if (!(await field.isVisible()) || !(await field.isEditable())) continue;
        await field.fill(payload);
        typedInto.add((await field.getAttribute("data-fuzz-field")) ?? "");
      }
      presses += await pressEveryButton(page, root);
    });
    const after = await injected(page);
    expect(after.pwned, `${name}: a payload script ran`).toBeUndefined();
    expect(after.elements, `${name}: payload markup became elements`).toEqual([]);
    expect(watch.dialogs, `${name}: a dialog opened`).toEqual([]);
    expect(watch.pageErrors, `${name}: an error escaped`).toEqual([]);
  }
  expect(typedInto.size, "every field was typed into").toBe(allFields);
  expect(presses, "buttons were pressed").toBeGreaterThan(0);
  test.info().annotations.push({
    type: "fuzzed",
    description: `${allFields} fields, ${payloads.length} payloads, ${presses} presses`,
  });
}

test.describe("hostile input", () => {
  test.describe.configure({ timeout: 240_000 });

  test("the sandbox (/sandbox/) stays inert and usable", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const watch = watchPage(page);
    const response = await page.goto("sandbox/");
    expect(response?.status(), "/sandbox/ is built").toBe(200);
    await sandboxReady(page, "main .lab-sandbox");
    const sandbox = page.locator("main .lab-sandbox").first();
    await fuzz(page, sandbox, watch, 6);

    // Still answers: a normal Basic request gets its 200.
    await sandbox.locator('select[name="preset"]').selectOption("basic");
    await sandbox.locator('input[type="radio"][value="basic"]').check();
    await sandbox.locator('input[name="endpoint"]').fill("basic-auth/user/passwd");
    await sandbox.locator('input[name="user"]').fill("user");
    await sandbox.locator('input[name="password"]').fill("passwd");
    await sandbox.locator('textarea[name="headers"]').fill("");
    await sandbox.locator('textarea[name="body"]').fill("");
    await sandbox.locator('select[name="method"]').selectOption("GET");
    const ok = sandbox.locator('.lab-exchange[data-status="200"]');
    const before = await ok.count();
    await sandbox.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ok).toHaveCount(before + 1);
    expect(watch.pageErrors).toEqual([]);
  });

  test("the 401 page's sandbox stays inert and usable", async ({ page }) => {
    const watch = watchPage(page);
    await page.goto("status/401/");
    await sandboxReady(page, "main basic-auth-sandbox");
    const sandbox = page.locator("main basic-auth-sandbox").first();
    await fuzz(page, sandbox, watch, 2);

    await sandbox.getByLabel("User name").fill("user");
    await sandbox.getByLabel("Password").fill("passwd");
    const ok = sandbox.locator('.lab-exchange[data-status="200"]');
    const before = await ok.count();
    await sandbox.getByRole("button", { name: /with these credentials/ }).click();
    await expect(ok).toHaveCount(before + 1);
    expect(watch.pageErrors).toEqual([]);
  });

  test("the header inspector stays inert and usable", async ({ page }) => {
    const watch = watchPage(page);
    const response = await page.goto("inspect/");
    expect(response?.status(), "/inspect/ is built").toBe(200);
    const inspector = page.locator("main header-inspector, main .lab-inspector").first();
    await expect(inspector).toBeVisible();
    for (const field of await inspector.locator("select").all()) {
      // Each field name reads the value differently (challenges or credentials).
      for (const option of await field.locator("option").allTextContents()) {
        await field.selectOption(option);
        await fuzz(page, inspector, watch, 1);
      }
    }

    const value = inspector.locator("textarea").first();
    await inspector.locator("select").first().selectOption("WWW-Authenticate");
    await value.fill('Basic realm="Staff area", charset="UTF-8"');
    await expect(inspector.locator("[data-report]")).toContainText("Staff area");
    expect(watch.pageErrors).toEqual([]);
  });
});
