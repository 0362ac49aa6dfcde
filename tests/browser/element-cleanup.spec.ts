import type { Page } from "@playwright/test";
import { expect, sandboxReady, test } from "./fixtures.ts";

/**
 * Custom elements that clean up: each of the site's elements releases what it took from the page
 * (listeners, timers, channels, observers) when it leaves, and works again when it comes back.
 *
 * An init script counts what is live: event listeners on the window, the document, connected nodes
 * and BroadcastChannels (a listener on a removed node goes with the node, so it is not counted;
 * `once` listeners are not counted), intervals and pending timeouts, open BroadcastChannels, and
 * observers observing. It also holds back the definitions of the site's elements until the test
 * asks, so the page is first counted without them: once they are removed again, the counts must
 * be back to that baseline, and after they are put back, the same as when they first connected.
 */

const elements = [
  "status-try-it",
  "header-inspector",
  "probe-form",
  "workshop-lesson",
  "status-explorer",
  "lab-diagram-zoom",
  "basic-auth-sandbox",
  "auth-sandbox",
  "oauth-client",
  // SiteSearch.astro's, on every page (a fork of Starlight's search: if Starlight's own comes back,
  // whose element keeps its window listener for the page's life, this line goes).
  "site-search",
];

interface Counts {
  listeners: Record<string, number>;
  intervals: number;
  timeouts: number;
  channels: number;
  observers: number;
}

declare global {
  interface Window {
    labCounts(): Counts;
    labDefineAll(): void;
    labRemove(): void;
    labRestore(): void;
  }
}

/** Runs in the page before its scripts (page.addInitScript). */
function instrument(names: string[]): void {
  // Playwright's own script in the page (its locators) observes and listens too: not the page's.
  const fromPlaywright = () => new Error().stack?.includes("InjectedScript") === true;
  type Record = { target: EventTarget; type: string; listener: unknown; capture: boolean };
  const listeners = new Set<Record>();
  const find = (target: EventTarget, type: string, listener: unknown, capture: boolean) =>
    [...listeners].find(
      (r) => r.target === target && r.type === type && r.listener === listener && r.capture === capture,
    );
  const captureOf = (options: unknown) =>
    typeof options === "boolean" ? options : Boolean((options as { capture?: boolean } | undefined)?.capture);
  // The originals, called with the page's own target as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    add.call(this, type, listener, options);
    const settings = typeof options === "object" ? options : {};
    if (listener === null || settings.once === true || settings.signal?.aborted === true || fromPlaywright()) return;
    // A load listener added once the page has loaded never runs (Mermaid adds one when its module
    // is first imported, in idle time after the first exchange): not a listener the page holds.
    if (this === window && type === "load" && document.readyState === "complete") return;
    const capture = captureOf(options);
    if (find(this, type, listener, capture)) return;
    const record = { target: this, type, listener, capture };
    listeners.add(record);
    settings.signal?.addEventListener("abort", () => listeners.delete(record), { once: true });
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    remove.call(this, type, listener, options);
    const record = find(this, type, listener, captureOf(options));
    if (record) listeners.delete(record);
  };

  const intervals = new Set<number>();
  const timeouts = new Set<number>();
  const every = window.setInterval.bind(window);
  const stopEvery = window.clearInterval.bind(window);
  const later = window.setTimeout.bind(window);
  const stopLater = window.clearTimeout.bind(window);
  window.setInterval = ((handler: () => void, ms?: number, ...rest: unknown[]) => {
    const id = every(handler, ms, ...rest);
    intervals.add(id);
    return id;
  }) as typeof setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    stopEvery(id);
  }) as typeof clearInterval;
  window.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
    const id: number = later(
      (...args: unknown[]) => {
        timeouts.delete(id);
        if (typeof handler === "function") handler(...args);
      },
      ms,
      ...rest,
    );
    timeouts.add(id);
    return id;
  }) as typeof setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timeouts.delete(id);
    stopLater(id);
  }) as typeof clearTimeout;

  const channels = new Set<BroadcastChannel>();
  const Channel = window.BroadcastChannel;
  window.BroadcastChannel = class extends Channel {
    constructor(name: string) {
      super(name);
      channels.add(this);
    }
    override close(): void {
      channels.delete(this);
      super.close();
    }
  };

  const observing = new Set<object>();
  for (const Observer of [IntersectionObserver, MutationObserver, ResizeObserver]) {
    type Method = (this: object, ...args: unknown[]) => unknown;
    const { observe, disconnect } = Observer.prototype as unknown as { observe: Method; disconnect: Method };
    Object.assign(Observer.prototype, {
      observe(this: object, ...args: unknown[]) {
        if (!fromPlaywright()) observing.add(this);
        return observe.apply(this, args);
      },
      disconnect(this: object) {
        observing.delete(this);
        return disconnect.apply(this);
      },
    });
  }

  // The site's elements are defined when the test says so, not when their modules run.
  const held = new Map<string, CustomElementConstructor>();
  const define = customElements.define.bind(customElements);
  const get = customElements.get.bind(customElements);
  customElements.define = (name, constructor, options) => {
    if (names.includes(name)) held.set(name, constructor);
    else define(name, constructor, options);
  };
  customElements.get = (name) => get(name) ?? held.get(name);

  window.labDefineAll = () => {
    for (const [name, constructor] of held) if (get(name) === undefined) define(name, constructor);
  };
  window.labCounts = () => {
    const live = [...listeners].filter(
      (r) =>
        r.target === window ||
        r.target === document ||
        (r.target instanceof BroadcastChannel && channels.has(r.target)) ||
        (r.target instanceof Node && r.target.isConnected),
    );
    const selector = names.join(",");
    const where = (target: EventTarget) =>
      target === window
        ? "window"
        : target === document
          ? "document"
          : target instanceof BroadcastChannel
            ? "channel"
            : // Inside one of the elements: it goes with the element when it is removed.
              (target as Element).closest?.(selector) || (target as Element).matches?.(selector)
              ? "inside"
              : "node";
    const byTarget: { [key: string]: number } = {};
    for (const r of live) {
      const key = `${where(r.target)} ${r.type}`;
      byTarget[key] = (byTarget[key] ?? 0) + 1;
    }
    return {
      listeners: byTarget,
      intervals: intervals.size,
      timeouts: timeouts.size,
      channels: channels.size,
      observers: observing.size,
    };
  };
  const removed: Array<{ element: Element; parent: Node; next: Node | null }> = [];
  window.labRemove = () => {
    for (const element of document.querySelectorAll(names.join(","))) {
      removed.push({ element, parent: element.parentNode!, next: element.nextSibling });
      element.remove();
    }
  };
  window.labRestore = () => {
    for (const { element, parent, next } of removed.splice(0).reverse()) parent.insertBefore(element, next);
  };
}

