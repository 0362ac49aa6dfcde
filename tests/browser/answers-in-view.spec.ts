import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { test, expect, sandboxReady } from "./fixtures.ts";
import { entries, openSandbox, sendLikeBrowser } from "./sandbox-helpers.ts";

/**
 * Issue 23, points 1 and 2: the answer of a send is brought into view and focus (reveal-answer.ts),
 * and the live sequence diagram is drawn to be read (text ≥ 12 px) with an Enlarge dialog.
 */

const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
  { width: 1280, height: 720 },
] as const;

/**
 * True when the element's box is wholly inside the viewport, below Starlight's bars that stay at
 * the top (the header and, on a phone, "On this page"): what covers it there cannot be read.
 */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  const top = await page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll<HTMLElement>("header.header, mobile-starlight-toc nav")]
        .filter((bar) => /fixed|sticky/.test(getComputedStyle(bar).position))
        .map((bar) => bar.getBoundingClientRect().bottom),
    ),
  );
  return box !== null && size !== null && box.y >= top && box.y + box.height <= size.height;
}

/** Where the focus is: the focused element's text. */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

/** The smallest text of the drawing as the reader sees it, in CSS px (font size × the drawing's scale). */
function smallestText(svg: Locator): Promise<number> {
  return svg.evaluate((node) => {
    const root = node as SVGSVGElement;
    const scale = root.getBoundingClientRect().width / root.viewBox.baseVal.width;
    const texts = [...root.querySelectorAll("text")].filter((text) => (text.textContent ?? "").trim() !== "");
    return Math.min(...texts.map((text) => parseFloat(getComputedStyle(text).fontSize) * scale));
  });
}

for (const size of sizes) {
  test(`401 page at ${size.width}×${size.height}: each answer's status line comes into view and its heading takes the focus`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    // Reduced motion: the scroll is instant, so the answer is in view in the frame after it is drawn.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto("status/401/");
    await sandboxReady(page);
    const sandbox = page.locator("basic-auth-sandbox");
    const answers = sandbox.locator(".lab-exchange");
    await sandbox.getByRole("button", { name: "Send without credentials" }).click();
    await expect(answers).toHaveCount(1);
    expect(await inViewport(page, answers.nth(0).locator(".lab-status-line"))).toBe(true);
    expect(await focusedText(page)).toMatch(/^#1 Sent without credentials: GET → 401 Unauthorized/);

    await sandbox.getByRole("button", { name: "Send with these credentials" }).click();
    await expect(answers).toHaveCount(2);
    const status = answers.nth(1).locator(".lab-status-line");
    await expect(status).toHaveText("HTTP/1.1 200 OK");
    expect(await inViewport(page, status)).toBe(true);
    expect(await focusedText(page)).toMatch(/^#2 Sent with these credentials: GET → 200 OK/);
    // The focused heading itself is readable, not under the bars at the top.
    expect(await inViewport(page, answers.nth(1).locator("h3"))).toBe(true);
    // The neighbour: on the phone the 401 before it has left the screen, so the page did move to the new answer.
    if (size.width === 390) expect(await inViewport(page, answers.nth(0).locator(".lab-status-line"))).toBe(false);

    // The live diagram: its smallest text at 12 px or more, on the phone too.
    const svg = sandbox.locator("[data-diagram-svg] svg");
    await sandbox.locator("[data-sequence]").scrollIntoViewIfNeeded();
    await expect(svg).toContainText("200 OK", { timeout: 15_000 });
    expect(await smallestText(svg)).toBeGreaterThanOrEqual(12);
    // Where it is wider than its column (the phone), a sentence says it scrolls; where it fits, none.
    const hint = sandbox.getByText("Wider than the screen: scroll the drawing sideways");
    if (size.width === 390) await expect(hint).toBeVisible();
    else await expect(hint).toBeHidden();
  });
}

test("/sandbox/ on a phone: after each of three sends, the newest answer's status line is on screen", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  const sandbox = await openSandbox(page);
  for (const count of [2, 4, 6]) {
    await sendLikeBrowser(sandbox);
    await expect(entries(sandbox)).toHaveCount(count);
    await expect(sandbox).not.toHaveAttribute("aria-busy");
    // The browser's 401 comes first, then the 200 that answered it: the 200's status line is on screen,
    // and the focus on the 401's heading when both fit, else on the 200's.
    await expect
      .poll(() =>
        inViewport(
          page,
          entries(sandbox)
            .nth(count - 1)
            .locator(".lab-status-line"),
        ),
      )
      .toBe(true);
    expect(await focusedText(page)).toMatch(new RegExp(`^#(${count - 1}|${count}) `));
  }
  // The neighbour: the first send's answers are far above, out of view.
  expect(await inViewport(page, entries(sandbox).nth(0).locator(".lab-status-line"))).toBe(false);
});

