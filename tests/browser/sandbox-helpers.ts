import type { Locator, Page } from "@playwright/test";
import { expect, sandboxReady, type PageWatch } from "./fixtures.ts";

/** A phone's, a small laptop's and a desktop's screen: the sizes the sandbox's layout is tried at. */
export const viewports = [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Opens /sandbox/ and waits until it can send; returns the sandbox element. */
export async function openSandbox(page: Page, path = "sandbox/"): Promise<Locator> {
  await page.goto(path);
  await sandboxReady(page, "auth-sandbox");
  return page.locator("auth-sandbox");
}

export async function pick(sandbox: Locator, presetId: string): Promise<void> {
  await sandbox.locator("select[name=preset]").selectOption(presetId);
}

/** The log's exchanges, oldest first (the order of the sequence diagram). */
export const entries = (sandbox: Locator) => sandbox.locator("[data-exchange-log] .lab-exchange");
export const newest = (sandbox: Locator) => entries(sandbox).last();

export async function send(sandbox: Locator): Promise<void> {
  await sandbox.getByRole("button", { name: "Send", exact: true }).click();
}

export async function sendLikeBrowser(sandbox: Locator): Promise<void> {
  await sandbox.getByRole("button", { name: "Send like a browser" }).click();
}

/**
 * Waits until the log holds `count` exchanges and returns their status codes, newest first (the log
 * itself lists them oldest first).
 */
export async function statuses(sandbox: Locator, count: number): Promise<string[]> {
  await expect(entries(sandbox)).toHaveCount(count);
  await expect(sandbox).not.toHaveAttribute("aria-busy");
  const oldestFirst = await entries(sandbox).evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute("data-status") ?? ""),
  );
  return oldestFirst.reverse();
}

/**
 * Console errors other than Chromium's own line for every 4xx/5xx fetch ("Failed to load
 * resource"), which the sandbox causes on purpose.
 */
export function unexpectedConsoleErrors(watch: PageWatch): string[] {
  return watch.consoleErrors.filter(
    (text) => !/^Failed to load resource: the server responded with a status of \d+/.test(text),
  );
}

/** Nothing went wrong on the page: no uncaught error, no unexpected console error, no foreign request. */
export function expectCleanPage(watch: PageWatch): void {
  expect(watch.pageErrors).toEqual([]);
  expect(unexpectedConsoleErrors(watch)).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
}

/** Scrolls the sequence diagram into view (it draws only while on screen) and returns its drawing area. */
export async function diagram(sandbox: Locator): Promise<Locator> {
  await sandbox.locator("[data-sequence]").scrollIntoViewIfNeeded();
  return sandbox.locator("[data-diagram-svg]");
}
