import { existsSync, readdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";

/**
 * The status pages as a reader gets them: one diagram that follows the theme and can be enlarged
 * until its text is readable, badges set apart from the names they follow, and no sideways
 * scrolling on a phone.
 */

type Theme = "light" | "dark";
const siteDir = process.env["PAGES_DIR"] ?? "dist-pages";
const statusCodes = existsSync(`${siteDir}/status`) ? readdirSync(`${siteDir}/status`).sort() : [];

async function themed(browser: Browser, theme: Theme, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ colorScheme: theme, viewport });
  await context.addInitScript((value) => localStorage.setItem("starlight-theme", value), theme);
  return context;
}

/** The colour of the pixel at (x, y) of a PNG screenshot, read through a canvas in a blank page. */
async function pixel(page: Page, png: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(
      async ({ data, x, y }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext("2d");
        if (!context) throw new Error("no 2d canvas");
        context.drawImage(image, 0, 0);
        const [r = 0, g = 0, b = 0] = context.getImageData(x, y, 1, 1).data;
        return [r, g, b] as [number, number, number];
      },
      { data: png.toString("base64"), x, y },
    );
  } finally {
    await scratch.close();
  }
}

const rgb = (text: string) => [...text.matchAll(/\d+/g)].slice(0, 3).map((match) => Number(match[0]));
const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};
const contrast = (a: number[], b: number[]) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
};

/**
 * Mermaid's own palettes (its "default" and "dark" themes), which the one SVG must reproduce:
 * the participant boxes, the message text and the notes.
 */
const palette: Record<Theme, { actor: number[]; message: number[]; note: number[] }> = {
  light: { actor: [236, 236, 255], message: [51, 51, 51], note: [255, 245, 173] },
  dark: { actor: [31, 32, 32], message: [211, 211, 211], note: [71, 73, 73] },
};

test.describe("the sequence diagram follows the theme", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`${theme}: one SVG in the page, drawn in Mermaid's ${theme} palette`, async ({ browser }) => {
      const context = await themed(browser, theme);
      const page = await context.newPage();
      await page.goto("status/404/");
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.locator("svg[aria-roledescription='sequence']")).toHaveCount(1);
      const svg = page.locator("main .lab-diagram svg");
      await expect(svg).toBeVisible();

      const colours = await svg.evaluate((element) => {
        const fill = (selector: string) => {
          const found = element.querySelector(selector);
          return found ? getComputedStyle(found).fill : "";
        };
        return {
          actor: fill("rect.actor"),
          message: fill(".messageText"),
          note: fill("rect.note"),
          page: getComputedStyle(document.body).backgroundColor,
        };
      });
      const expected = palette[theme];
      expect(rgb(colours.actor)).toEqual(expected.actor);
      expect(rgb(colours.message)).toEqual(expected.message);
      expect(rgb(colours.note)).toEqual(expected.note);
      // The other theme's palette is not what is drawn (the test can tell the two apart).
      expect(rgb(colours.actor)).not.toEqual(palette[theme === "light" ? "dark" : "light"].actor);
      // Message text reads on the page behind it.
      expect(contrast(rgb(colours.message), rgb(colours.page))).toBeGreaterThanOrEqual(4.5);

      // What is painted: a screenshot's pixels inside a participant box and beside the drawing.
      const frame = page.locator("main .lab-diagram-frame");
      const shot = await frame.screenshot();
      const frameBox = await frame.boundingBox();
      const actorBox = await svg.locator("rect.actor").first().boundingBox();
      if (!frameBox || !actorBox) throw new Error("the diagram has no box");
      const inside = await pixel(
        page,
        shot,
        Math.round(actorBox.x - frameBox.x + 8),
        Math.round(actorBox.y - frameBox.y + 8),
      );
      for (const [channel, value] of inside.entries()) {
        expect(Math.abs(value - (expected.actor[channel] ?? 0)), `${theme} box pixel ${inside.join(",")}`).toBeLessThan(
          6,
        );
      }
      const beside = await pixel(page, shot, 1, 1);
      expect(luminance(beside) > 0.5, `${theme} background pixel ${beside.join(",")}`).toBe(theme === "light");
      await context.close();
    });
  }
});

