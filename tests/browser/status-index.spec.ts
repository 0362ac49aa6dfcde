import { readdirSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "../../src/server/start-server.ts";
import { test, expect } from "./fixtures.ts";

/** /status/ lists every code; short addresses (/401, /status/401) reach a code's page. */

const codes = readdirSync(join(process.cwd(), "src/content/status"))
  .filter((name) => name.endsWith(".mdx"))
  .map((name) => name.replace(".mdx", ""));

for (const size of [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`${size.width}×${size.height}: /status/ lists every code by class, the unofficial ones marked`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const response = await page.goto("status/");
    expect(response?.status()).toBe(200);
    const main = page.locator("main");
    await expect(main.getByRole("heading", { level: 2 })).toHaveText([
      "1xx Informational",
      "2xx Successful",
      "3xx Redirection",
      "4xx Client error",
      "5xx Server error",
    ]);
    const hrefs = await main
      .locator(".lab-code-list a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(hrefs).toEqual(codes.sort().map((code) => `/http-status-lab/status/${code}/`));
    await expect(main.locator("li", { hasText: "499" })).toContainText("unofficial");
    await expect(main.locator("li", { hasText: "401 Unauthorized" })).not.toContainText("unofficial");
  });
}

test("short addresses reach a code's page on the static host, and on `npm start`, under the base path", async ({
  page,
  baseURL,
}) => {
  const running = await startServer({ root: "dist-pages", basePath: "/http-status-lab/", port: 0, host: "127.0.0.1" });
  try {
    for (const origin of [new URL(baseURL ?? "").origin, running.origin]) {
      for (const path of ["401", "401/", "status/401", "status/401/"]) {
        await page.goto(`${origin}/http-status-lab/${path}`);
        await expect(page, `${origin} ${path}`).toHaveURL(`${origin}/http-status-lab/status/401/`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("401 Unauthorized");
      }
      // The neighbour: a number with no page is a 404, not a redirect to nowhere.
      const missing = await page.goto(`${origin}/http-status-lab/499999/`);
      expect(missing?.status()).toBe(404);
    }
  } finally {
    await running.close();
  }
  // A short address is not a page of its own: not in the sitemap, not indexed, canonical is the real one.
  const short = await (await page.request.get("401/")).text();
  expect(short).toContain(
    '<link rel="canonical" href="https://http-status-lab.github.io/http-status-lab/status/401/">',
  );
  expect(short).toContain('<meta name="robots" content="noindex">');
});
