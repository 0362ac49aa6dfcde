import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { test as base, expect, sandboxReady } from "./fixtures.ts";
import { siteDir, sitemapPaths } from "./sitemap.ts";

/**
 * Accessibility: an axe sweep of every page in the built sitemap in light and dark mode, the
 * sandbox and inspector used by keyboard alone, results announced through live regions, and
 * motion reduced when the reader asks for it.
 */

type Mode = "light" | "dark";
const modes: Mode[] = ["light", "dark"];

/** WCAG 2.0–2.2 A and AA, plus axe's best practices: everything axe enables by default and more. */
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Every page in the built sitemap, plus the 404 page. */
function sweepPaths(): string[] {
  const paths = sitemapPaths();
  return paths.length > 0 ? [...paths, "no/such/page/"].sort() : [];
}

/** One browser context per colour mode per worker, reused by every page the worker sweeps. */
const test = base.extend<{ sweepPage: (mode: Mode) => Promise<Page> }, { sweepContexts: Map<Mode, Promise<Page>> }>({
  sweepContexts: [
    async ({}, use) => {
      const pages = new Map<Mode, Promise<Page>>();
      await use(pages);
      const contexts = await Promise.all([...pages.values()].map(async (page) => (await page).context()));
      await Promise.all(contexts.map((context) => context.close()));
    },
    { scope: "worker" },
  ],
  sweepPage: async ({ browser, sweepContexts, baseURL }, use) => {
    await use((mode) => {
      let page = sweepContexts.get(mode);
      if (!page) {
        page = themedPage(browser, mode, baseURL ?? "");
        sweepContexts.set(mode, page);
      }
      return page;
    });
  },
});

/** A page whose Starlight theme is `mode`: stored preference and the OS colour scheme agree. */
async function themedPage(browser: Browser, mode: Mode, baseURL: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL, colorScheme: mode, serviceWorkers: "allow" });
  await context.addInitScript((theme) => localStorage.setItem("starlight-theme", theme), mode);
  return context.newPage();
}

/** Axe's findings as lines a reader of the test output can act on. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string[] {
  return violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 4)
      .map(
        (node) => `${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1, 2).join(" ").trim() ?? ""}`,
      );
    return `${violation.id} (${violation.impact ?? "?"}): ${violation.help}\n    ${nodes.join("\n    ")}`;
  });
}

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself; the default opens a blank page per run to merge
  // frame results, which triples the sweep's time and buys nothing here (no cross-origin frames).
  const builder = new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(axeTags)
    .setLegacyMode(true);
  if (include !== undefined) builder.include(include);
  return describeViolations((await builder.analyze()).violations);
}

/**
 * The page as a reader meets it a moment after load: a sandbox has started (its controls are
 * disabled until then; the 401 page's starts when the reader scrolls near it), and Expressive Code
 * has made every code block that scrolls sideways focusable (it does so after a debounce, so axe
 * must not run before). Blocks the browser draws only near the viewport (content-visibility:
 * auto) are drawn first: axe checks contrast on what is drawn, and it must check all of it.
 */
async function settle(page: Page): Promise<void> {
  const starting = page.locator('main [data-sandbox-status][data-state="starting"]');
  // The sandbox starts when its form nears the viewport: bring its status line there (by an
  // attribute it keeps whatever its state, or a start that finishes meanwhile leaves nothing to scroll to).
  if ((await starting.count()) > 0) await page.locator("main [data-sandbox-status]").first().scrollIntoViewIfNeeded();
  await expect(starting).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => {
    for (const element of document.querySelectorAll<HTMLElement>("body *"))
      if (getComputedStyle(element).contentVisibility === "auto") element.style.contentVisibility = "visible";
  });
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll(".expressive-code pre")].every(
        (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute("tabindex"),
      ),
    undefined,
    { timeout: 5_000 },
  );
}

const paths = sweepPaths();

test("the built sitemap lists the pages to sweep", () => {
  expect(
    paths.length,
    `no sitemap in ${siteDir}: build with BASE_PATH=/http-status-lab/ OUT_DIR=./${siteDir}`,
  ).toBeGreaterThan(1);
});

