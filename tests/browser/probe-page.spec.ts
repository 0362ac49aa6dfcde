import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "@playwright/test";
import { pagesBase } from "../../playwright.config.ts";
import { startServer, type RunningServer } from "../../src/server/start-server.ts";

/**
 * The probe page on `npm start`'s own server (the base-path build served by src/server), probing a
 * broken server on loopback: the report shows the raw exchange and the finding with its RFC link.
 */
let live: RunningServer;
let broken: Server;
let target = "";
/** A static resource done right but for OPTIONS, which gets a 405 without Allow (nginx's habit). */
let file: Server;
let fileUrl = "";

test.beforeAll(async () => {
  const root = fileURLToPath(new URL(`../../${process.env["PAGES_DIR"] ?? "dist-pages"}/`, import.meta.url));
  live = await startServer({ root, basePath: pagesBase, port: 0, host: "127.0.0.1" });
  broken = createServer((_request, response) => response.writeHead(401, { "Content-Type": "text/plain" }).end("no"));
  await new Promise<void>((listening) => broken.listen(0, "127.0.0.1", listening));
  target = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/private`;
  file = createServer((request, response) => {
    const fields = { ETag: '"v1"', "Cache-Control": "max-age=600", "Content-Type": "text/plain" };
    if (request.method === "OPTIONS") response.writeHead(405).end();
    else if (request.headers["if-none-match"] === '"v1"' || request.headers["if-modified-since"] !== undefined)
      response.writeHead(304, fields).end();
    else if (request.headers.range === "bytes=0-0")
      response.writeHead(206, { ...fields, "Content-Range": "bytes 0-0/5" }).end("h");
    else response.writeHead(200, fields).end(request.method === "HEAD" ? undefined : "hello");
  });
  await new Promise<void>((listening) => file.listen(0, "127.0.0.1", listening));
  fileUrl = `http://127.0.0.1:${(file.address() as AddressInfo).port}/file.txt`;
});
test.afterAll(async () => {
  await live.close();
  await new Promise<void>((closed) => broken.close(() => closed()));
  await new Promise<void>((closed) => file.close(() => closed()));
});

test("the probe page on npm start reports a 401 without a challenge, with the raw exchange and RFC 9110 §15.5.2", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${live.origin}${pagesBase}probe/`);
  const form = page.locator("probe-form");
  await expect(form).toHaveAttribute("data-ready", "");
  await form.getByLabel("URL to check").fill(target);
  await form.getByRole("button", { name: "Check this server" }).click();
  const finding = form.locator('.lab-finding[data-finding="status-401-without-www-authenticate"]');
  await expect(finding).toHaveAttribute("data-severity", "error");
  await expect(finding.getByRole("link")).toHaveAttribute(
    "href",
    "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
  );
  await expect(form.locator(".lab-raw").first()).toContainText("GET /private HTTP/1.1");
  await expect(form.locator(".lab-raw").first()).toContainText("HTTP/1.1 401 Unauthorized");
  await expect(form.locator("[data-announce]")).toContainText("1 error, 0 warnings");
  expect(errors).toEqual([]);
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .include("probe-form")
    .setLegacyMode(true)
    .analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
});

test("a status page links to the probe with its checks named; the probe checks a 200 with its sub-requests and freshness", async ({
  page,
}) => {
  await page.goto(`${live.origin}${pagesBase}status/405/`);
  const checks = page.locator(".lab-probe-link");
  await expect(checks).toContainText("Allow lists the methods the resource supports");
  await expect(checks.getByRole("link", { name: "RFC 9110 §15.5.6" })).toHaveAttribute(
    "href",
    "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
  );
  await checks.getByRole("link", { name: "Check your server for this code" }).click();
  await expect(page).toHaveURL(`${live.origin}${pagesBase}probe/`);
  await expect(page.locator("#check-allow")).toContainText("405");
  const form = page.locator("probe-form");
  await expect(form).toHaveAttribute("data-ready", "");
  await form.getByLabel("URL to check").fill(fileUrl);
  await form.getByRole("button", { name: "Check this server" }).click();
  await expect(form.locator("[data-announce]")).toContainText("1 error, 0 warnings");
  await expect(form.locator(".lab-response-report h3")).toHaveText([
    `1. GET ${fileUrl} without credentials, as a client does first`,
    /^2\. HEAD/,
    /^3\. GET with If-None-Match/,
    /^4\. GET with Range/,
    /^5\. OPTIONS/,
  ]);
  await expect(form.locator('.lab-finding[data-finding="allow-missing"]')).toHaveAttribute("data-severity", "error");
  await expect(form.locator(".lab-probe-freshness")).toContainText("max-age=600 gives a lifetime of 10 min");
});
