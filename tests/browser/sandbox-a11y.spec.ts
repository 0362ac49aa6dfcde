import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures.ts";
import { newest, openSandbox, pick, sendLikeBrowser, statuses, diagram } from "./sandbox-helpers.ts";

const violations = (results: Awaited<ReturnType<AxeBuilder["analyze"]>>) =>
  results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );

for (const theme of ["light", "dark"] as const) {
  test(`axe finds no violations in the sandbox with a Digest walk, its diagram and its code (${theme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript((value) => localStorage.setItem("starlight-theme", value), theme);
    const sandbox = await openSandbox(page);
    await pick(sandbox, "digest-auth-SHA-256");
    await sendLikeBrowser(sandbox);
    await statuses(sandbox, 2);
    await expect((await diagram(sandbox)).locator("svg")).toHaveCount(1, { timeout: 15_000 });
    await newest(sandbox).getByRole("button", { name: "Copy as…" }).click();
    await expect(sandbox.locator("[data-code]")).toHaveAttribute("data-highlighted", "", { timeout: 10_000 });
    await sandbox.locator(".lab-steps summary").click();
    expect(violations(await new AxeBuilder({ page }).include("auth-sandbox").analyze())).toEqual([]);
  });
}

test("axe finds no violations in the header inspector with a report and with a syntax error", async ({ page }) => {
  await page.goto("inspect/");
  const inspector = page.locator("header-inspector");
  await inspector.getByRole("button", { name: "Digest challenge" }).click();
  expect(violations(await new AxeBuilder({ page }).include("header-inspector").analyze())).toEqual([]);
  await inspector.getByRole("button", { name: "A broken challenge" }).click();
  await expect(inspector.locator(".lab-parse-error")).toBeVisible();
  expect(violations(await new AxeBuilder({ page }).include("header-inspector").analyze())).toEqual([]);
});
