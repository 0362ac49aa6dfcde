import { expect, test } from "vitest";
import { buildWarnings } from "./build-warnings.ts";

test("a build's warning lines are found, colours and all", () => {
  const output = [
    "21:48:09 [vite] ✓ built in 6.02s",
    "21:48:09 [WARN] [vite] \x1b[33m[INEFFECTIVE_DYNAMIC_IMPORT] \x1b[0msrc/a.ts is dynamically imported by src/b.ts",
    "21:48:55 [build] Complete!",
    "(!) Some chunks are larger than 500 kB after minification. warning: consider code splitting",
  ].join("\n");
  expect(buildWarnings(output)).toEqual([
    "21:48:09 [WARN] [vite] [INEFFECTIVE_DYNAMIC_IMPORT] src/a.ts is dynamically imported by src/b.ts",
    "(!) Some chunks are larger than 500 kB after minification. warning: consider code splitting",
  ]);
});

test("a clean build's output has none, even where pages are named after warnings", () => {
  const output = [
    "21:48:50   ├─ /504/index.html (+1ms) ",
    "21:48:51   ├─ /sandbox/index.html (+14ms) ",
    "21:48:53 [starlight:pagefind] Found 161 HTML files.",
    "21:48:55 [@astrojs/sitemap] `sitemap-index.xml` created at `dist-pages`",
    "21:48:55 [build] 88 page(s) built in 59.37s",
  ].join("\n");
  expect(buildWarnings(output)).toEqual([]);
});
