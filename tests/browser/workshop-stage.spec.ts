import type { Locator, Page } from "@playwright/test";
import { test, expect, sandboxReady, unfollowedRedirects } from "./fixtures.ts";

/**
 * The workshop as a stage (src/components/workshop-lesson.ts): what a room sees after R, the keys
 * a clicker sends, the speaker view in a second window, the QR code, the text size, and the way
 * from one lesson to the next, at a phone's, a projector's and a desktop's size.
 */

const viewports = {
  phone: { width: 390, height: 844 },
  projector: { width: 1024, height: 768 },
  desktop: { width: 1920, height: 1080 },
  laptop: { width: 1280, height: 720 },
} as const;

const currentStep = (page: Page) => page.locator(".lab-ws-step.lab-ws-current");

/** The element's box lies inside the viewport, and below the sticky bar when there is one. */
async function onScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const bar = document.querySelector(".lab-ws-bar");
    const barBottom = bar && getComputedStyle(bar).position === "sticky" ? bar.getBoundingClientRect().bottom : 0;
    return box.top >= barBottom - 1 && box.bottom <= innerHeight + 1 && box.height > 0;
  });
}

for (const [name, size] of [
  ["projector", viewports.projector],
  ["laptop", viewports.laptop],
  ["desktop", viewports.desktop],
] as const) {
  test(`${name} ${size.width}×${size.height}, presentation mode: after R the status line and the challenge are on screen, the verdict focused`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    // The Digest lesson: its challenge is the longest field a step highlights.
    await page.goto("workshop/03-digest/");
    // The lesson opens at its top, not scrolled into its diagram.
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await page.keyboard.press("p");
    const status = currentStep(page).locator(".lab-status-line");
    const challenge = currentStep(page).locator(".lab-challenge");
    await page.keyboard.press("r");
    await expect(currentStep(page)).toHaveAttribute("data-status", "401", { timeout: 15_000 });
    await expect(currentStep(page).locator(".lab-ws-verdict")).toBeFocused();
    await expect.poll(() => onScreen(status)).toBe(true);
    await expect.poll(() => onScreen(challenge)).toBe(true);

    // The neighbour: scrolled back to the top, the same answer is off screen at this size.
    await page.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
    if (size.height < 1000) expect(await onScreen(challenge)).toBe(false);

    // The next step's heading comes into view below the bar, never under it.
    await page.keyboard.press("ArrowRight");
    await expect(currentStep(page).locator("h2")).toBeFocused();
    await expect.poll(() => onScreen(currentStep(page).locator("h2"))).toBe(true);
  });
}

test("phone 390×844: the bar is opaque and small, the answer comes into view, the menu and the other lessons are reachable", async ({
  page,
}) => {
  await page.setViewportSize(viewports.phone);
  await page.goto("workshop/02-bearer-tokens/");
  const bar = page.locator(".lab-ws-bar");
  const background = await bar.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  const barBox = await bar.boundingBox();
  expect(barBox!.height, "the bar takes less than a fifth of the screen").toBeLessThan(844 / 5);

  await page.getByRole("button", { name: /Run request/ }).click();
  await expect(currentStep(page)).toHaveAttribute("data-status", "401", { timeout: 15_000 });
  await expect.poll(() => onScreen(currentStep(page).locator(".lab-ws-verdict"))).toBe(true);

  await expect(page.getByRole("navigation", { name: "Workshop lessons" }).getByRole("link")).toHaveText([
    /← Lesson 1: /,
    /Lesson 3: .* →/,
  ]);
  const menu = page.locator(".sl-menu-button");
  await expect(menu).toBeInViewport();
  await menu.click();
  await page.locator("#starlight__sidebar").getByRole("link", { name: "Workshop" }).click();
  await expect(page).toHaveURL(/\/http-status-lab\/workshop\/$/);
});

