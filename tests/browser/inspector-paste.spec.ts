import {
  curlIncludeNoChallenge,
  curlVerboseBearer,
  harFile,
  rfc7616Challenge,
  rfc7616Credentials,
  rfc7617Challenge,
  rfc7617Credentials,
} from "../fixtures/pasted-examples.ts";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures.ts";
import { expectCleanPage } from "./sandbox-helpers.ts";

/** The inspector takes what people paste: RFC examples as printed, curl -i, curl -v, a HAR file. */
test.describe("the header inspector reads pasted text", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("inspect/");
    await expect(page.locator("header-inspector")).toHaveAttribute("data-ready", "");
  });

  test("RFC 7616 §3.9.1's 401 and credentials, folded as printed, are read without a syntax error", async ({
    page,
    watch,
  }) => {
    const inspector = page.locator("header-inspector");
    const value = inspector.getByLabel(/^Value/);
    await value.fill(rfc7616Challenge);
    const report = inspector.locator("[data-report]");
    await expect(report.locator("h2").first()).toHaveText("1 response, read from curl -i output");
    await expect(report.locator(".lab-auth-scheme")).toHaveText(["Challenge 1: Digest", "Challenge 2: Digest"]);
    await expect(report.locator(".lab-findings-none")).toBeVisible();
    await expect(report.locator(".lab-parse-error")).toHaveCount(0);

    await value.fill(rfc7616Credentials);
    await expect(inspector.getByLabel("Field")).toHaveValue("Authorization");
    await expect(report.locator("h2").first()).toHaveText("Credentials");
    await expect(inspector.getByRole("button", { name: "response, what it means", exact: true })).toBeVisible();
    await expect(value).toHaveValue(/^Digest username="Mufasa", realm="http-auth@example.org", uri=/);
    expectCleanPage(watch);
  });

  test("RFC 7617 §2.1's challenge and credentials as printed (indented): parsed, decoded, no problem", async ({
    page,
  }) => {
    const inspector = page.locator("header-inspector");
    const value = inspector.getByLabel(/^Value/);
    await value.fill(rfc7617Challenge);
    await expect(inspector.getByLabel("Field")).toHaveValue("WWW-Authenticate");
    await expect(inspector.locator("[data-report] h2").first()).toHaveText("1 challenge");
    await expect(inspector.locator(".lab-findings-none")).toBeVisible();
    await value.fill(rfc7617Credentials);
    await expect(inspector.getByLabel("Field")).toHaveValue("Authorization");
    await expect(inspector.locator(".lab-params")).toContainText("123£");
  });

  test("a pasted 200 then a 304 that leaves out its ETag: the probe's status-code check, cited; the neighbour 304 is clean", async ({
    page,
  }) => {
    const inspector = page.locator("header-inspector");
    const value = inspector.getByLabel(/^Value/);
    const exchange = (notModified: string) =>
      `HTTP/1.1 200 OK\nETag: "v1"\nCache-Control: max-age=60\n\nhello\nHTTP/1.1 304 Not Modified\n${notModified}\n`;
    await value.fill(exchange("Cache-Control: max-age=60"));
    const finding = inspector.locator('.lab-finding[data-finding="fields-missing-on-304"]');
    await expect(finding).toHaveAttribute("data-severity", "error");
    await expect(finding.getByRole("link", { name: "RFC 9110 §15.4.5" })).toBeVisible();
    await value.fill(exchange('ETag: "v1"\nCache-Control: max-age=60'));
    await expect(inspector.locator("[data-report] h2").first()).toHaveText("2 responses, read from curl -i output");
    await expect(finding).toHaveCount(0);
  });

  test("curl -i of a 401 without a challenge: the RFC 9110 §15.5.2 error, announced", async ({ page }) => {
    const inspector = page.locator("header-inspector");
    await inspector.getByLabel(/^Value/).fill(curlIncludeNoChallenge);
    const finding = inspector.locator('.lab-finding[data-finding="status-401-without-www-authenticate"]');
    await expect(finding).toHaveAttribute("data-severity", "error");
    await expect(finding.getByRole("link")).toHaveAttribute(
      "href",
      "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
    );
    await expect(inspector.locator(".lab-raw")).toContainText("HTTP/1.1 401 Unauthorized");
    await expect(inspector.locator("[data-announce]")).toHaveText("1 response, 1 problem.");
  });

  test("curl -v: the '<' lines are the response; a Bearer-only 401 gets the no-dialog note, not an error", async ({
    page,
  }) => {
    const inspector = page.locator("header-inspector");
    await inspector.getByLabel(/^Value/).fill(curlVerboseBearer);
    const report = inspector.locator("[data-report]");
    await expect(report.locator("h2").first()).toHaveText("1 response, read from curl -v output");
    await expect(report.locator("h3")).toHaveText("Response 1: 401 Unauthorized (api.example:8080/mcp)");
    await expect(report.locator('.lab-finding[data-finding="status-401-no-login-dialog"]')).toHaveAttribute(
      "data-severity",
      "info",
    );
    await expect(report.locator(".lab-params")).toContainText("resource_metadata");
    await expect(inspector.locator("[data-announce]")).toHaveText("1 response, no problems.");
  });

  test("a HAR file: each entry's response; the broken challenge marked at its character", async ({ page }) => {
    const inspector = page.locator("header-inspector");
    await inspector.getByLabel(/^Value/).fill(harFile);
    const report = inspector.locator("[data-report]");
    await expect(report.locator("h3")).toHaveText([
      "Response 1: 401 Unauthorized (https://api.example/private)",
      "Response 2: 200 OK (https://api.example/public)",
    ]);
    await expect(report.locator(".lab-parse-error")).toHaveAttribute("data-offset", "29");
    await expect(report.locator('.lab-finding[data-finding="challenge-unparsable"]')).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .include("header-inspector")
      .setLegacyMode(true)
      .analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);

    await inspector.getByLabel(/^Value/).fill('{"log": {}}');
    await expect(report).toContainText("not a HAR file");
  });
});

test("the probe page on the static site says it needs npm start, in a sentence", async ({ page }) => {
  await page.goto("probe/");
  const form = page.locator("probe-form");
  await expect(form).toHaveAttribute("data-ready", "");
  await form.getByLabel("URL to check").fill("http://127.0.0.1:9/private");
  await form.getByRole("button", { name: "Check this server" }).click();
  await expect(form.getByRole("alert")).toContainText("needs the live server: run npm start");
});
