/**
 * The reader's and the instructor's main walks, written once against puppeteer-core's Page so that
 * every engine runs the same steps (run-walks.ts launches Firefox for `npm test`; Chromium runs
 * them too with `--engine chromium`). They assert what tests/browser's Playwright specs assert for
 * Chromium, as a reader sees it: status lines, the transport the sandbox says it uses, outcomes,
 * and a page with no uncaught error and no request leaving its origin.
 */
import assert from "node:assert/strict";
import type { ElementHandle, Page } from "puppeteer-core";
import { lessonOneStatuses, oauthRegistrationLabel, oauthRunStatuses } from "../browser/walk-facts.ts";

export interface WalkContext {
  /** The base-path build's root, e.g. http://127.0.0.1:4386/http-status-lab/ */
  root: string;
}

export interface Walk {
  name: string;
  /** false: runs in a browser where no service worker can register. */
  serviceWorkers?: boolean;
  run: (page: Page, context: WalkContext) => Promise<void>;
}

/** Polls `probe` every 100 ms until it gives a value other than undefined or false; then returns it. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeout} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The trimmed text of every element `selector` matches, in document order. */
export const texts = (page: Page, selector: string) =>
  page.evaluate(
    (css) => [...document.querySelectorAll(css)].map((node) => (node.textContent ?? "").replace(/\s+/g, " ").trim()),
    selector,
  );

/** Waits until the last element `selector` matches has a text matching `pattern`; returns that text. */
export async function waitText(page: Page, selector: string, pattern: RegExp | string, timeout?: number) {
  const matches = (text: string) => (typeof pattern === "string" ? text.includes(pattern) : pattern.test(text));
  return until(
    `${selector} to read ${String(pattern)}`,
    async () => {
      const text = (await texts(page, selector)).at(-1);
      return text !== undefined && matches(text) ? text : undefined;
    },
    timeout,
  );
}

export async function attribute(page: Page, selector: string, name: string): Promise<string | null> {
  return page.evaluate((css, attr) => document.querySelector(css)?.getAttribute(attr) ?? null, selector, name);
}

