import { test, expect } from "./fixtures.ts";
import { expectCleanPage } from "./sandbox-helpers.ts";

test.describe("the header inspector", () => {
  test("parses challenges, explains every parameter on hover and focus, and lists the lints", async ({
    page,
    watch,
  }) => {
    await page.goto("inspect/");
    const inspector = page.locator("header-inspector");
    await expect(inspector).toHaveAttribute("data-ready", "");
    await inspector
      .getByLabel(/^Value/)
      .fill('Basic realm="Staff", charset="latin1", Bearer realm="api", error="invalid_token", scope="read"');
    const report = inspector.locator("[data-report]");
    await expect(report.locator("h2").first()).toHaveText("2 challenges");
    await expect(report.locator(".lab-auth-scheme")).toHaveText(["Challenge 1: Basic", "Challenge 2: Bearer"]);
    const charset = report.getByRole("button", { name: "charset" });
    await charset.focus();
    await expect(page.locator(`[id="${await charset.getAttribute("aria-describedby")}"]`)).toBeVisible();
    await expect(charset).toHaveAccessibleDescription(/UTF-8/);
    await report.getByRole("button", { name: "scope" }).hover();
    await expect(report.getByRole("tooltip").filter({ hasText: "Space-separated scopes" })).toBeVisible();
    const finding = report.locator('.lab-finding[data-finding="basic-charset-not-utf8"]');
    await expect(finding.getByRole("link")).toHaveAttribute(
      "href",
      "https://www.rfc-editor.org/rfc/rfc7617#section-2.1",
    );
    await expect(inspector.locator("[data-announce]")).toContainText("2 challenges");
    expectCleanPage(watch);
  });

  test("marks the exact position of a syntax error", async ({ page }) => {
    await page.goto("inspect/");
    const inspector = page.locator("header-inspector");
    await inspector.getByLabel(/^Value/).fill('Digest realm="Lab", nonce="abc" qop="auth"');
    const error = inspector.locator(".lab-parse-error");
    await expect(error).toHaveAttribute("data-offset", "32");
    await expect(error.locator("mark")).toHaveText("q");
    await expect(error.locator(".lab-error-message")).toContainText("at character 33");
    const lines = (await error.locator("pre code").innerText()).split("\n");
    expect(lines[0]).toBe('Digest realm="Lab", nonce="abc" qop="auth"');
    expect(lines[1]).toBe(`${" ".repeat(32)}^`);

    // An unterminated quoted string: the error is at the end.
    await inspector.getByRole("button", { name: "A broken challenge" }).click();
    await expect(error.locator(".lab-error-message")).toContainText("Syntax error");
    await expect(inspector.locator("[data-announce]")).toContainText("Syntax error at character");
  });

  test("decodes Basic credentials, reads a pasted whole line, and explains Digest credentials", async ({ page }) => {
    await page.goto("inspect/");
    const inspector = page.locator("header-inspector");
    const value = inspector.getByLabel(/^Value/);
    await value.fill("Authorization: Basic dXNlcjpwYXNzd2Q=");
    await expect(inspector.getByLabel("Field")).toHaveValue("Authorization");
    await expect(value).toHaveValue("Basic dXNlcjpwYXNzd2Q=");
    await expect(inspector.locator(".lab-params")).toContainText("user-id (decoded)");
    await expect(inspector.locator(".lab-params")).toContainText("passwd");

    await value.fill(
      'Digest username="user", realm="Lab", uri="/x", nonce="n", nc=00000001, cnonce="c", qop=auth, response="abc"',
    );
    for (const name of ["username", "uri", "nc", "cnonce", "response"])
      await expect(inspector.getByRole("button", { name: `${name}, what it means`, exact: true })).toBeVisible();
  });

  test("markup, 10 kB and non-Latin-1 values give text and sentences, never injected markup or a blank panel", async ({
    page,
    watch,
  }) => {
    await page.goto("inspect/");
    const inspector = page.locator("header-inspector");
    const value = inspector.getByLabel(/^Value/);
    await value.fill('Basic realm="<img src=x onerror=alert(1)>"');
    await expect(inspector.locator(".lab-params")).toContainText("<img src=x onerror=alert(1)>");
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await value.fill(`Basic realm="${"x".repeat(10_000)}`);
    const error = inspector.locator(".lab-parse-error");
    await expect(error).toBeVisible();
    expect((await error.locator("pre code").innerText()).split("\n")[0]?.length).toBeLessThan(100);

    await value.fill('Basic realm="café ☕"');
    await expect(inspector.locator("[data-report]")).not.toBeEmpty();
    await expect(inspector.locator("[data-report]")).toContainText(/Latin-1|☕/);
    expectCleanPage(watch);
  });
});
