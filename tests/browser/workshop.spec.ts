import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, sandboxReady, unfollowedRedirects } from "./fixtures.ts";
import { lessonStatuses } from "./walk-facts.ts";

const lessons = Object.entries(lessonStatuses).map(([slug, statuses]) => ({ slug, statuses }));

const currentStep = (page: Page) => page.locator(".lab-ws-step.lab-ws-current");

test("the workshop page lists every lesson", async ({ page }) => {
  await page.goto("workshop/");
  for (const { slug } of lessons) {
    await expect(page.locator(`main a[href="/http-status-lab/workshop/${slug}/"]`)).toHaveCount(1);
  }
});

/** The step's text as the room reads it: never a `{name}` placeholder's braces. */
const braces = (page: Page) =>
  page
    .locator(".lab-ws-step")
    .evaluateAll((steps) =>
      steps.flatMap((step) => ((step as HTMLElement).innerText.match(/\{[a-z_]+\}/g) ?? []).map(String)),
    );

for (const { slug, statuses } of lessons) {
  // Lesson 5 is walked with the clicker's one key, PageDown: it runs a step, skips a wait, moves on.
  const clicker = slug.startsWith("05");
  test(`${slug}: the ${clicker ? "clicker's PageDown" : "keyboard"} alone walks every step, and a reload keeps the step`, async ({
    page,
    watch,
  }) => {
    test.setTimeout(60_000);
    const hops = unfollowedRedirects(page);
    await page.goto(`workshop/${slug}/`);
    await expect(currentStep(page)).toHaveAttribute("data-step", "1");
    await expect(page).toHaveURL(/\?step=1$/);
    expect(await braces(page)).toEqual([]);
    const started = Date.now();
    for (const [index, status] of statuses.entries()) {
      const number = index + 1;
      await expect(currentStep(page)).toHaveAttribute("data-step", String(number));
      await page.keyboard.press(clicker ? "PageDown" : "r");
      if (clicker && (await currentStep(page).getAttribute("data-run"))?.includes('"waitUntil"')) {
        // The wait for the token's expiry shows, and PageDown skips it: the sandbox checks the token that far ahead.
        await expect(currentStep(page).locator("[data-waiting]")).toContainText(/^Waiting \d+ s before sending/);
        await expect(currentStep(page).getByRole("button", { name: /Skip the wait/ })).toBeVisible();
        await page.keyboard.press("PageDown");
        await expect(currentStep(page).locator(".lab-ws-skipped")).toContainText(/skipped: .* \d+ s ahead/);
      }
      await expect(currentStep(page)).toHaveAttribute("data-status", String(status), { timeout: 15_000 });
      await expect(currentStep(page).locator(".lab-status-line")).toContainText(`HTTP/1.1 ${status}`);
      await expect(currentStep(page).locator(".lab-ws-verdict")).toContainText("as expected");
      await expect(page).toHaveURL(new RegExp(`\\?step=${number}$`));
      if (index === 1) {
        await page.reload();
        await expect(currentStep(page)).toHaveAttribute("data-step", String(number));
        if (clicker) {
          // A reloaded page has seen no answer: the clicker's first press runs the step again.
          await page.keyboard.press("PageDown");
          await expect(currentStep(page)).toHaveAttribute("data-status", String(status), { timeout: 15_000 });
        }
      }
      if (number < statuses.length) await page.keyboard.press(clicker ? "PageDown" : "ArrowRight");
    }
    // Nothing stalls the room: the whole lesson, its expiry step included, in well under a minute.
    expect(Date.now() - started).toBeLessThan(30_000);
    // Every value a step used is on its slide now, whole in its title; still no brace anywhere.
    const values = page.locator("[data-value]");
    if ((await values.count()) > 0) await expect(values.and(page.locator(".lab-ws-known")).first()).toBeAttached();
    expect(await braces(page)).toEqual([]);
    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(new RegExp(`\\?step=${statuses.length - 1}$`));
    expect(await sandboxReady(page, "workshop-lesson")).toBe("service-worker");
    await page.keyboard.press("Home");
    await expect(currentStep(page)).toHaveAttribute("data-step", "1");
    await expect(currentStep(page).locator(".lab-exchange")).toHaveCount(0);
    await expect(page.locator(".lab-ws-known")).toHaveCount(0);
    expect(watch.pageErrors).toEqual([]);
    // A login's 302 to the loopback redirect URI is read, never followed (fixtures.ts).
    expect(watch.foreignRequests.filter((url) => !hops.has(url))).toEqual([]);
    expect([...hops].every((url) => url.startsWith("http://127.0.0.1:8765/callback?code="))).toBe(true);
  });
}

