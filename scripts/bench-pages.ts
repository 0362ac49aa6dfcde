/**
 * What a page costs a reader before they touch it: every response it loads (gzip-compressed here,
 * as GitHub Pages sends text), which of its JavaScript is ours rather than Starlight's, Astro's or
 * Pagefind's, whether Mermaid or Shiki came along, and whether the page is complete without
 * JavaScript (our definition of "no required first-party JavaScript").
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";

export interface LoadedScript {
  url: string;
  gzip: number;
  firstParty: boolean;
  mermaid: boolean;
  shiki: boolean;
}

export interface PageWeight {
  path: string;
  /** The HTML document itself, as stored and gzip-compressed (as GitHub Pages sends it). */
  htmlRaw: number;
  htmlGzip: number;
  /** Elements in the document once it has loaded and settled, before any interaction. */
  domElements: number;
  requests: number;
  totalGzip: number;
  /** Every response, largest first: what the total is made of. */
  responses: Array<{ url: string; gzip: number }>;
  jsGzip: number;
  firstPartyJsGzip: number;
  /** Inline <script> elements that are ours (not Starlight's), gzip-compressed together. */
  firstPartyInlineGzip: number;
  scripts: LoadedScript[];
  mermaid: string[];
  shiki: string[];
  /** Headings, links, code blocks and figures that only exist when JavaScript runs. */
  missingWithoutJs: string[];
}

/** Text types a static host compresses; everything else is counted at its own size. */
const textType = /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)/;

const mermaidUrl = /mermaid|Diagram-[A-Z0-9]{8}|-definition-[A-Z0-9]{8}/i;
// Mermaid's own code, not a module of ours that configures it (ours names "securityLevel" too).
const mermaidCode = /mermaidAPI|mermaid-parser|__mermaid_/;
const shikiUrl = /shiki/i;
const shikiCode =
  /ShikiError|createHighlighterCore|createShikiInternal|scopeName:"(source|text)\.|"scopeName":"(source|text)\./;

/** Every .astro component Starlight ships. */
function starlightComponents(projectRoot: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== "node_modules") walk(join(directory, entry.name));
      else if (entry.name.endsWith(".astro")) files.push(join(directory, entry.name));
    }
  };
  walk(join(projectRoot, "node_modules", "@astrojs", "starlight"));
  return files;
}

/**
 * Script files that are not ours: Starlight's components (their bundles are named after the
 * component), Expressive Code's (ec.*), Astro's page/prefetch script and build runtime, Pagefind.
 */
function frameworkScriptNames(components: string[]): Set<string> {
  const names = new Set(["ec", "page", "starlight-toc", "ui-core", "preload-helper", "rolldown-runtime"]);
  for (const file of components) names.add(basename(file, ".astro"));
  return names;
}

function isFirstPartyScript(url: string, framework: Set<string>): boolean {
  const { pathname } = new URL(url);
  if (pathname.includes("/pagefind/")) return false;
  // Bundles are named <module>.<hash>.js, or <Component>.astro_astro_type_script_<n>_lang.<hash>.js.
  const stem = (pathname.split("/").at(-1) ?? "").split(".")[0] ?? "";
  return !framework.has(stem);
}

/** Hashes of Starlight's own is:inline scripts, read from its components (as the CSP lists them). */
function starlightInlineHashes(components: string[]): Set<string> {
  const hashes = new Set<string>();
  for (const file of components) {
    for (const match of readFileSync(file, "utf8").matchAll(/<script\b[^>]*\bis:inline\b[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(
        createHash("sha256")
          .update(match[1] ?? "")
          .digest("base64"),
      );
    }
  }
  return hashes;
}

/** Signatures of the small Starlight scripts Astro inlines as modules (theme, sidebar, TOC, language). */
const starlightInlineModule = /starlight|sl-sidebar|min-width: 50em|window\.location\.pathname=|data-open-modal/;

export interface WeighOptions {
  projectRoot: string;
  /** Waits until the page's sandbox (if any) says it is ready. */
  ready?: (page: Page) => Promise<void>;
}

async function structure(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector("main");
    if (!main) return [];
    const items: string[] = [];
    for (const heading of main.querySelectorAll("h1, h2, h3, h4"))
      items.push(`heading: ${heading.textContent?.trim() ?? ""}`);
    for (const link of main.querySelectorAll("a[href]")) items.push(`link: ${link.getAttribute("href") ?? ""}`);
    items.push(`code blocks: ${main.querySelectorAll("pre").length}`);
    items.push(`figures: ${main.querySelectorAll("figure, svg[role='img'], .lab-diagram svg").length}`);
    return items;
  });
}