test.describe("code tokens follow the theme", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`${theme}: every token of /status/401/ is drawn in its ${theme} colour`, async ({ browser }) => {
      const context = await themed(browser, theme);
      const page = await context.newPage();
      await page.goto("status/401/");
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const wrong = await page.evaluate(
        (variant) => {
          const probe = document.createElement("span");
          document.body.append(probe);
          const resolved = (colour: string) => {
            probe.style.color = colour;
            return getComputedStyle(probe).color;
          };
          const found = [...document.querySelectorAll(".expressive-code pre.lab-flat code span")]
            .map((span) => {
              const own = getComputedStyle(span).getPropertyValue(`--${variant}`).trim();
              return { text: span.textContent, own, drawn: getComputedStyle(span).color };
            })
            .filter(({ own, drawn }) => own !== "" && resolved(own) !== drawn)
            .map(({ text, own, drawn }) => `${text}: ${drawn}, not ${own}`);
          probe.remove();
          return found;
        },
        theme === "light" ? 0 : 1,
      );
      expect(wrong).toEqual([]);
      await context.close();
    });
  }
});

test.describe("an enlarged diagram is readable", () => {
  const viewports = [
    { width: 390, height: 844 },
    { width: 1024, height: 768 },
    { width: 1920, height: 1080 },
  ];
  for (const viewport of viewports) {
    for (const path of ["status/404/", "status/521/"]) {
      test(`${viewport.width}×${viewport.height} /${path}: by keyboard, full width, text ≥ 12 px`, async ({
        browser,
      }) => {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await page.goto(path);
        const textPx = () =>
          page.evaluate(() => {
            const svg = document.querySelector<SVGSVGElement>("svg[aria-roledescription='sequence']");
            const text = svg?.querySelector("text.messageText");
            const scale = svg?.getScreenCTM()?.a ?? 0;
            return text ? parseFloat(getComputedStyle(text).fontSize) * scale : 0;
          });
        if (viewport.width === 390) expect(await textPx(), "inline on a phone the text is small").toBeLessThan(12);

        const enlarge = page.getByRole("button", { name: "Enlarge diagram" });
        await enlarge.focus();
        await page.keyboard.press("Enter");
        const dialog = page.getByRole("dialog");
        await expect(dialog).toBeVisible();
        await expect(dialog).toHaveAccessibleName(
          (await page.locator("main .lab-diagram svg title").textContent()) ?? "",
        );
        // The same SVG moved, not a copy.
        await expect(page.locator("svg[aria-roledescription='sequence']")).toHaveCount(1);
        await expect(dialog.locator("svg[aria-roledescription='sequence']")).toBeVisible();
        const box = await dialog.boundingBox();
        expect(box?.width).toBe(viewport.width);
        expect(await textPx()).toBeGreaterThanOrEqual(12);
        // The background does not scroll sideways behind it.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

        await page.keyboard.press("Escape");
        await expect(dialog).toBeHidden();
        await expect(page.locator("main .lab-diagram > .lab-diagram-frame svg")).toBeVisible();
        await expect(enlarge).toBeFocused();
        await context.close();
      });
    }
  }

  for (const theme of ["light", "dark"] as const) {
    test(`${theme}: the open dialog passes axe`, async ({ browser }) => {
      const context = await themed(browser, theme, { width: 390, height: 844 });
      const page = await context.newPage();
      await page.goto("status/404/");
      await page.getByRole("button", { name: "Enlarge diagram" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      const results = await new AxeBuilder({ page })
        .include("dialog")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
      await context.close();
    });
  }

  test("without JavaScript there is no dead button, and the diagram is there", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("status/404/");
    await expect(page.locator("main .lab-diagram svg")).toBeVisible();
    await expect(page.getByRole("button", { name: "Enlarge diagram" })).toBeHidden();
    await context.close();
  });
});

test.describe("badges are set apart from the name before them", () => {
  test("in the sidebar, on the status page and in the explorer", async ({ page }) => {
    await page.goto("status/510/");
    const link = page.locator("#starlight__sidebar a", { hasText: "510 Not Extended" });
    await expect(link).toHaveAccessibleName("510 Not Extended, obsoleted");
    expect((await link.textContent())?.trim()).toBe("510 Not Extended, obsoleted");
    // A visible gap between the name's last letter and the badge, or the badge on a line of its own.
    const separation = await link.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element.firstChild as Node);
      const text = [...range.getClientRects()].at(-1);
      const badge = element.querySelector(".lab-badge")?.getBoundingClientRect();
      if (!text || !badge) return { sameLine: true, gap: 0 };
      return { sameLine: badge.top < text.bottom - 2, gap: badge.left - text.right };
    });
    if (separation.sameLine) expect(separation.gap).toBeGreaterThanOrEqual(4);
    // A code without a badge has none, and no separator either.
    await expect(page.locator("#starlight__sidebar a", { hasText: "511 Network" })).toHaveAccessibleName(
      "511 Network Authentication Required",
    );
    await expect(page.locator("main .lab-badges")).toHaveText("5xx, obsoleted");
    // The sidebar's short links to the other codes lead to their pages under the base path.
    const neighbour = page.locator("#starlight__sidebar a", { hasText: "404 Not Found" });
    expect(await neighbour.evaluate((element) => new URL((element as HTMLAnchorElement).href).pathname)).toBe(
      "/http-status-lab/status/404/",
    );

    await page.goto("");
    const entry = page.locator("status-explorer li[data-code='510']");
    await expect(entry).toContainText("510 Not Extended, obsoleted");
    expect(await page.locator("body").textContent()).not.toContain("Extendedobsoleted");
  });
});