test("lesson 5: placeholders read as words before their values are known, then as the values", async ({ page }) => {
  await page.goto("workshop/05-discovery-and-tokens/");
  const token = page.locator('[data-value="access_token"]').first();
  await expect(token).toHaveText(/^the access token from step \d+$/);
  await expect(page.locator('[data-value="token_endpoint"]').first()).toHaveText(/^the token endpoint from step \d+$/);
  // Run the step that first uses the token: it catches up the steps before it, and the words become the token.
  const step = token.locator("xpath=ancestor::li[contains(@class, 'lab-ws-step')]");
  await page.goto(`workshop/05-discovery-and-tokens/?step=${await step.getAttribute("data-step")}`);
  await page.keyboard.press("r");
  await expect(currentStep(page)).toHaveAttribute("data-status", "200", { timeout: 15_000 });
  await expect(token).toHaveClass(/lab-ws-known/);
  await expect(token).toHaveText(/^eyJ[\w-]+…$/);
  expect(await token.getAttribute("title")).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(page.locator('[data-value="token_endpoint"]').first()).toHaveText(
    /^http:\/\/127\.0\.0\.1:\d+\/http-status-lab\/api\//,
  );
});

test("lesson 5: a step reached while the expiry wait counts runs at once after it; going back shows the wait's answer", async ({
  page,
}) => {
  await page.goto("workshop/05-discovery-and-tokens/");
  const waitStep = page.locator('.lab-ws-step[data-run*="waitUntil"]');
  const number = Number(await waitStep.getAttribute("data-step"));
  await page.goto(`workshop/05-discovery-and-tokens/?step=${number}`);
  const started = Date.now();
  await page.keyboard.press("r");
  await expect(waitStep.locator("[data-waiting]")).toContainText(/^Waiting \d+ s/, { timeout: 15_000 });
  expect((await new AxeBuilder({ page }).include(".lab-ws-current").analyze()).violations).toEqual([]);
  // Skipped with →, and the next step run: it answers, after the waiting step's 401.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("r");
  await expect(currentStep(page)).toHaveAttribute("data-step", String(number + 1));
  await expect(currentStep(page).locator(".lab-ws-verdict")).toContainText("as expected", { timeout: 15_000 });
  expect(Date.now() - started).toBeLessThan(20_000);
  await page.keyboard.press("ArrowLeft");
  await expect(currentStep(page)).toHaveAttribute("data-status", "401");
  await expect(currentStep(page).locator("[data-waiting]")).toHaveCount(0);
  await expect(currentStep(page).locator(".lab-ws-skipped")).toBeVisible();
});

