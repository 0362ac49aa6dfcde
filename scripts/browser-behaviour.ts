/**
 * What browsers do with each status code, measured: drives Chromium (DevTools protocol) and
 * Firefox (WebDriver BiDi) through puppeteer-core against `npm start` on a loopback port, and
 * writes src/data/browser-behaviour.json, which every status page's "What browsers do" section
 * reads (src/components/BrowserBehaviour.astro).
 *   npm run browser-behaviour                 every code with a page, both engines (about 4 minutes)
 *   npm run browser-behaviour -- --check 204,301,401   re-measures those codes and compares (npm test's drift step)
 *
 * How each entry is observed (also written into the data, `observed`):
 * - navigation: a page on the server's origin sets location.href to `status/{code}?q=<nonce>`, and
 *   the document that follows is read (the server's request log tells a kept page from a wait).
 *   The browser asked for credentials when its own login-prompt event fired for that URL (CDP
 *   Fetch.authRequired; BiDi network.authRequired behind an authRequired intercept); the prompt is
 *   answered "cancel", as a reader closing the dialog, and the page shows what follows.
 * - fetch: from that page, same origin, GET with each redirect mode (cache: "no-store"); what the
 *   page can read (status, type, redirected, which of the code's fields); then a POST with a body
 *   through `behaviour/redirect/{3xx}` to an echo (src/server/behaviour-endpoints.ts), which reports
 *   the method and content that arrived after the redirect.
 * - cache: two fetches of one `status/{code}?q=<nonce>` in the default cache mode; reused when the
 *   server's log saw one request.
 * - login schemes: a navigation to the sandbox's Basic, Digest (per algorithm) and Bearer endpoints
 *   with the automation's credentials; the scheme is answered when the navigation ends at 200.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { format } from "prettier";
import type { Browser, Page } from "puppeteer-core";
import { redirectsWithLocation, statusResponseTraits } from "../src/data/status-responses.ts";
import { reasonPhrase } from "../src/http/index.ts";
import { startNpmStart, writeBuiltProject } from "../tests/integration/npm-start.ts";
import { engines, launchEngine, type Engine } from "../tests/engines/engines.ts";

export const dataFile = "src/data/browser-behaviour.json";

/** What a top-level navigation to the code's response did. */
export type NavigationOutcome =
  | "rendered" // the response's body became the page
  | "followed" // the browser went on to the Location
  | "kept" // the page that navigated stayed (no new document)
  | "blank" // a new, empty document (no body to show)
  | "error-page" // the browser's own error page
  | "waited" // nothing within the time allowed: the browser was waiting (for its login dialog)
  | "asked"; // it asked for credentials in its own dialog (see afterCancel)

export interface FetchOutcome {
  /** The status a page reads, or the error fetch rejected with. */
  status?: number;
  type?: string;
  redirected?: boolean;
  rejected?: string;
}

export interface EngineBehaviour {
  navigation: NavigationOutcome;
  /** The browser asked for credentials (a login dialog for a person). */
  asksCredentials: boolean;
  /** When it asked: what the page became once the dialog was cancelled. */
  afterCancel?: NavigationOutcome;
  /** A fetch() of it (redirect: "follow") made the browser ask for credentials too. */
  fetchAsksCredentials: boolean;
  fetch: { follow: FetchOutcome; manual: FetchOutcome; error: FetchOutcome };
  /** The code's own fields (src/data/status-responses.ts) a page can read from fetch's Response. */
  readableFields: string[];
  /** For the 3xx with a Location: what a POST with content became after the redirect. */
  afterPost?: { method: string; bodyKept: boolean } | "not-followed";
  /** A second fetch was answered from the browser's cache, without a request. */
  reusedFromCache: boolean;
}

export interface BehaviourData {
  measured: string;
  engines: Record<Engine, string>;
  observed: Record<string, string>;
  /** Which login schemes, and which Digest algorithms, each engine answers on a navigation. */
  logins: Record<Engine, Record<string, boolean>>;
  codes: Record<string, Record<Engine, EngineBehaviour>>;
}