test.describe("axe sweep", () => {
  test.describe.configure({ mode: "parallel" });
  for (const mode of modes) {
    for (const path of paths) {
      test(`${mode}: /${path}`, async ({ sweepPage }) => {
        const page = await sweepPage(mode);
        const response = await page.goto(path);
        expect(response?.status()).toBe(path.startsWith("no/") ? 404 : 200);
        await expect(page.locator("html")).toHaveAttribute("data-theme", mode);
        await settle(page);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  }
});

/** Marks every control in `root` and returns how many there are. */
async function markControls(root: Locator): Promise<number> {
  return root.evaluate((element) => {
    for (const marked of document.querySelectorAll<HTMLElement>("[data-kb-control]"))
      delete marked.dataset["kbControl"];
    const controls = [
      ...element.querySelectorAll<HTMLElement>(
        'input:not([type="hidden"]), textarea, select, button, summary, a[href], [tabindex="0"]',
      ),
    ].filter(
      (control) =>
        control.getClientRects().length > 0 &&
        !(control as HTMLButtonElement).disabled &&
        // Roving tab stops (tabs, radio groups) are reached with the arrow keys, not Tab (ARIA APG).
        control.tabIndex >= 0 &&
        !(control instanceof HTMLInputElement && control.type === "radio" && !control.checked),
    );
    controls.forEach((control, index) => (control.dataset["kbControl"] = String(index)));
    return controls.length;
  });
}

/**
 * Presses Tab from the top of the page until every marked control has had the focus, checking
 * that each shows a visible focus indicator. Returns the controls never reached and those whose
 * focus could not be seen.
 */
async function tabThrough(page: Page, count: number): Promise<{ unreached: string[]; invisible: string[] }> {
  const reached = new Map<string, boolean>();
  // Clicking the (unfocusable) page title moves the sequential focus starting point above the controls.
  await page.locator("main h1").first().click();
  for (let press = 0; press < 400 && reached.size < count; press += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      if (!active?.dataset["kbControl"]) return undefined;
      const style = getComputedStyle(active);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      return { id: active.dataset["kbControl"], visible: outline || style.boxShadow !== "none" };
    });
    if (focused) reached.set(focused.id, focused.visible);
  }
  const describe = async (id: string) =>
    (await page.locator(`[data-kb-control="${id}"]`).evaluate((element) => element.outerHTML.slice(0, 100))) ?? id;
  const unreached: string[] = [];
  const invisible: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const visible = reached.get(String(index));
    if (visible === undefined) unreached.push(await describe(String(index)));
    else if (!visible) invisible.push(await describe(String(index)));
  }
  return { unreached, invisible };
}

/** Presses `key` on `control` once it has the focus (reaching it by Tab is checked by tabThrough). */
async function pressOn(page: Page, control: Locator, key: "Enter" | " "): Promise<void> {
  await control.focus();
  await expect(control).toBeFocused();
  await page.keyboard.press(key);
}