for (const [name, size] of [
  ["projector", viewports.projector],
  ["desktop", viewports.desktop],
] as const) {
  test(`${name}: every lesson links back to the workshop and on to its neighbours`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("workshop/01-basic-handshake/");
    await expect(page.getByRole("link", { name: "← All workshop lessons" })).toBeVisible();
    const lessons = page.getByRole("navigation", { name: "Workshop lessons" });
    await expect(lessons.getByRole("link")).toHaveText([/Lesson 2: .* →/]);
    await lessons.getByRole("link").click();
    await expect(page).toHaveURL(/workshop\/02-bearer-tokens\/(\?step=1)?$/);
    await expect(page.locator("#starlight__sidebar").getByRole("link", { name: "Workshop" })).toBeVisible();
    // The OAuth lessons follow the four handshake lessons, and the last one has no next.
    await page.goto("workshop/04-401-403-404-407/");
    await expect(lessons.getByRole("link")).toHaveText([/← Lesson 3: /, "Lesson 5: Discovery and tokens →"]);
    await lessons.getByRole("link", { name: /Lesson 5/ }).click();
    await expect(page).toHaveURL(/workshop\/05-discovery-and-tokens\/(\?step=1)?$/);
    await expect(lessons.getByRole("link")).toHaveText([/← Lesson 4: /, "Lesson 6: Scopes, step-up and DPoP →"]);
    await lessons.getByRole("link", { name: /Lesson 6/ }).click();
    await expect(page).toHaveURL(/workshop\/06-scopes-step-up-dpop\/(\?step=1)?$/);
    await expect(lessons.getByRole("link")).toHaveText(["← Lesson 5: Discovery and tokens"]);
  });
}

test("projector 1024×768, presentation mode: an OAuth step opened from a link runs the steps before it, and its answer is on screen", async ({
  page,
  watch,
}) => {
  await page.setViewportSize(viewports.projector);
  const hops = unfollowedRedirects(page);
  // Step 21 needs a code from step 20 and a client from step 6; its answer is a 400 with a
  // DPoP-Nonce field and a JSON body, under a request with a form and a DPoP proof.
  await page.goto("workshop/06-scopes-step-up-dpop/?step=21");
  await page.keyboard.press("p");
  await page.keyboard.press("r");
  await expect(currentStep(page)).toHaveAttribute("data-status", "400", { timeout: 30_000 });
  await expect(currentStep(page).locator(".lab-ws-verdict")).toBeFocused();
  await expect(currentStep(page).locator(".lab-ws-verdict")).toHaveText("The server answered 400, as expected.");
  await expect.poll(() => onScreen(currentStep(page).locator(".lab-status-line"))).toBe(true);
  const nonce = currentStep(page).locator(".lab-headers tr.lab-ws-look", { hasText: /dpop-nonce/i });
  await expect.poll(() => onScreen(nonce)).toBe(true);
  await expect(page.locator('.lab-ws-step[data-step="20"]')).toHaveAttribute("data-status", "302");
  // Answered by the real service worker, the well-known and DPoP requests included.
  expect(await sandboxReady(page, "workshop-lesson")).toBe("service-worker");
  // R again moves on with the nonce it kept: the next step's proof carries it and gets the token.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("r");
  await expect(currentStep(page)).toHaveAttribute("data-status", "200", { timeout: 15_000 });
  await expect(currentStep(page).locator(".lab-ws-verdict")).toHaveText("The server answered 200, as expected.");
  await expect.poll(() => onScreen(currentStep(page).locator(".lab-status-line"))).toBe(true);
  expect(watch.pageErrors).toEqual([]);
  // The five logins' 302s (steps 2, 5, 8, 11, 15) name the loopback redirect URI; the lesson reads them and goes nowhere.
  expect([...hops].map((url) => url.split("?")[0])).toEqual(Array(5).fill("http://127.0.0.1:8765/callback"));
  expect(watch.foreignRequests.filter((url) => !hops.has(url))).toEqual([]);
});

test("a clicker's PageDown runs the step and then moves on, PageUp goes back; ArrowDown still scrolls", async ({
  page,
}) => {
  await page.setViewportSize(viewports.projector);
  await page.goto("workshop/01-basic-handshake/");
  await page.keyboard.press("PageDown");
  await expect(currentStep(page)).toHaveAttribute("data-status", "401", { timeout: 15_000 });
  await expect(currentStep(page)).toHaveAttribute("data-step", "1");
  await page.keyboard.press("PageDown");
  await expect(currentStep(page)).toHaveAttribute("data-step", "2");
  await expect(currentStep(page)).not.toHaveAttribute("data-status", /.*/);
  await page.keyboard.press("PageUp");
  await expect(currentStep(page)).toHaveAttribute("data-step", "1");
  await page.keyboard.press("ArrowDown");
  await expect(currentStep(page)).toHaveAttribute("data-step", "1");
});