/** Loads `url` in a fresh context, lets it settle without interaction, and weighs what it loaded. */
export async function weighPage(browser: Browser, url: string, options: WeighOptions): Promise<PageWeight> {
  const components = starlightComponents(options.projectRoot);
  const framework = frameworkScriptNames(components);
  const starlightInline = starlightInlineHashes(components);
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  const bodies: Array<Promise<{ url: string; type: string; resource: string; body: Buffer } | undefined>> = [];
  context.on("response", (response) => {
    const request = response.request();
    if (response.status() < 200 || response.status() >= 400) return;
    // A page the service worker controls gets its responses through the worker, which fetched
    // them from the network itself (reported as the worker's own request): count the network once.
    if (response.fromServiceWorker()) return;
    bodies.push(
      response.body().then(
        (body) => ({
          url: response.url(),
          type: String(response.headers()["content-type"] ?? ""),
          resource: request.resourceType(),
          body,
        }),
        () => undefined,
      ),
    );
  });
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  await options.ready?.(page);
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(1_000);
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);

  // The service worker's own script is fetched by the browser, not the page: weigh it by URL.
  const workers = context.serviceWorkers().map((worker) => worker.url());
  const responses = (await Promise.all(bodies)).filter((entry) => entry !== undefined);
  for (const worker of workers) {
    if (responses.some((entry) => entry.url === worker)) continue;
    const answer = await fetch(worker);
    responses.push({
      url: worker,
      type: answer.headers.get("content-type") ?? "",
      resource: "script",
      body: Buffer.from(await answer.arrayBuffer()),
    });
  }

  const inline = await page.evaluate(() =>
    [...document.querySelectorAll("script:not([src])")]
      .filter((script) => !script.getAttribute("type") || /module|javascript/.test(script.getAttribute("type") ?? ""))
      .map((script) => script.textContent ?? ""),
  );
  const ours = inline.filter(
    (text) =>
      !starlightInline.has(createHash("sha256").update(text).digest("base64")) && !starlightInlineModule.test(text),
  );
  const withJs = await structure(page);
  const domElements = await page.evaluate(() => document.getElementsByTagName("*").length);
  await context.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(url, { waitUntil: "load", timeout: 30_000 });
  const withoutJs = new Set(await structure(plain));
  await noJs.close();

  const scripts: LoadedScript[] = [];
  const sizes: Array<{ url: string; gzip: number }> = [];
  let totalGzip = 0;
  for (const { url: responseUrl, type, resource, body } of responses) {
    const gzip = textType.test(type) ? gzipSync(body, { level: 6 }).length : body.length;
    totalGzip += gzip;
    sizes.push({ url: new URL(responseUrl).pathname, gzip });
    if (resource !== "script" && !/javascript/.test(type)) continue;
    const text = body.toString("utf8");
    scripts.push({
      url: responseUrl,
      gzip,
      firstParty: isFirstPartyScript(responseUrl, framework),
      mermaid: mermaidUrl.test(responseUrl) || mermaidCode.test(text),
      shiki: shikiUrl.test(responseUrl) || shikiCode.test(text),
    });
  }
  const sum = (list: LoadedScript[]) => list.reduce((total, script) => total + script.gzip, 0);
  const documentBody = responses.find((entry) => entry.resource === "document")?.body;
  return {
    path: new URL(url).pathname,
    htmlRaw: documentBody?.length ?? 0,
    htmlGzip: documentBody === undefined ? 0 : gzipSync(documentBody, { level: 6 }).length,
    domElements,
    requests: responses.length,
    totalGzip,
    responses: sizes.sort((a, b) => b.gzip - a.gzip),
    jsGzip: sum(scripts),
    firstPartyJsGzip: sum(scripts.filter((script) => script.firstParty)),
    firstPartyInlineGzip: ours.length === 0 ? 0 : gzipSync(ours.join("\n")).length,
    scripts: scripts.sort((a, b) => b.gzip - a.gzip),
    mermaid: scripts.filter((script) => script.mermaid).map((script) => new URL(script.url).pathname),
    shiki: scripts.filter((script) => script.shiki).map((script) => new URL(script.url).pathname),
    missingWithoutJs: withJs.filter((item) => !withoutJs.has(item)),
  };
}