export const loginEndpoints: Readonly<Record<string, string>> = {
  Basic: "basic-auth/user/passwd",
  "Digest MD5": "digest-auth/auth/user/passwd/MD5",
  "Digest SHA-256": "digest-auth/auth/user/passwd/SHA-256",
  "Digest SHA-512-256": "digest-auth/auth/user/passwd/SHA-512-256",
  Bearer: "bearer",
};

const observed: Record<string, string> = {
  navigation:
    "location.href from a page on the same origin; the document after it settled (2 s at most), read from the page; 'asked' when asksCredentials",
  asksCredentials:
    "the engine's own login-prompt event for the navigation (CDP Fetch.authRequired; BiDi network.authRequired behind an authRequired intercept), answered 'cancel' as a reader closing the dialog; afterCancel is what the page then showed",
  fetchAsksCredentials: "the same event for the fetch with redirect: follow",
  fetch: "fetch() from the page, same origin, cache: no-store, each redirect mode",
  readableFields:
    "response.headers.get() for each field the code's response carries, after fetch with redirect: follow",
  afterPost:
    "fetch POST with text content to behaviour/redirect/{code}, whose Location is an echo of the method and content received",
  reusedFromCache: "two fetches of the same URL in the default cache mode; one request in the server's log",
  logins: "a navigation to the sandbox's endpoint with the automation's credentials ended at 200",
};

interface Server {
  origin: string;
  /** How many requests the server logged for this exact target (path and query; the query name is one the log shows, q: src/server/request-log.ts). */
  count: (target: string) => number;
}

const nonce = () => Math.random().toString(36).slice(2, 10);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newPage(browser: Browser, server: Server, credentials: boolean): Promise<Page> {
  const page = await browser.newPage();
  if (credentials) await page.authenticate({ username: "user", password: "passwd" });
  await page.goto(`${server.origin}/`);
  return page;
}

/**
 * Every URL the browser would have asked the reader's credentials for, from now on: the engine's
 * own event (CDP Fetch.authRequired; BiDi network.authRequired behind an authRequired intercept),
 * each answered "cancel", as a reader closing the dialog. The page then shows what follows.
 */
async function watchLoginPrompts(engine: Engine, browser: Browser, page: Page): Promise<Set<string>> {
  const asked = new Set<string>();
  if (engine === "chromium") {
    const cdp = await page.createCDPSession();
    cdp.on("Fetch.requestPaused", (event) => {
      cdp.send("Fetch.continueRequest", { requestId: event.requestId }).catch(() => undefined);
    });
    cdp.on("Fetch.authRequired", (event) => {
      asked.add(event.request.url);
      cdp
        .send("Fetch.continueWithAuth", {
          requestId: event.requestId,
          authChallengeResponse: { response: "CancelAuth" },
        })
        .catch(() => undefined);
    });
    await cdp.send("Fetch.enable", { handleAuthRequests: true, patterns: [{ urlPattern: "*" }] });
    return asked;
  }
  // One intercept and one listener per browser (URLs carry a nonce, so one set serves every page);
  // puppeteer-core answers a blocked authRequired with "cancel" when the page has no credentials.
  const known = bidiPrompts.get(browser);
  if (known !== undefined) return known;
  bidiPrompts.set(browser, asked);
  const connection = (browser as unknown as { connection: BidiEvents }).connection;
  connection.on("network.authRequired", (event) => {
    if (event.request?.url !== undefined) asked.add(event.request.url);
  });
  await connection.send("network.addIntercept", { phases: ["authRequired"] });
  return asked;
}

const bidiPrompts = new WeakMap<Browser, Set<string>>();

interface BidiEvents {
  on: (event: "network.authRequired", listener: (event: { request?: { url?: string } }) => void) => void;
  send: (method: "network.addIntercept", parameters: { phases: string[] }) => Promise<unknown>;
}

