/**
 * The two browser engines, launched the same way for the engine walks (walks.ts) and the
 * behaviour measurements (scripts/browser-behaviour.ts): Chromium over the DevTools protocol and
 * Firefox ESR over WebDriver BiDi, both through puppeteer-core, so one script drives both
 * (decisions/second-browser-engine.md).
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { chromiumArgs, chromiumPath } from "../../scripts/chromium.ts";
import { firefoxPath, firefoxPrefs } from "../../scripts/firefox.ts";

export type Engine = "chromium" | "firefox";
export const engines: readonly Engine[] = ["chromium", "firefox"];

export interface LaunchOptions {
  /** false: no service worker can register (Firefox's private windows, a LAN address over http). */
  serviceWorkers?: boolean;
  /** Firefox's own preferences beside firefoxPrefs. */
  prefs?: Record<string, string | number | boolean>;
}

/** Launches one engine headless; throws a sentence naming the variable to set when it is missing. */
export async function launchEngine(engine: Engine, options: LaunchOptions = {}): Promise<Browser> {
  if (engine === "firefox") {
    const executablePath = firefoxPath();
    if (executablePath === undefined)
      throw new Error("Firefox is missing: install Debian's firefox-esr, or set FIREFOX_PATH to a Firefox.");
    return puppeteer.launch({
      browser: "firefox",
      executablePath,
      protocol: "webDriverBiDi",
      headless: true,
      extraPrefsFirefox: {
        ...firefoxPrefs,
        ...(options.serviceWorkers === false ? { "dom.serviceWorkers.enabled": false } : {}),
        ...options.prefs,
      },
    });
  }
  const executablePath = chromiumPath();
  if (executablePath === undefined)
    throw new Error("Chromium is missing: install Debian's chromium, or set CHROME_PATH to a Chromium or Chrome.");
  return puppeteer.launch({
    browser: "chrome",
    executablePath,
    headless: true,
    args: chromiumArgs,
  });
}

/**
 * Takes service workers away from a page before its scripts run. Firefox needs none of this (its
 * dom.serviceWorkers.enabled preference is set at launch); Chromium has no such switch, so, as
 * Playwright's `serviceWorkers: "block"` does, the page sees no navigator.serviceWorker.
 */
export async function withoutServiceWorkers(engine: Engine, page: Page): Promise<void> {
  if (engine === "firefox") return;
  await page.evaluateOnNewDocument(() => {
    Reflect.deleteProperty(Navigator.prototype, "serviceWorker");
  });
}

/** "Chromium 156" or "Firefox 153": the engine and its major version, as pages name them. */
export function engineLabel(engine: Engine, version: string): string {
  const major = /(\d+)\./.exec(version)?.[1] ?? version;
  return `${engine === "firefox" ? "Firefox" : "Chromium"} ${major}`;
}
