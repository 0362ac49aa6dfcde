import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, sandboxReady } from "./fixtures.ts";

/**
 * The content security policy (decisions/csp.md): every page carries it as a <meta>, scripts are
 * never 'unsafe-inline', every inline script is allowed by its hash, and using the site (theme,
 * search, the sandbox with all its controls) reports no violation.
 */

/** Page kinds that must carry the policy; the 404 page is what GitHub Pages answers for any typo. */
const pageKinds = ["", "status/401/", "sandbox/", "inspect/", "no/such/page/"];

/** The policy in a page's <meta http-equiv="content-security-policy">, as directive → sources. */
function parsePolicy(html: string): Map<string, string[]> | undefined {
  const metas = [...html.matchAll(/<meta\s[^>]*http-equiv="content-security-policy"[^>]*>/gi)];
  if (metas.length !== 1) return undefined;
  const content = /content="([^"]*)"/i.exec(metas[0]?.[0] ?? "")?.[1] ?? "";
  const policy = new Map<string, string[]>();
  for (const directive of content.replaceAll("&#39;", "'").split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** Every inline <script> that the browser would execute (not JSON data blocks). */
function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const [, attributes = "", body = ""] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc=/i.test(attributes)) continue;
    const type = /\stype="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase();
    if (type !== undefined && type !== "module" && !type.includes("javascript")) continue;
    scripts.push(body);
  }
  return scripts;
}

/** Collects `securitypolicyviolation` events from the first moment of every document. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleReports: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) consoleReports.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const reports: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = reports;
    document.addEventListener("securitypolicyviolation", (event) => {
      reports.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ${event.sample}`.trim());
    });
  });
  return async () => [
    ...consoleReports,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

for (const path of pageKinds) {
  test(`/${path} carries the policy, without 'unsafe-inline' for scripts, and hashes every inline script`, async ({
    request,
  }) => {
    const response = await request.get(path);
    expect(response.status(), `/${path} is built`).toBe(path.startsWith("no/") ? 404 : 200);
    const html = await response.text();
    const policy = parsePolicy(html);
    expect(policy, `/${path} has exactly one CSP <meta>`).toBeDefined();
    if (!policy) return;
    const scriptSrc = policy.get("script-src") ?? [];
    expect(scriptSrc).toContain("'self'");
    for (const weak of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "http:", "https:"]) {
      expect(scriptSrc, `script-src must not allow ${weak}`).not.toContain(weak);
    }
    expect(policy.has("script-src-elem") ? policy.get("script-src-elem") : []).not.toContain("'unsafe-inline'");
    expect(policy.has("script-src-attr") ? policy.get("script-src-attr") : []).not.toContain("'unsafe-inline'");
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);

    const allowed = new Set(scriptSrc);
    const unhashed = inlineScripts(html)
      .map((body) => ({ hash: `'sha256-${createHash("sha256").update(body).digest("base64")}'`, body }))
      .filter(({ hash }) => !allowed.has(hash))
      .map(({ hash, body }) => `${hash}: ${body.trim().slice(0, 80)}`);
    expect(unhashed, "inline scripts the policy would block").toEqual([]);
  });
}

test("every page in the sitemap carries the policy and hashes all of its inline scripts", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? "http://127.0.0.1/").origin;
  const index = await (await request.get("sitemap-index.xml")).text();
  const pages: string[] = [];
  for (const [, sitemap = ""] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const xml = await (await request.get(`${origin}${new URL(sitemap).pathname}`)).text();
    for (const [, loc = ""] of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) pages.push(`${origin}${new URL(loc).pathname}`);
  }
  expect(pages.length).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const url of pages) {
    const html = await (await request.get(url)).text();
    const policy = parsePolicy(html);
    if (!policy) {
      problems.push(`${url}: no CSP <meta>`);
      continue;
    }
    const scriptSrc = new Set(policy.get("script-src") ?? []);
    if (scriptSrc.has("'unsafe-inline'")) problems.push(`${url}: script-src allows 'unsafe-inline'`);
    for (const body of inlineScripts(html)) {
      const hash = `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
      if (!scriptSrc.has(hash))
        problems.push(`${url}: inline script ${hash} is not allowed: ${body.trim().slice(0, 60)}`);
    }
  }
  expect(problems).toEqual([]);
});

test("switching theme and searching report no CSP violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("");
  await page.locator("starlight-theme-select select:visible").first().selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // Pagefind loads its WebAssembly index and a worker: the two things a strict policy would break.
  await page
    .getByRole("button", { name: /search/i })
    .first()
    .click();
  await page.locator(".pagefind-ui__search-input").fill("unauthorized");
  await expect(page.locator(".pagefind-ui__result").first()).toBeVisible({ timeout: 10_000 });
  expect(await violations()).toEqual([]);
});

/**
 * Uses every control a reader can reach in `root`: opens every disclosure and presses every button
 * and tab, then does it again for what the first round revealed (a new exchange's diagram, raw
 * text and copy-as buttons). Returns how many controls were used.
 */