/** Navigates from the page to `target` and says what the page became. */
async function navigate(page: Page, server: Server, target: string, marker: string): Promise<NavigationOutcome> {
  const start = page.url();
  const navigation = page.waitForNavigation({ timeout: 2_000, waitUntil: "load" }).then(
    () => true,
    () => false,
  );
  await page.evaluate((url) => {
    location.href = url;
  }, `${server.origin}${target}`);
  const moved = await navigation;
  await settle(150);
  if (!moved && page.url() === start) return page.url() === start && server.count(target) > 0 ? "kept" : "waited";
  const url = page.url();
  const text = await page.evaluate(() => document.documentElement?.textContent ?? "").catch(() => "");
  if (!url.startsWith(server.origin)) return "error-page";
  if (new URL(url).pathname !== new URL(target, server.origin).pathname) return "followed";
  if (marker !== "" && text.includes(marker)) return "rendered";
  return text.trim() === "" ? "blank" : "error-page";
}

/** The text a rendered response shows: its reason in the JSON body, the demo text of a 206. */
function markerFor(code: number): string {
  const traits = statusResponseTraits(code);
  if (traits.body === "none") return "";
  if (traits.body === "part") return "HTTP Status Lab";
  return reasonPhrase(code < 200 ? 200 : code) || `${code}`;
}

async function measureCode(engine: Engine, browser: Browser, server: Server, code: number): Promise<EngineBehaviour> {
  const marker = markerFor(code);
  const page = await newPage(browser, server, false);
  const asked = await watchLoginPrompts(engine, browser, page);
  const target = `/api/status/${code}?q=${nonce()}`;
  const navigation = await navigate(page, server, target, marker);
  const asksCredentials = asked.has(`${server.origin}${target}`);
  if (page.url() !== `${server.origin}/`) await page.goto(`${server.origin}/`);
  const fields = Object.keys(statusResponseTraits(code).fields);
  const fetchTarget = `/api/status/${code}?q=${nonce()}`;
  const fetched = await page.evaluate(
    async (url, names) => {
      const modes = ["follow", "manual", "error"] as const;
      const result: Record<string, unknown> = {};
      let readable: string[] = [];
      for (const mode of modes) {
        try {
          // Distinct URLs, so one mode's answer is never another's cached one.
          const response = await fetch(`${url}&f=${mode}`, { redirect: mode, cache: "no-store" });
          await response.arrayBuffer().catch(() => undefined);
          result[mode] = { status: response.status, type: response.type, redirected: response.redirected };
          if (mode === "follow") readable = names.filter((name) => response.headers.get(name) !== null);
        } catch (error) {
          result[mode] = { rejected: error instanceof Error ? error.name : String(error) };
        }
      }
      return { result, readable };
    },
    fetchTarget,
    fields,
  );

  let afterPost: EngineBehaviour["afterPost"];
  if (redirectsWithLocation.includes(code)) {
    afterPost = await page.evaluate(async (url) => {
      const response = await fetch(url, { method: "POST", body: "probe=1", cache: "no-store" });
      if (!response.redirected) return "not-followed" as const;
      const echo = (await response.json()) as { method: string; body: string };
      return { method: echo.method, bodyKept: echo.body === "probe=1" };
    }, `/api/behaviour/redirect/${code}`);
  }

  const cached = `/api/status/${code}?q=${nonce()}`;
  await page.evaluate(async (url) => {
    for (let time = 0; time < 2; time++) {
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
      } catch {
        // A rejected fetch still counts as a request in the server's log.
      }
    }
  }, cached);
  await settle(150);
  const reusedFromCache = server.count(cached) === 1;
  const fetchAsksCredentials = asked.has(`${server.origin}${fetchTarget}&f=follow`);
  await page.close();

  const behaviour: EngineBehaviour = {
    navigation: asksCredentials ? "asked" : navigation,
    asksCredentials,
    fetchAsksCredentials,
    fetch: fetched.result as EngineBehaviour["fetch"],
    readableFields: fetched.readable,
    reusedFromCache,
  };
  if (afterPost !== undefined) behaviour.afterPost = afterPost;
  if (asksCredentials) behaviour.afterCancel = navigation;
  return behaviour;
}

