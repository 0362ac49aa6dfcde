import { test, expect } from "@playwright/test";
test("debug", async ({ page }) => {
  await page.goto("inspect/");
  await expect(page.locator("header-inspector")).toHaveAttribute("data-ready", "");
  const r = await page.evaluate(() => {
    const area = document.querySelector("header-inspector textarea") as HTMLTextAreaElement;
    const t = performance.now();
    area.value = "A".repeat(65536);
    area.dispatchEvent(new Event("input"));
    const t1 = performance.now();
    area.value = "user X-Injected: 1 <script>window.__pwned=1</script>";
    area.dispatchEvent(new Event("input"));
    return [t1 - t, performance.now() - t1, document.querySelector("header-inspector [data-report]")!.textContent!.slice(0, 200)];
  });
  console.log("r", JSON.stringify(r));
  const t = Date.now();
  console.log("again", await page.evaluate(() => 1), Date.now() - t);
  const t2 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(1))));
  console.log("raf", Date.now() - t2);
});