/** The listeners outside the elements (those inside go with them). */
function outside(listeners: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(listeners).filter(([key]) => !key.startsWith("inside ")));
}

/** The counts once the page has settled: short timers fired, frames drawn, two readings alike. */
async function settled(page: Page): Promise<Counts> {
  let last: Counts | undefined;
  for (let reading = 0; reading < 15; reading += 1) {
    await page.waitForTimeout(200);
    const counts = await page.evaluate(() => window.labCounts());
    if (last !== undefined && JSON.stringify(counts) === JSON.stringify(last)) return counts;
    last = counts;
  }
  return last!;
}

interface Case {
  path: string;
  /** What a reader does first, so the element has taken all it takes (a sandbox started, a timer). */
  use?: (page: Page) => Promise<void>;
  /** Whether it works again once put back. */
  check: (page: Page) => Promise<void>;
  /** The page's sandbox client outlives its elements (one per page, src/sandbox/index.ts). */
  sharesSandbox?: true;
}

const cases: Case[] = [
  {
    path: "",
    check: async (page) => {
      await page.locator("status-explorer input").fill("teapot");
      await expect(page.locator("status-explorer [role=status]")).toHaveText("1 code matches");
    },
  },
  {
    path: "workshop/01-basic-handshake/?step=2&view=speaker",
    check: async (page) => {
      // One press, one step: a listener left from the first connection would move two.
      await page.keyboard.press("ArrowRight");
      await expect(page.locator("[data-step-counter]")).toHaveText(/^Step 3 of /);
      await expect(page.locator("[data-timer]")).toHaveText(/^0:0\d$/);
    },
  },
  {
    path: "workshop/01-basic-handshake/",
    use: async (page) => {
      await page.keyboard.press("r");
      await expect(page.locator(".lab-ws-current")).toHaveAttribute("data-status", /\d{3}/, { timeout: 15_000 });
    },
    check: async (page) => {
      await page.keyboard.press("ArrowRight");
      await expect(page.locator("[data-step-counter]")).toHaveText(/^Step 2 of /);
    },
    sharesSandbox: true,
  },
  {
    path: "sandbox/",
    use: async (page) => {
      await sandboxReady(page, "auth-sandbox");
      await page.getByRole("button", { name: "Send like a browser" }).click();
      await expect(page.locator("auth-sandbox [data-entry]")).not.toHaveCount(0);
    },
    check: async (page) => {
      const entries = await page.locator("auth-sandbox [data-entry]").count();
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.locator("auth-sandbox [data-entry]")).toHaveCount(entries + 1);
    },
    sharesSandbox: true,
  },
  {
    path: "status/401/",
    use: async (page) => {
      await sandboxReady(page);
    },
    check: async (page) => {
      await page.locator("basic-auth-sandbox").getByRole("button").first().click();
      await expect(page.locator("basic-auth-sandbox [data-exchange-log] > *")).toHaveCount(1);
    },
    sharesSandbox: true,
  },
  {
    path: "status/404/",
    check: async (page) => {
      await page.locator("status-try-it button[data-send]").click();
      await expect(page.locator("status-try-it [data-exchange-log] > *")).toHaveCount(1, { timeout: 15_000 });
    },
  },
  {
    path: "inspect/",
    check: async (page) => {
      await page.locator("header-inspector textarea").fill('Basic realm="lab"');
      await expect(page.locator("header-inspector [data-report]")).toContainText("Basic");
    },
  },
  {
    path: "probe/",
    check: async (page) => {
      await expect(page.locator("probe-form")).toHaveAttribute("data-ready", "");
    },
  },
  {
    path: "oauth/",
    use: async (page) => {
      await page.locator("oauth-client").getByRole("button", { name: "Next step" }).click();
      await expect(page.locator("oauth-client [data-exchange-log] > *")).toHaveCount(1, { timeout: 15_000 });
    },
    check: async (page) => {
      await page.locator("oauth-client").getByRole("button", { name: "Next step" }).click();
      await expect(page.locator("oauth-client [data-exchange-log] > *")).toHaveCount(2, { timeout: 15_000 });
    },
    sharesSandbox: true,
  },
];