async function useEveryControl(page: Page, root: string): Promise<number> {
  let used = 0;
  for (let round = 0; round < 2; round += 1) {
    const controls = page.locator(
      `${root} summary:visible, ${root} button:visible:enabled, ${root} [role="tab"]:visible`,
    );
    const count = Math.min(await controls.count(), 60);
    for (let index = 0; index < count; index += 1) {
      const control = controls.nth(index);
      if (!(await control.isVisible()) || !(await control.isEnabled())) continue;
      // The pointer leaves the last control first: a term's hover tooltip may cover the next one in
      // the workbench's narrower log column.
      await page.mouse.move(0, 0);
      await control.click();
      used += 1;
      // A pressed term keeps its tooltip open over the next row: press it again to close it.
      if ((await control.getAttribute("aria-pressed")) === "true") await control.click();
      // "Enlarge diagram" opens a modal dialog over the page: Escape closes it, as a reader would.
      if ((await page.locator("dialog[open]").count()) > 0) await page.keyboard.press("Escape");
      await page.waitForTimeout(30);
    }
  }
  return used;
}

for (const path of ["sandbox/", "status/401/"]) {
  test(`using the sandbox on /${path} (sends, diagram, raw text, copy-as) reports no CSP violation`, async ({
    page,
    context,
    watch,
  }) => {
    // It presses every control in the sandbox (about 120, each waiting for its answer): 30 s is
    // too tight when the machine is busy, and the claim is about violations, not speed.
    test.setTimeout(120_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const violations = await watchViolations(page);
    await page.goto(path);
    expect(await sandboxReady(page, "main .lab-sandbox")).toBe("service-worker");
    const used = await useEveryControl(page, "main");
    expect(used).toBeGreaterThanOrEqual(3);
    await expect(page.locator("main .lab-exchange").first()).toBeVisible();
    if (path === "sandbox/") {
      // The lazily loaded parts ran: Mermaid drew the diagram (its SVG carries a <style>), and
      // copy-as produced code (Shiki).
      await expect(page.locator("main [data-diagram-svg] svg")).toBeVisible({ timeout: 15_000 });
      await expect(page.locator("main [data-copy-as] [data-code]")).not.toContainText("Send a request first");
    }
    await page.waitForTimeout(500);
    expect(await violations()).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
}

test("using the header inspector reports no CSP violation", async ({ page, watch }) => {
  const violations = await watchViolations(page);
  const response = await page.goto("inspect/");
  expect(response?.status(), "/inspect/ is built").toBe(200);
  const fields = page.locator("main textarea, main input:not([type=hidden])");
  expect(await fields.count(), "the inspector has fields to type into").toBeGreaterThan(0);
  await fields.first().fill('Basic realm="x", Bearer error="invalid_token"');
  await useEveryControl(page, "main");
  await page.waitForTimeout(500);
  expect(await violations()).toEqual([]);
  expect(watch.pageErrors).toEqual([]);
});