test("/oauth/ at 1280×800: each Next step's answer comes into view with the focus on it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("oauth/");
  const root = page.locator("oauth-client");
  const next = root.getByRole("button", { name: "Next step" });
  for (const step of [1, 2, 3]) {
    await next.click();
    await expect(entries(root)).toHaveCount(step, { timeout: 20_000 });
    const status = entries(root)
      .nth(step - 1)
      .locator(".lab-status-line");
    await expect.poll(() => inViewport(page, status)).toBe(true);
    expect(await focusedText(page)).toMatch(new RegExp(`^#${step} `));
  }
});

test("the live diagram: long values shortened in the drawing and whole in the list, set as text; Enlarge opens it, Escape closes, the focus returns", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("status/401/");
  await sandboxReady(page);
  const sandbox = page.locator("basic-auth-sandbox");
  // A long user name that looks like markup: its Authorization value is long, its path holds the tag.
  const user = `<b>${"a".repeat(60)}</b>`;
  await sandbox.locator('input[name="user"]').fill(user);
  await sandbox.getByRole("button", { name: "Send with these credentials" }).click();
  await expect(sandbox.locator(".lab-exchange")).toHaveCount(1);
  const section = sandbox.locator("[data-sequence]");
  await section.scrollIntoViewIfNeeded();
  const svg = section.locator("[data-diagram-svg] svg");
  await expect(svg).toContainText("200 OK", { timeout: 15_000 });
  const credentials = `Authorization: Basic ${Buffer.from(`${user}:${await sandbox.locator('input[name="password"]').inputValue()}`).toString("base64")}`;
  // Shortened in the drawing (with "…"), whole in the list of steps; no element made from the value.
  await expect(svg).toContainText("…");
  await expect(svg).not.toContainText(credentials);
  await expect(section.locator("[data-diagram-steps]")).toContainText(credentials);
  expect(await svg.locator("b").count()).toBe(0);

  const enlarge = section.getByRole("button", { name: "Enlarge diagram" });
  await enlarge.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("svg")).toContainText("200 OK");
  expect(await smallestText(dialog.locator("svg"))).toBeGreaterThanOrEqual(12);
  expect(
    await new AxeBuilder({ page })
      .include("dialog")
      .analyze()
      .then((result) => result.violations),
  ).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(enlarge).toBeFocused();
  // The drawing is back in its section, after the button.
  await expect(section.locator("[data-diagram-svg] svg")).toHaveCount(1);
});

test("a status page's try-it on a phone: the answer's status line on screen, its heading focused", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("status/429/");
  const tryIt = page.locator("status-try-it");
  const send = tryIt.getByRole("button", { name: "Send GET api/status/429" });
  await send.click();
  const status = tryIt.locator(".lab-exchange").first().locator(".lab-status-line");
  await expect(status).toHaveText("HTTP/1.1 429 Too Many Requests");
  await expect.poll(() => inViewport(page, status)).toBe(true);
  expect(await focusedText(page)).toMatch(/^#1 Sent without credentials: GET → 429/);
  // The neighbour: the button pressed keeps its place; the focus left it for the answer.
  await expect(send).not.toBeFocused();
});