test("the speaker view in a second window follows the projected lesson, and drives it", async ({ page, context }) => {
  await page.setViewportSize(viewports.projector);
  await page.goto("workshop/01-basic-handshake/");
  const opened = context.waitForEvent("page");
  await page.keyboard.press("v");
  const speaker = await opened;
  await expect(speaker).toHaveURL(/view=speaker/);
  await speaker.setViewportSize(viewports.desktop);
  const panel = speaker.getByRole("region", { name: "Speaker view" });
  await expect(panel.getByRole("status")).toHaveText("In step with the projected lesson.");
  await expect(speaker.locator(".lab-ws-step.lab-ws-current .lab-ws-notes")).toBeVisible();
  await expect(panel.getByRole("timer")).toHaveText(/^\d+:\d\d$/);

  // The projected window moves: the speaker view follows, and shows what comes next.
  await page.keyboard.press("ArrowRight");
  await expect(currentStep(speaker)).toHaveAttribute("data-step", "2");
  await expect(panel.locator("[data-speaker-next]")).toContainText("Step 3: Answer with credentials");

  // The speaker view runs the step: the request is sent, and answered, in the projected window.
  await speaker.keyboard.press("r");
  await expect(currentStep(page)).toHaveAttribute("data-status", "401", { timeout: 15_000 });
  await expect(panel.getByRole("status")).toHaveText("Step 2 answered 401, as expected.");
  await expect(currentStep(speaker).locator(".lab-exchange")).toHaveCount(0);
  await speaker.keyboard.press("ArrowLeft");
  await expect(currentStep(page)).toHaveAttribute("data-step", "1");
  await expect(page).toHaveURL(/\?step=1$/);
});

test("the QR code for the room fills the screen, apart from the notes; its hint shows code, not backticks", async ({
  page,
}) => {
  for (const size of [viewports.phone, viewports.projector, viewports.desktop]) {
    await page.setViewportSize(size);
    await page.goto("workshop/01-basic-handshake/");
    await page.keyboard.press("s");
    await expect(page.locator("[data-audience-qr] svg")).toBeHidden();
    await page.keyboard.press("q");
    const dialog = page.getByRole("dialog", { name: "Follow along" });
    await expect(dialog).toBeVisible();
    const qr = await dialog.getByRole("img", { name: /QR code of http/ }).boundingBox();
    expect(qr!.width, `${size.width}×${size.height}`).toBeGreaterThan(Math.min(size.width, size.height) * 0.55);
    await expect(dialog.getByRole("link")).toHaveText(/\/http-status-lab\/workshop\/01-basic-handshake\/$/);
    const hint = dialog.locator("[data-audience-hint]");
    await expect(hint.locator("code")).toHaveText("npm start -- --host 0.0.0.0");
    await expect(hint).not.toContainText("`");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }
});

test("the text size is a labelled control, changes the lesson's type and is remembered", async ({ page }) => {
  await page.setViewportSize(viewports.projector);
  await page.goto("workshop/01-basic-handshake/");
  const headingSize = () =>
    currentStep(page)
      .locator("h2")
      .evaluate((h2) => parseFloat(getComputedStyle(h2).fontSize));
  const before = await headingSize();
  await page.getByRole("button", { name: "Presenter tools" }).click();
  const tools = page.getByRole("group", { name: "Presenter tools" });
  await tools.getByRole("button", { name: /Larger text/ }).click();
  await tools.getByRole("button", { name: /Larger text/ }).click();
  await expect(tools.locator("[data-text-size]")).toHaveText("125%");
  expect(await headingSize()).toBeCloseTo(before * 1.25, 0);
  await page.reload();
  expect(await headingSize()).toBeCloseTo(before * 1.25, 0);
  await page.keyboard.press("-");
  await page.keyboard.press("-");
  expect(await headingSize()).toBeCloseTo(before, 0);
});

for (const [name, size] of Object.entries(viewports).filter(([name]) => name !== "laptop")) {
  test(`${name}: the Keys dialog is centred, one aligned row per key`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("workshop/01-basic-handshake/");
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keys" });
    const box = (await dialog.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - size.width / 2)).toBeLessThan(2);
    if (box.height < size.height) expect(Math.abs(box.y + box.height / 2 - size.height / 2)).toBeLessThan(2);
    const lefts = (selector: string) =>
      dialog
        .locator(selector)
        .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().left)));
    expect(new Set(await lefts("dt")).size).toBe(1);
    expect(new Set(await lefts("dd")).size).toBe(1);
    const rows = await dialog
      .locator("dl > div")
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector("dt")!.getBoundingClientRect().top,
          row.querySelector("dd")!.getBoundingClientRect().top,
        ]),
      );
    for (const [term, definition] of rows) expect(Math.abs(term! - definition!)).toBeLessThan(6);
  });
}