test("a step opened from a link runs the steps it depends on first", async ({ page }) => {
  await page.goto("workshop/03-digest/?step=2");
  await page.getByRole("button", { name: /Run request/ }).click();
  await expect(currentStep(page)).toHaveAttribute("data-status", "200", { timeout: 15_000 });
  await expect(currentStep(page).locator('.lab-ws-digest [data-step="HA1"]')).toContainText(/^HA1 = (MD5|SHA-256)\("/);
  await expect(page.locator('.lab-ws-step[data-step="1"]')).toHaveAttribute("data-status", "401");
});

test("presenter notes, presentation mode and the keys dialog each have a key and a button", async ({ page }) => {
  await page.goto("workshop/01-basic-handshake/");
  const notes = currentStep(page).locator(".lab-ws-notes");
  const tools = page.getByRole("button", { name: "Presenter tools" });
  await expect(notes).toBeHidden();
  await page.keyboard.press("s");
  await expect(notes).toBeVisible();
  // The notes are for the presenter alone: the audience's QR code is not part of them.
  await expect(page.locator("[data-audience-qr] svg")).toBeHidden();
  await tools.click();
  await page.getByRole("button", { name: /Presenter notes/ }).click();
  await expect(notes).toBeHidden();

  await page.keyboard.press("p");
  await expect(page.locator("html")).toHaveAttribute("data-present", "");
  await expect(page.locator("header.header")).toBeHidden();
  const size = await currentStep(page)
    .locator("h2")
    .evaluate((h2) => parseFloat(getComputedStyle(h2).fontSize));
  expect(size).toBeGreaterThan(30);
  await tools.click();
  await page.getByRole("button", { name: /Presentation mode/ }).click();
  await expect(page.locator("header.header")).toBeVisible();

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keys" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keys" })).toBeHidden();
});

const axeFindings = async (page: Page) =>
  // Legacy mode runs axe in the page itself (no blank page per run): a quarter of the time.
  (await new AxeBuilder({ page }).setLegacyMode(true).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );

for (const mode of ["light", "dark"] as const) {
  test(`${mode}: axe finds no violations in normal and presentation mode, the tools, the QR code and the speaker view`, async ({
    page,
    context,
  }) => {
    await context.addInitScript((theme) => localStorage.setItem("starlight-theme", theme), mode);
    await page.emulateMedia({ colorScheme: mode });
    await page.goto("workshop/01-basic-handshake/");
    await page.keyboard.press("r");
    await expect(currentStep(page)).toHaveAttribute("data-status", "401", { timeout: 15_000 });
    await page.getByRole("button", { name: "Presenter tools" }).click();
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.keyboard.press("p");
    await page.keyboard.press("s");
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press("q");
    await expect(page.getByRole("dialog", { name: "Follow along" })).toBeVisible();
    expect(await axeFindings(page)).toEqual([]);
    await page.goto("workshop/01-basic-handshake/?step=2&view=speaker");
    await expect(page.getByRole("region", { name: "Speaker view" })).toBeVisible();
    expect(await axeFindings(page)).toEqual([]);
  });
}

for (const mode of ["light", "dark"] as const) {
  for (const [slug, step, status] of [
    ["05-discovery-and-tokens", 5, "302"],
    ["06-scopes-step-up-dpop", 9, "403"],
  ] as const) {
    test(`${mode}: axe finds no violations on ${slug}, with an answer shown, in normal and presentation mode`, async ({
      page,
      context,
    }) => {
      test.setTimeout(60_000);
      await context.addInitScript((theme) => localStorage.setItem("starlight-theme", theme), mode);
      await page.emulateMedia({ colorScheme: mode });
      await page.goto(`workshop/${slug}/?step=${step}`);
      await page.keyboard.press("r");
      await expect(currentStep(page)).toHaveAttribute("data-status", status, { timeout: 20_000 });
      await expect(currentStep(page).locator(".lab-ws-cite a").first()).toHaveAttribute(
        "href",
        /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-/,
      );
      expect(await axeFindings(page)).toEqual([]);
      await page.keyboard.press("p");
      await page.keyboard.press("s");
      expect(await axeFindings(page)).toEqual([]);
    });
  }
}

test("the printed handout shows every step and the diagram, without site chrome", async ({ page }) => {
  await page.goto("workshop/02-bearer-tokens/");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.header")).toBeHidden();
  await expect(page.locator(".sidebar")).toBeHidden();
  await expect(page.locator(".lab-ws-toolbar")).toBeHidden();
  await expect(page.locator(".lab-prev-next")).toBeHidden();
  await expect(page.locator(".lab-ws-step")).toHaveCount(5);
  for (const step of await page.locator(".lab-ws-step").all()) await expect(step).toBeVisible();
  await expect(page.locator(".lab-diagram svg")).toBeVisible();
  const shot = await page.screenshot({ fullPage: true });
  expect(shot.byteLength).toBeGreaterThan(10_000);
});