async function measureLogins(browser: Browser, server: Server): Promise<Record<string, boolean>> {
  const logins: Record<string, boolean> = {};
  for (const [name, endpoint] of Object.entries(loginEndpoints)) {
    const page = await newPage(browser, server, true);
    const response = await page
      .goto(`${server.origin}/api/${endpoint}?l=${nonce()}`, { timeout: 5_000 })
      .catch(() => null);
    logins[name] = response?.status() === 200;
    await page.close();
  }
  return logins;
}

/** Starts `npm start` over a one-page site on a loopback port, with its request log read. */
export async function startMeasuredServer() {
  const project = writeBuiltProject("browser-behaviour-", {
    "index.html": "<!doctype html><title>Browser behaviour</title><h1>The page that navigates</h1>\n",
    "404.html": "<!doctype html><title>Not found</title><h1>Not found</h1>\n",
  });
  const running = await startNpmStart(project, [], { HOST: "127.0.0.1", PORT: process.env["BEHAVIOUR_PORT"] ?? "0" });
  const server: Server = {
    origin: running.origin,
    count: (target) =>
      running
        .output()
        .split("\n")
        .filter((line) => line.split(" ")[1] === target).length,
  };
  return { server, stop: running.stop };
}

/** Measures `codes` in each engine. */
export async function measure(
  codes: readonly number[],
  which: readonly Engine[] = engines,
  withLogins = true,
): Promise<Pick<BehaviourData, "engines" | "logins" | "codes">> {
  const { server, stop } = await startMeasuredServer();
  const result: Pick<BehaviourData, "engines" | "logins" | "codes"> = {
    engines: {} as Record<Engine, string>,
    logins: {} as Record<Engine, Record<string, boolean>>,
    codes: {},
  };
  try {
    for (const engine of which) {
      // Firefox's JSON viewer is on for readers; puppeteer turns it off by default.
      const browser = await launchEngine(engine, { prefs: { "devtools.jsonview.enabled": true } });
      try {
        result.engines[engine] = (await browser.version()).replace(/^[^/]*\//, "");
        for (const code of codes) {
          const entry = (result.codes[String(code)] ??= {} as Record<Engine, EngineBehaviour>);
          const t0 = performance.now();
          entry[engine] = await measureCode(engine, browser, server, code);
          if (process.env["BEHAVIOUR_DEBUG"]) console.log(engine, code, Math.round(performance.now() - t0));
        }
        if (withLogins) result.logins[engine] = await measureLogins(browser, server);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await stop();
    process.stdout.write("\n");
  }
  return result;
}

/** Every code with a status page (src/content/status/{code}.mdx), in order. */
export function pageCodes(): number[] {
  return readdirSync("src/content/status")
    .map((name) => /^(\d{3})\.mdx$/.exec(name)?.[1])
    .filter((code): code is string => code !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function readData(): BehaviourData {
  return JSON.parse(readFileSync(dataFile, "utf8")) as BehaviourData;
}

if (import.meta.main) {
  const started = performance.now();
  const codes = pageCodes();
  const measured = await measure(codes);
  const data: BehaviourData = {
    measured: new Date().toISOString().slice(0, 10),
    engines: measured.engines,
    observed,
    logins: measured.logins,
    codes: measured.codes,
  };
  // Written as Prettier writes it, so `npm test`'s format check holds for the data too.
  writeFileSync(dataFile, await format(JSON.stringify(data, null, 2), { parser: "json" }));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `${codes.length} codes × ${Object.keys(measured.engines).length} engines measured in ${seconds} s: ${dataFile}`,
  );
}
