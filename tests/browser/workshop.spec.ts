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

for (const { slug, statuses } of lessons) {
  test(`${slug}: the keyboard alone walks every step, and a reload keeps the step`, async ({ page, watch }) => {
    test.setTimeout(slug.startsWith("05") ? 150_000 : 60_000);
    const hops = unfollowedRedirects(page);
    await page.goto(`workshop/${slug}/`);
    await expect(currentStep(page)).toHaveAttribute("data-step", "1");
    await expect(page).toHaveURL(/\?step=1$/);
    for (const [index, status] of statuses.entries()) {
      const number = index + 1;
      await expect(currentStep(page)).toHaveAttribute("data-step", String(number));
      await page.keyboard.press("r");
      await expect(currentStep(page)).toHaveAttribute("data-status", String(status), { timeout: 90_000 });
      await expect(currentStep(page).locator(".lab-status-line")).toContainText(`HTTP/1.1 ${status}`);
      await expect(currentStep(page).locator(".lab-ws-verdict")).toContainText("as expected");
      await expect(page).toHaveURL(new RegExp(`\\?step=${number}$`));
      if (index === 1) {
        await page.reload();
        await expect(currentStep(page)).toHaveAttribute("data-step", String(number));
      }
      if (number < statuses.length) await page.keyboard.press("ArrowRight");
    }
    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(new RegExp(`\\?step=${statuses.length - 1}$`));
    expect(await sandboxReady(page, "workshop-lesson")).toBe("service-worker");
    await page.keyboard.press("Home");
    await expect(currentStep(page)).toHaveAttribute("data-step", "1");
    await expect(currentStep(page).locator(".lab-exchange")).toHaveCount(0);
    expect(watch.pageErrors).toEqual([]);
    // A login's 302 to the loopback redirect URI is read, never followed (fixtures.ts).
    expect(watch.foreignRequests.filter((url) => !hops.has(url))).toEqual([]);
    expect([...hops].every((url) => url.startsWith("http://127.0.0.1:8765/callback?code="))).toBe(true);
  });
}

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
