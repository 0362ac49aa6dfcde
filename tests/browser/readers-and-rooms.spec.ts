import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { buildMarkerName } from "../../src/server/ensure-build.ts";
import { startNpmStart, type RunningNpmStart } from "../integration/npm-start.ts";
import { test, expect, sandboxReady } from "./fixtures.ts";

/**
 * Where readers and rooms touch the site (issue 23): the sandbox laid out for a laptop, the
 * inspector showing what was pasted, copy as pointing at the server the page came from, and the
 * workshop's dialogs and verdict on a projector.
 */

const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/** Elements inside `root` that scroll on their own (a pane inside the page). */
function scrollPanes(root: Locator): Promise<string[]> {
  return root.evaluate((element) =>
    [element, ...element.querySelectorAll("*")]
      .filter((node) => {
        const style = getComputedStyle(node);
        return /auto|scroll/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 1;
      })
      .map((node) => `${node.tagName.toLowerCase()}.${[...node.classList].join(".")}`),
  );
}

test("sandbox at 1280×800: Send like a browser on the first screen, a log ≥ 480 px, a Digest challenge wrapped in its entry with no pane scrolling", async ({
  page,
}) => {
  await page.setViewportSize(laptop);
  // The link of a status page: the scheme comes from the path (digest-auth/…), so the handshake completes.
  await page.goto("sandbox/?endpoint=digest-auth/auth/user/passwd/SHA-256");
  await sandboxReady(page, "auth-sandbox");
  await page.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
  const send = page.getByRole("button", { name: "Send like a browser" });
  const box = await send.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(laptop.height);
  const log = page.locator(".lab-workbench > .lab-results");
  expect((await log.boundingBox())!.width).toBeGreaterThanOrEqual(480);

  await send.click();
  const entries = page.locator("[data-exchange-log] .lab-exchange");
  await expect(entries).toHaveCount(2, { timeout: 15_000 });
  await expect(entries.nth(0)).toHaveAttribute("data-status", "401");
  await expect(entries.nth(1)).toHaveAttribute("data-status", "200");
  const challenge = entries.nth(0).locator(".lab-challenge td").first();
  await expect(challenge).toContainText("nonce=");
  // Wrapped inside the entry: several lines, no wider than the entry, and nothing scrolls inside the page.
  const fits = await entries.nth(0).evaluate((entry) => entry.scrollWidth <= entry.clientWidth + 1);
  expect(fits).toBe(true);
  expect((await challenge.boundingBox())!.height).toBeGreaterThan(40);
  expect(await scrollPanes(page.locator("auth-sandbox"))).toEqual([]);
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = `${b64url({ alg: "ES256", typ: "at+jwt" })}.${b64url({ sub: "demo-user", scope: "read" })}.c2lnbmF0dXJl`;

for (const size of [phone, laptop]) {
  test(`inspector ${size.width}×${size.height}: HTTP/2 stays HTTP/2, a JWT is decoded, an opaque token is said so, explanations are marked to open`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto("inspect/");
    const inspector = page.locator("header-inspector");
    await expect(inspector).toHaveAttribute("data-ready", "");
    const value = inspector.locator("textarea[name=value]");
    await value.fill('HTTP/2 401\ndate: Mon, 07 Dec 2026 21:00:00 GMT\nwww-authenticate: Basic realm="api"\n');
    const raw = inspector.locator("[data-report] pre").first();
    await expect(raw).toContainText("HTTP/2 401");
    await expect(raw).not.toContainText("HTTP/1.1");
    // The neighbour: an HTTP/1.1 paste keeps its version and reason phrase.
    await value.fill('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm="api"\n');
    await expect(raw).toContainText("HTTP/1.1 401 Unauthorized");

    // The parameter's explanation is something to open: a visible mark, a name saying so.
    const term = inspector.getByRole("button", { name: "realm, what it means" });
    await expect(term).toBeVisible();
    expect(await term.evaluate((button) => getComputedStyle(button, "::after").content)).toMatch(/^"i"/);
    await term.click();
    await expect(inspector.locator('.lab-term[aria-pressed="true"] + [role="tooltip"]')).toBeVisible();

    await value.fill(`Authorization: Bearer ${jwt}`);
    const params = inspector.locator(".lab-params");
    await expect(params).toContainText("JWT claims (decoded, not verified)");
    await expect(params.locator("dd code.lab-decoded").nth(1)).toContainText('"sub": "demo-user"');
    // The raw token shows once (token68), never again as "decoded".
    expect((await params.textContent())!.split(jwt).length - 1).toBe(1);
    await expect(params.locator("script, img")).toHaveCount(0);

    await value.fill("Authorization: Bearer demo-read-only");
    await expect(params).toContainText("Opaque: not a JWT");
    expect((await params.textContent())!.split("demo-read-only").length - 1).toBe(1);
  });
}

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b2] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The box lies inside the viewport. */
async function inside(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  return (
    box !== null &&
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= view.height + 1 &&
    box.x + box.width <= view.width + 1
  );
}

for (const size of [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
]) {
  test(`workshop ${size.width}×${size.height}, presentation mode: the QR and Keys dialogs fit with Close on screen`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto("workshop/01-basic-handshake/");
    await page.keyboard.press("p");
    await page.keyboard.press("q");
    const qr = page.getByRole("dialog", { name: "Follow along" });
    await expect(qr).toBeVisible();
    expect(await inside(page, qr.getByRole("heading", { name: "Follow along" }))).toBe(true);
    expect(await inside(page, qr.getByRole("button", { name: "Close" }))).toBe(true);
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    const keys = page.getByRole("dialog", { name: "Keys" });
    await expect(keys).toBeVisible();
    expect(await inside(page, keys)).toBe(true);
    expect(await inside(page, keys.getByRole("button", { name: "Close" }))).toBe(true);
  });
}