/** Clicks the button inside `scope` whose text or aria-label matches `name`, as a pointer would. */
export async function clickButton(page: Page, scope: string, name: RegExp | string) {
  const source = typeof name === "string" ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` : name.source;
  const button = await until(`a button "${source}" in ${scope}`, async () => {
    const handle = await page.evaluateHandle(
      (css, pattern) =>
        [...document.querySelectorAll<HTMLButtonElement>(`${css} button`)].find(
          (node) =>
            !node.disabled &&
            new RegExp(pattern).test(
              (node.getAttribute("aria-label") ?? node.textContent ?? "").replace(/\s+/g, " ").trim(),
            ),
        ) ?? null,
      scope,
      source,
    );
    const element = handle.asElement() as ElementHandle<Element> | null;
    return element ?? undefined;
  });
  // A reader scrolls a button into plain view before pressing it: after an answer is brought into
  // view, the button above it can sit under the sticky header, where puppeteer's pointer (it does
  // not check what is on top) would press the header's search instead. Centred, instantly.
  await button.evaluate((node) => node.scrollIntoView({ block: "center", behavior: "instant" }));
  await button.click();
}

/** Scrolls the island into view (some start only near the viewport) and waits for its data-ready. */
export async function ready(page: Page, selector: string): Promise<string> {
  await page.evaluate((css) => document.querySelector(css)?.scrollIntoView(), selector);
  return until(`${selector} to be ready`, async () => (await attribute(page, selector, "data-ready")) || undefined);
}

/** Waits until `root`'s log holds `count` exchanges and it is not busy; their statuses, newest first. */
export async function statuses(page: Page, root: string, count: number): Promise<string[]> {
  return until(`${count} exchanges in ${root}`, async () => {
    const found = await page.evaluate((css) => {
      const element = document.querySelector(css);
      const nodes = [...(element?.querySelectorAll("[data-exchange-log] .lab-exchange") ?? [])];
      return {
        busy: element?.hasAttribute("aria-busy") ?? true,
        list: nodes.map((node) => node.getAttribute("data-status") ?? ""),
      };
    }, root);
    return !found.busy && found.list.length === count ? found.list.reverse() : undefined;
  });
}

const sandbox = "auth-sandbox";
const newestInSandbox = `${sandbox} [data-exchange-log] .lab-exchange:last-child`;

async function openSandbox(page: Page, context: WalkContext, preset: string) {
  await page.goto(`${context.root}sandbox/`);
  const transport = await ready(page, sandbox);
  await page.select(`${sandbox} select[name=preset]`, preset);
  return transport;
}

async function sendLikeBrowser(page: Page) {
  await clickButton(page, sandbox, "Send like a browser");
}

export const walks: readonly Walk[] = [
  {
    name: "a status page's try-it loads the sandbox on the first click and shows 429 with Retry-After",
    run: async (page, { root }) => {
      await page.goto(`${root}status/429/`);
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
      await clickButton(page, "status-try-it", "Send GET api/status/429");
      await waitText(page, "status-try-it .lab-exchange .lab-status-line", /^HTTP\/1\.1 429 Too Many Requests$/);
      assert.match((await texts(page, "status-try-it .lab-exchange .lab-headers")).join(" "), /retry-after/i);
      assert.equal(await attribute(page, "status-try-it", "data-ready"), "service-worker");
    },
  },
  {
    name: "the 401 page's sandbox: 401 with the Basic challenge, then 200 through the service worker at the base path",
    run: async (page, { root }) => {
      await page.goto(`${root}status/401/`);
      assert.equal(await ready(page, "basic-auth-sandbox"), "service-worker");
      const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
      assert.match(controller ?? "", /\/http-status-lab\/mockServiceWorker\.js$/);
      await clickButton(page, "basic-auth-sandbox", /without credentials/);
      await waitText(page, "basic-auth-sandbox .lab-exchange .lab-status-line", "HTTP/1.1 401 Unauthorized");
      await waitText(
        page,
        "basic-auth-sandbox .lab-exchange tr.lab-challenge",
        'Basic realm="HTTP Status Lab", charset="UTF-8"',
      );
      await clickButton(page, "basic-auth-sandbox", /with these credentials/);
      await waitText(page, "basic-auth-sandbox .lab-exchange .lab-status-line", "HTTP/1.1 200 OK");
      await waitText(page, "basic-auth-sandbox .lab-exchange .lab-body", '"authenticated":true');
    },
  },
  {
    name: "the sandbox's Basic: a browser's two requests, the second answering the challenge, 200",
    run: async (page, context) => {
      assert.equal(await openSandbox(page, context, "basic"), "service-worker");
      await sendLikeBrowser(page);
      assert.deepEqual(await statuses(page, sandbox, 2), ["200", "401"]);
      await waitText(page, `${newestInSandbox} .lab-request-line`, "Authorization: Basic dXNlcjpwYXNzd2Q=");
      await waitText(page, `${newestInSandbox} .lab-outcome`, /accepted the credentials: 200 OK/);
    },
  },
  {
    name: "the sandbox's Bearer: a good token gets 200; an expired one 401 invalid_token",
    run: async (page, context) => {
      await openSandbox(page, context, "bearer-demo-read-write");
      await sendLikeBrowser(page);
      assert.deepEqual(await statuses(page, sandbox, 2), ["200", "401"]);
      await page.select(`${sandbox} select[name=preset]`, "bearer-demo-expired");
      await clickButton(page, sandbox, "Send");
      assert.equal((await statuses(page, sandbox, 3))[0], "401");
      await waitText(page, `${newestInSandbox} tr.lab-challenge`, 'error="invalid_token"');
    },
  },
  {
    name: "the sandbox's Digest: SHA-256 and SHA-512-256 answered (HA1/HA2 chain shown), and a stale nonce retried",
    run: async (page, context) => {
      await openSandbox(page, context, "digest-auth-SHA-256");
      await sendLikeBrowser(page);
      assert.deepEqual(await statuses(page, sandbox, 2), ["200", "401"]);
      await waitText(
        page,
        `${newestInSandbox} .lab-digest [data-step="HA1"] .lab-hash-input`,
        "user:HTTP Status Lab:passwd",
      );
      await waitText(page, `${newestInSandbox} .lab-digest [data-step="response"] .lab-hash-output`, /= [0-9a-f]{64}$/);
      await page.select(`${sandbox} select[name=preset]`, "digest-auth-SHA-512-256");
      await sendLikeBrowser(page);
      assert.deepEqual((await statuses(page, sandbox, 4)).slice(0, 2), ["200", "401"]);

      await page.select(`${sandbox} select[name=preset]`, "digest-stale");
      await sendLikeBrowser(page);
      assert.deepEqual((await statuses(page, sandbox, 6)).slice(0, 2), ["200", "401"]);
      await sendLikeBrowser(page);
      assert.deepEqual((await statuses(page, sandbox, 8)).slice(0, 4), ["200", "401", "200", "401"]);
      const stale = (await texts(page, `${sandbox} [data-exchange-log] .lab-exchange tr.lab-challenge`)).at(-1);
      assert.match(stale ?? "", /stale=true/);
      await waitText(page, `${newestInSandbox} h3`, "Retried with the new nonce");
      assert.equal(await attribute(page, `${newestInSandbox} .lab-outcome`, "data-outcome"), "authenticated");
    },
  },
  {
    name: "the OAuth client runs to the end: discovery, registration, login, PKCE code, token, 200",
    run: async (page, { root }) => {
      await page.goto(`${root}oauth/`);
      await clickButton(page, "oauth-client", "Run to end");
      await until(
        "the OAuth outcome",
        async () => (await attribute(page, "oauth-client [data-oauth-outcome]", "data-outcome")) || undefined,
        30_000,
      );
      const list = await page.evaluate(
        (registration) =>
          [...document.querySelectorAll("oauth-client [data-exchange-log] .lab-exchange")]
            .filter((node) => !(node.querySelector("h3")?.textContent ?? "").includes(registration))
            .map((node) => node.getAttribute("data-status")),
        oauthRegistrationLabel,
      );
      assert.deepEqual(list, [...oauthRunStatuses]);
      assert.equal(await attribute(page, "oauth-client [data-oauth-outcome]", "data-outcome"), "authorized");
      assert.equal(await attribute(page, "oauth-client", "data-ready"), "service-worker");
    },
  },
  {
    name: "lesson 1 with the keyboard alone: every step's status as expected, and a reload keeps the step",
    run: async (page, { root }) => {
      const current = ".lab-ws-step.lab-ws-current";
      await page.goto(`${root}workshop/01-basic-handshake/`);
      for (const [index, status] of lessonOneStatuses.entries()) {
        const number = String(index + 1);
        await until(`step ${number}`, async () => (await attribute(page, current, "data-step")) === number);
        await page.keyboard.press("r");
        await until(
          `step ${number} to answer ${status}`,
          async () => (await attribute(page, current, "data-status")) === String(status),
          30_000,
        );
        await waitText(page, `${current} .lab-ws-verdict`, "as expected");
        assert.match(page.url(), new RegExp(`\\?step=${number}$`));
        if (index === 1) {
          await page.reload();
          await until(
            `step ${number} after the reload`,
            async () => (await attribute(page, current, "data-step")) === number,
          );
        }
        if (index + 1 < lessonOneStatuses.length) await page.keyboard.press("ArrowRight");
      }
      assert.equal(await ready(page, "workshop-lesson"), "service-worker");
      await page.keyboard.press("Home");
      await until("step 1 after Home", async () => (await attribute(page, current, "data-step")) === "1");
    },
  },
  {
    name: "without a service worker the sandbox answers in the page, says so, and runs Basic and Digest",
    serviceWorkers: false,
    run: async (page, context) => {
      assert.equal(await openSandbox(page, context, "basic"), "in-page");
      await waitText(page, `${sandbox} [data-sandbox-status]`, "answering in the page");
      await sendLikeBrowser(page);
      assert.deepEqual(await statuses(page, sandbox, 2), ["200", "401"]);
      await waitText(page, `${newestInSandbox} .lab-request-line`, "(answered in the page)");
      await page.select(`${sandbox} select[name=preset]`, "digest-auth-SHA-512-256");
      await sendLikeBrowser(page);
      assert.deepEqual((await statuses(page, sandbox, 4)).slice(0, 2), ["200", "401"]);
    },
  },
  {
    name: "the inspector parses two challenges and explains a parameter on focus",
    run: async (page, { root }) => {
      await page.goto(`${root}inspect/`);
      await until("the inspector", async () => (await attribute(page, "header-inspector", "data-ready")) !== null);
      const field = await page.waitForSelector("header-inspector textarea[name=value]");
      await field?.type(
        'Basic realm="Staff", charset="latin1", Bearer realm="api", error="invalid_token", scope="read"',
      );
      await waitText(page, "header-inspector [data-report] > h2:first-child", "2 challenges");
      assert.deepEqual(await texts(page, "header-inspector [data-report] .lab-auth-scheme"), [
        "Challenge 1: Basic",
        "Challenge 2: Bearer",
      ]);
      await waitText(page, "header-inspector [data-announce]", "2 challenges");
      const charset = await page.evaluateHandle(
        () =>
          [...document.querySelectorAll("header-inspector [data-report] button")].find(
            (node) => node.textContent?.trim() === "charset",
          ) ?? null,
      );
      await charset.asElement()?.focus();
      const tip = await page.evaluate(() => {
        const id = document.activeElement?.getAttribute("aria-describedby");
        const node = id === null || id === undefined ? null : document.getElementById(id);
        return node !== null && node.checkVisibility() ? node.textContent : null;
      });
      assert.match(tip ?? "", /UTF-8/);
    },
  },
];
