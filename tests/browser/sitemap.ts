import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The built site the tests run against (playwright.config.ts serves dist-pages). */
export const siteDir = process.env["PAGES_DIR"] ?? "dist-pages";

/** Every page of the built sitemap, as a path relative to the base path, sorted. */
export function sitemapPaths(): string[] {
  if (!existsSync(siteDir)) return [];
  const paths = new Set<string>();
  for (const file of readdirSync(siteDir).filter((name) => /^sitemap-\d+\.xml$/.test(name))) {
    for (const [, loc = ""] of readFileSync(join(siteDir, file), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)) {
      // The sitemap names the canonical origin and base; the test server has its own origin.
      paths.add(new URL(loc).pathname.replace(/^\/http-status-lab\//, ""));
    }
  }
  return [...paths].sort();
}