for (const colorScheme of ["dark", "light"] as const) {
  test(`workshop 1280×720 presentation mode, ${colorScheme}: the verdict has 7:1 contrast and "Ready." is not drawn on the slide`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto("workshop/01-basic-handshake/");
    await page.keyboard.press("p");
    await page.keyboard.press("r");
    const verdict = page.locator(".lab-ws-step.lab-ws-current .lab-ws-verdict");
    await expect(verdict).toBeVisible({ timeout: 15_000 });
    const [colour, background] = await verdict.evaluate((element) => {
      let node: Element | null = element;
      let fill = "rgb(255, 255, 255)";
      while (node !== null) {
        const value = getComputedStyle(node).backgroundColor;
        if (value !== "transparent" && !/rgba\(.*, 0\)$/.test(value)) {
          fill = value;
          break;
        }
        node = node.parentElement;
      }
      return [getComputedStyle(element).color, fill];
    });
    expect(contrast(colour, background), `${colour} on ${background}`).toBeGreaterThanOrEqual(7);
    const status = page.locator("[data-sandbox-status]");
    await expect(status).toHaveAttribute("data-state", "ready");
    await expect(status).toContainText("Ready.");
    expect((await status.boundingBox())?.height ?? 0).toBeLessThanOrEqual(1);
  });
}

test.describe("copy as on npm start", () => {
  let project: string;
  let server: RunningNpmStart;
  test.beforeAll(async () => {
    // The base-path build the browser tests use, served by the real `npm start` at the same base.
    project = mkdtempSync(join(tmpdir(), "lab-copy-as-"));
    cpSync(process.env["PAGES_DIR"] ?? "dist-pages", project, { recursive: true });
    writeFileSync(
      join(project, buildMarkerName),
      JSON.stringify({
        basePath: "/http-status-lab/",
        site: "https://http-status-lab.github.io",
        startedAtMs: Date.now() + 3_600_000,
      }),
    );
    server = await startNpmStart(project, ["--quiet"], {
      BASE_PATH: "/http-status-lab/",
      SITE: "https://http-status-lab.github.io",
      SERVER_SECRET: "9c41e7b02d5fa86e13c7b4d9f0a2658e7d1b3c94a6f08e25bd7c1f3a9e4062d8",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(project, { recursive: true, force: true });
  });

  for (const where of ["npm start", "a static host"] as const) {
    test(`copy as's address is ${where === "npm start" ? "the page's origin on npm start" : "http://localhost:4321 on a static host"}`, async ({
      page,
      baseURL,
    }) => {
      const pageBase = where === "npm start" ? `${server.origin}/http-status-lab/` : baseURL!;
      await page.goto(`${pageBase}sandbox/`);
      await sandboxReady(page, "auth-sandbox");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.locator("[data-exchange-log] .lab-exchange")).toHaveCount(1, { timeout: 15_000 });
      const address = page.locator("[data-live-server]");
      const code = page.locator("[data-code]");
      if (where === "npm start") {
        await expect(address).toHaveValue(`${server.origin}/http-status-lab/`);
        await expect(code).toContainText(`${server.origin}/http-status-lab/api/basic-auth/user/passwd`);
      } else {
        await expect(address).toHaveValue("http://localhost:4321");
        await expect(code).toContainText("http://localhost:4321/api/basic-auth/user/passwd");
      }
    });
  }
});

test("the OAuth client's choices at 1280×800 are wide enough for their longest label", async ({ page }) => {
  await page.setViewportSize(laptop);
  await page.goto("oauth/");
  for (const name of ["resource", "twist"]) {
    const select = page.locator(`oauth-client select[name=${name}]`);
    await select.scrollIntoViewIfNeeded();
    const [needed, width] = await select.evaluate((element: HTMLSelectElement) => {
      const style = getComputedStyle(element);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = Math.max(...[...element.options].map((option) => context.measureText(option.text).width));
      // The text, the padding on both sides and the arrow (about 1.5em).
      const chrome = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 1.5 * parseFloat(style.fontSize);
      return [longest + chrome, element.getBoundingClientRect().width];
    });
    expect(width, name).toBeGreaterThanOrEqual(needed);
  }
});

test("the explorer's filter matches word starts: rate lists 429 and not 207 (separate); cache, redirect, auth and limit find their codes", async ({
  page,
}) => {
  await page.setViewportSize(phone);
  await page.goto("");
  const input = page.locator("#status-filter");
  const shown = () =>
    page
      .locator("status-explorer li[data-code]:visible")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-code")));
  await input.fill("rate");
  await expect.poll(shown).toContain("429");
  expect(await shown()).not.toContain("207");
  for (const [query, codes] of [
    ["cache", ["203", "204", "206", "304", "404", "410", "504"]],
    ["redirect", ["300", "301", "302", "303", "307", "308"]],
    ["auth", ["401", "403", "407", "511"]],
    ["limit", ["413", "414", "429", "431"]],
  ] as const) {
    await input.fill(query);
    await expect.poll(shown, query).toEqual(expect.arrayContaining([...codes]));
  }
});

test("on a phone the explorer's filter is on the first screen, and the hero's link leads to it", async ({ page }) => {
  await page.setViewportSize(phone);
  await page.goto("");
  const filter = page.locator("#status-filter");
  await expect(filter).toBeInViewport();
  const find = page.getByRole("link", { name: "Find a code by number or word" });
  await expect(find).toBeInViewport();
  await find.click();
  await expect(filter).toBeInViewport();
});