/** The text of every live region inside `root`, joined. */
async function liveText(root: Locator): Promise<string> {
  const regions = root.locator('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
  return (await regions.allTextContents()).join(" ").trim();
}

/** The two sandboxes and the buttons that send from each: one pressed with Enter, one with Space. */
const sandboxes = [
  { path: "sandbox/", enter: /^Send$/, space: /like a browser/i },
  { path: "status/401/", enter: /with these credentials/i, space: /without credentials/i },
];

/** Sends with both buttons of a sandbox, opens every disclosure and draws the diagram if offered. */
async function showEverything(page: Page, sandbox: Locator, enter: RegExp, space: RegExp): Promise<void> {
  // One send at a time (the buttons wait while a request is out): each click after the last answer.
  for (const [index, name] of [enter, space].entries()) {
    await sandbox.getByRole("button", { name }).click();
    await expect(sandbox.locator(".lab-exchange").nth(index)).toBeVisible();
  }
  const draw = sandbox.locator("[data-diagram-draw]:visible");
  if ((await draw.count()) > 0) await draw.click();
  await sandbox
    .locator("details")
    .evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  await page.waitForTimeout(300);
}

test.describe("the sandbox by keyboard", () => {
  for (const { path, enter, space } of sandboxes) {
    test(`/${path}: every control is reachable by Tab, shows its focus, Enter/Space send, results are announced`, async ({
      page,
    }) => {
      await page.goto(path);
      await sandboxReady(page, "main .lab-sandbox");
      const sandbox = page.locator("main .lab-sandbox").first();
      const count = await markControls(sandbox);
      expect(count).toBeGreaterThanOrEqual(3);
      expect(await tabThrough(page, count)).toEqual({ unreached: [], invisible: [] });

      const regions = sandbox.locator(
        '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]',
      );
      expect(await regions.count(), "the sandbox has a live region").toBeGreaterThan(0);
      const exchanges = sandbox.locator(".lab-exchange");
      await pressOn(page, sandbox.getByRole("button", { name: enter }), "Enter");
      await expect(exchanges.first(), "Enter sends").toBeVisible();
      await expect.poll(() => liveText(sandbox), { message: "the result is announced" }).toMatch(/\b[1-5]\d\d\b/);
      const afterEnter = await exchanges.count();
      const announced = await liveText(sandbox);
      await pressOn(page, sandbox.getByRole("button", { name: space }), " ");
      await expect.poll(() => exchanges.count(), { message: "Space sends" }).toBeGreaterThan(afterEnter);
      await expect.poll(() => liveText(sandbox), { message: "the new result is announced" }).not.toBe(announced);

      // What a send adds (exchange, raw text, diagram, copy-as) is usable by keyboard too.
      await showEverything(page, sandbox, enter, space);
      const added = await markControls(sandbox);
      expect(await tabThrough(page, added)).toEqual({ unreached: [], invisible: [] });
      const summary = exchanges.first().locator("summary").first();
      if ((await summary.count()) > 0) {
        const details = summary.locator("xpath=..");
        const wasOpen = await details.evaluate((element) => (element as HTMLDetailsElement).open);
        await pressOn(page, summary, "Enter");
        await expect.poll(() => details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(!wasOpen);
      }
    });
  }

  for (const mode of modes) {
    for (const { path, enter, space } of sandboxes) {
      test(`${mode}: /${path} with exchanges, diagram and copy-as shown has no axe violation`, async ({
        page,
        context,
      }) => {
        await context.addInitScript((theme) => localStorage.setItem("starlight-theme", theme), mode);
        await page.emulateMedia({ colorScheme: mode });
        await page.goto(path);
        await sandboxReady(page, "main .lab-sandbox");
        await showEverything(page, page.locator("main .lab-sandbox").first(), enter, space);
        expect(await axeViolations(page, "main")).toEqual([]);
      });
    }
  }
});

test.describe("the inspector by keyboard", () => {
  test("every control is reachable by Tab and shows its focus; results are announced", async ({ page }) => {
    const response = await page.goto("inspect/");
    expect(response?.status(), "/inspect/ is built").toBe(200);
    const main = page.locator("main");
    const field = main.locator("textarea, input:not([type=hidden])").first();
    await expect(field, "the inspector has a field to type a header into").toBeVisible();
    const count = await markControls(main);
    expect(await tabThrough(page, count)).toEqual({ unreached: [], invisible: [] });

    const regions = main.locator('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
    expect(await regions.count(), "the inspector has a live region").toBeGreaterThan(0);
    await field.fill('Basic realm="HTTP Status Lab", charset="UTF-8"');
    const button = main.locator("button:visible:enabled").first();
    if ((await button.count()) > 0) await pressOn(page, button, "Enter");
    await expect.poll(() => liveText(main), { message: "the inspector announces its result" }).not.toBe("");
  });

  for (const mode of modes) {
    test(`${mode}: the inspector with a result shown has no axe violation`, async ({ page, context }) => {
      await context.addInitScript((theme) => localStorage.setItem("starlight-theme", theme), mode);
      await page.emulateMedia({ colorScheme: mode });
      const response = await page.goto("inspect/");
      expect(response?.status(), "/inspect/ is built").toBe(200);
      await page
        .locator("main textarea, main input:not([type=hidden])")
        .first()
        .fill('Bearer realm="api", error="invalid_token"');
      const button = page.locator("main button:visible:enabled").first();
      if ((await button.count()) > 0) await button.click();
      await page.waitForTimeout(200);
      expect(await axeViolations(page, "main")).toEqual([]);
    });
  }
});

/** The longest animation or transition (seconds) of the spinner and everything in the sandbox. */
async function longestMotion(page: Page): Promise<{ spinner: number; longest: number }> {
  return page.evaluate(() => {
    const seconds = (value: string) =>
      Math.max(
        ...value
          .split(",")
          .map((part) => (part.trim().endsWith("ms") ? parseFloat(part) / 1000 : parseFloat(part) || 0)),
      );
    const motion = (element: Element) => {
      const style = getComputedStyle(element);
      return style.animationName === "none"
        ? seconds(style.transitionDuration)
        : Math.max(seconds(style.animationDuration), seconds(style.transitionDuration));
    };
    const spinner = document.querySelector("main .lab-spinner");
    const all = [...document.querySelectorAll("main .lab-sandbox, main .lab-sandbox *")];
    return { spinner: spinner ? motion(spinner) : Number.NaN, longest: Math.max(0, ...all.map(motion)) };
  });
}

test("the sandbox's spinner turns and stops turning when the reader asks for reduced motion", async ({
  browser,
  baseURL,
}) => {
  for (const reducedMotion of ["no-preference", "reduce"] as const) {
    const context = await browser.newContext({ baseURL: baseURL ?? "", reducedMotion });
    const page = await context.newPage();
    await page.goto("sandbox/");
    await expect(page.locator("main .lab-spinner").first()).toBeAttached();
    const { spinner, longest } = await longestMotion(page);
    if (reducedMotion === "no-preference") {
      expect(spinner, "the spinner animates by default").toBeGreaterThan(0.1);
    } else {
      expect(spinner, "the spinner's animation is ~0 s").toBeLessThanOrEqual(0.001);
      expect(longest, "nothing in the sandbox moves for longer than ~0 s").toBeLessThanOrEqual(0.001);
    }
    await context.close();
  }
});