test.beforeEach(async ({ page }) => {
  await page.addInitScript(instrument, elements);
});

for (const { path, use, check, sharesSandbox } of cases) {
  test(`/${path}: its elements give back what they took when removed, and work again when put back`, async ({
    page,
    watch,
  }) => {
    // Where the page's sandbox client runs, msw's worker keeps timers of its own: not counted there.
    const read = async () => {
      const counts = await settled(page);
      return sharesSandbox === undefined ? counts : { ...counts, timeouts: 0 };
    };
    await page.goto(path);
    const before = await read();
    await page.evaluate(() => window.labDefineAll());
    await use?.(page);
    const connected = await read();
    expect(connected, "the elements took something to give back").not.toEqual(before);

    await page.evaluate(() => window.labRemove());
    const removed = await read();
    // The page's one sandbox client (msw's worker: its listeners, its keep-alive interval) stays
    // for the next island; everything else is back to what the page had without the elements.
    if (sharesSandbox === undefined) expect(removed).toEqual({ ...before, listeners: outside(before.listeners) });
    expect(removed.channels).toBe(before.channels);
    expect(removed.observers).toBe(before.observers);

    await page.evaluate(() => window.labRestore());
    expect(await read()).toEqual(connected);
    await page.evaluate(() => window.labRemove());
    expect(await read()).toEqual(removed);
    await page.evaluate(() => window.labRestore());
    await check(page);
    expect(watch.pageErrors).toEqual([]);
  });
}

test("a lesson left and come back to starts as it first did", async ({ page }) => {
  await page.goto("workshop/01-basic-handshake/?view=speaker");
  await page.evaluate(() => window.labDefineAll());
  const first = await settled(page);
  await page.goto("status/");
  await page.goBack();
  await page.evaluate(() => window.labDefineAll());
  expect(await settled(page)).toEqual(first);
});
