import { test, expect, sandboxReady } from "./fixtures.ts";
test("401 layout", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("status/401/");
  await sandboxReady(page, "main basic-auth-sandbox");
  const sandbox = page.locator("main basic-auth-sandbox").first();
  for (const payload of ["<img src=x>", "A".repeat(2000)]) {
    await sandbox.getByLabel("User name").fill(payload);
    await sandbox.getByLabel("Password").fill(payload);
    for (const b of await sandbox.locator("button:visible:enabled").all()) { await b.click(); await page.waitForTimeout(300); }
    const info = await page.evaluate(() => {
      const box = (sel: string) => { const e = document.querySelector(sel); if (!e) return sel + " none"; const r = e.getBoundingClientRect(); return `${sel} x=${Math.round(r.left)} w=${Math.round(r.width)} right=${Math.round(r.right)}`; };
      const wide = [...document.querySelectorAll("main basic-auth-sandbox *")].map((e) => [e, e.getBoundingClientRect().right] as const).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([e, r]) => `${e.tagName}.${e.className} right=${Math.round(r)} ws=${getComputedStyle(e).whiteSpace} ow=${getComputedStyle(e).overflowWrap} wb=${getComputedStyle(e).wordBreak} d=${getComputedStyle(e).display} text=${(e.textContent||"").slice(0,40)}`);
      return [box("main basic-auth-sandbox"), box(".right-sidebar-container"), box(".sl-markdown-content"), box("main .lab-sequence"), ...wide, `scrollWidth=${document.documentElement.scrollWidth}`];
    });
    console.log(info.join("\n"));
  }
  await page.screenshot({ path: "/tmp/wt12-401.png", fullPage: false });
});
