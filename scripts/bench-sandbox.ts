/**
 * The sandbox as a reader feels it: how long after the page's load event its service worker is
 * ready, and how long from a click on "send" to the new exchange in the log, at normal CPU and at
 * 4× CPU slowdown; beside it the same request from the same page to httpbin on loopback, so the
 * sandbox's time can be read as a ratio to a real HTTP round trip.
 */
import type { Browser } from "@playwright/test";

export interface Distribution {
  samples: number;
  medianMs: number;
  p95Ms: number;
}

export interface SandboxRun {
  cpu: number;
  clickToShown: Distribution;
  /** The same request fetched by the page from the sandbox (through its service worker). */
  sandboxFetch: Distribution;
  /** The same request fetched by the page from httpbin on loopback (cross-origin, CORS). */
  loopbackFetch: Distribution;
}

export interface SandboxTimings {
  path: string;
  transport: string;
  workerReadyAfterLoadMs: number;
  runs: SandboxRun[];
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function distribution(values: number[]): Distribution {
  return { samples: values.length, medianMs: percentile(values, 50), p95Ms: percentile(values, 95) };
}

/** "user:passwd", the credentials of httpbin's and the sandbox's basic-auth/user/passwd. */
const authorization = "Basic dXNlcjpwYXNzd2Q=";

export async function timeSandbox(
  browser: Browser,
  pageUrl: string,
  apiUrl: string,
  loopbackUrl: string,
  exchanges: number,
): Promise<SandboxTimings> {
  // The page's policy allows connect-src 'self' only; the loopback comparison is the bench's
  // request, not the site's, so this context alone bypasses the policy.
  const context = await browser.newContext({ serviceWorkers: "allow", bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      addEventListener("DOMContentLoaded", () => {
        const sandbox = document.querySelector<HTMLElement>("main .lab-sandbox");
        if (!sandbox) return;
        const mark = () => {
          const state = window as unknown as { __benchReady?: number };
          if (sandbox.dataset["ready"] && state.__benchReady === undefined) state.__benchReady = performance.now();
        };
        new MutationObserver(mark).observe(sandbox, { attributes: true, attributeFilter: ["data-ready"] });
        mark();
      });
    });
    await page.goto(pageUrl, { waitUntil: "load", timeout: 30_000 });
    const sandbox = page.locator("main .lab-sandbox[data-ready]").first();
    await sandbox.waitFor({ timeout: 20_000 });
    const transport = (await sandbox.getAttribute("data-ready")) ?? "";
    const workerReadyAfterLoadMs = await page.evaluate(() => {
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return (
        ((window as unknown as { __benchReady?: number }).__benchReady ?? Number.NaN) - (navigation?.loadEventEnd ?? 0)
      );
    });

    const cdp = await context.newCDPSession(page);
    const runs: SandboxRun[] = [];
    for (const cpu of [1, 4]) {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
      const measured = await page.evaluate(
        async ({ count, apiUrl: api, loopbackUrl: loopback, authorization: credentials }) => {
          const root = document.querySelector<HTMLElement>("main .lab-sandbox");
          const buttons = [...(root?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
          const send =
            buttons.find((button) => button.value === "send") ??
            buttons.find((button) => /with these credentials/i.test(button.textContent ?? ""));
          if (!root || !send) throw new Error("No sandbox send button on the page.");
          const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
          const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
          const settle = async () => {
            for (let waited = 0; send.disabled && waited < 10_000; waited += 5) await pause(5);
            await frame();
            await frame();
            // A reader's pace: whatever the last exchange started (the diagram redraw) may finish.
            await pause(200);
          };
          const click = async () => {
            const shown = new Promise<number>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error("No exchange appeared within 10 s.")), 10_000);
              const observer = new MutationObserver((mutations) => {
                for (const mutation of mutations) {
                  for (const node of mutation.addedNodes) {
                    if (
                      node instanceof Element &&
                      (node.matches(".lab-exchange") || node.querySelector(".lab-exchange"))
                    ) {
                      clearTimeout(timer);
                      observer.disconnect();
                      resolve(performance.now());
                      return;
                    }
                  }
                }
              });
              observer.observe(root, { childList: true, subtree: true });
            });
            const started = performance.now();
            send.click();
            return (await shown) - started;
          };
          const fetchTime = async (url: string) => {
            const started = performance.now();
            const response = await fetch(url, {
              headers: { Authorization: credentials },
              cache: "no-store",
              credentials: "omit",
            });
            await response.text();
            if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
            return performance.now() - started;
          };
          // Warm-up: the lazy chunks, the CORS preflight cache, the connection pool.
          for (let i = 0; i < 3; i += 1) {
            await click();
            await settle();
            await fetchTime(loopback);
            await fetchTime(api);
          }
          const clicks: number[] = [];
          const sandboxFetches: number[] = [];
          const loopbackFetches: number[] = [];
          for (let i = 0; i < count; i += 1) {
            clicks.push(await click());
            await settle();
            loopbackFetches.push(await fetchTime(loopback));
            sandboxFetches.push(await fetchTime(api));
          }
          return { clicks, sandboxFetches, loopbackFetches };
        },
        { count: exchanges, apiUrl, loopbackUrl, authorization },
      );
      runs.push({
        cpu,
        clickToShown: distribution(measured.clicks),
        sandboxFetch: distribution(measured.sandboxFetches),
        loopbackFetch: distribution(measured.loopbackFetches),
      });
    }
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    return { path: new URL(pageUrl).pathname, transport, workerReadyAfterLoadMs, runs };
  } finally {
    await context.close();
  }
}