test.describe("code blocks and diagrams are drawn when they near the viewport", () => {
  const phone = { width: 390, height: 844 };
  /** Whether the browser has drawn the inside of the NGINX sample's block (skipped ones are not). */
  const nginxDrawn = (page: Page) =>
    page
      .locator("main h2#nginx-configuration + .expressive-code pre")
      .evaluate((pre) => pre.checkVisibility({ contentVisibilityAuto: true }));

  test("on a phone the blocks far below are skipped at load, and drawn once scrolled to", async ({ browser }) => {
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto("status/404/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await nginxDrawn(page)).toBe(false);
    await page.locator("#nginx-configuration").scrollIntoViewIfNeeded();
    await expect.poll(() => nginxDrawn(page)).toBe(true);
    await context.close();
  });

  test("a link to a heading far below lands on it, and print draws every block", async ({ browser }) => {
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto("status/404/#nginx-configuration");
    // The heading ends up at the top of the screen, below Starlight's fixed header and mobile TOC.
    const top = () => page.locator("#nginx-configuration").evaluate((heading) => heading.getBoundingClientRect().top);
    await expect.poll(top).toBeGreaterThanOrEqual(0);
    await page.waitForTimeout(500);
    expect(await top()).toBeGreaterThanOrEqual(0);
    expect(await top()).toBeLessThan(phone.height / 3);
    expect(await nginxDrawn(page)).toBe(true);

    await page.goto("status/404/");
    expect(await nginxDrawn(page)).toBe(false);
    await page.emulateMedia({ media: "print" });
    await expect.poll(() => nginxDrawn(page)).toBe(true);
    await context.close();
  });
});

test.describe("no status page scrolls sideways on a phone (390×844)", () => {
  test.describe.configure({ mode: "parallel" });
  const chunk = 10;
  for (let start = 0; start < statusCodes.length; start += chunk) {
    const codes = statusCodes.slice(start, start + chunk);
    test(`/status/${codes[0]}/ … /status/${codes.at(-1)}/`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const wide: string[] = [];
      for (const code of codes) {
        await page.goto(`status/${code}/`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${code}: ${width} px`);
        // Code blocks wrap their lines: none scrolls inside either.
        const blocks = await page.evaluate(
          () =>
            [...document.querySelectorAll(".expressive-code pre")].filter((pre) => pre.scrollWidth > pre.clientWidth)
              .length,
        );
        if (blocks > 0) wide.push(`${code}: ${blocks} code block(s) scroll sideways`);
      }
      expect(wide).toEqual([]);
      await context.close();
    });
  }

  test("the check sees sideways scrolling when there is some", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto("status/404/");
    await page.evaluate(() => document.querySelector("main p")?.setAttribute("style", "width: 600px"));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeGreaterThan(390);
    await context.close();
  });
});
