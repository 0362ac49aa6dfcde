/**
 * Renders every diagram of the site to SVG in Chromium, once per theme, into
 * src/diagrams/rendered/ (committed). Builds read that cache, so a machine without a browser
 * still builds; `npm test` checks that the cache is fresh. Run: npm run diagrams [-- --prune]
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "./chromium.ts";
import { collectDiagramSources } from "./diagram-sources.ts";
import { diagramKey, diagramPath, diagramThemes, renderedDir } from "../src/diagrams/diagram-cache.ts";

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve("mermaid/dist/mermaid.min.js");

const executablePath = chromiumPath();
if (!executablePath) {
  console.error("No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.");
  process.exit(1);
}

mkdirSync(renderedDir, { recursive: true });
const sources = collectDiagramSources();
const wanted = new Set<string>();
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: mermaidScript });
  let rendered = 0;
  for (const { file, source } of sources) {
    for (const theme of diagramThemes) {
      const key = diagramKey(source, theme);
      wanted.add(`${key}.svg`);
      if (existsSync(diagramPath(source, theme))) continue;
      const svg = await page.evaluate(
        async ({ source, theme, key }) => {
          const mermaid = (
            globalThis as unknown as {
              mermaid: { initialize(c: object): void; render(id: string, s: string): Promise<{ svg: string }> };
            }
          ).mermaid;
          // strict: no HTML labels, no click handlers, no scripts in the output.
          mermaid.initialize({
            startOnLoad: false,
            securityLevel: "strict",
            theme: theme === "dark" ? "dark" : "default",
            fontFamily: "system-ui, sans-serif",
            sequence: { useMaxWidth: true },
          });
          return (await mermaid.render(`diagram-${key}`, source)).svg;
        },
        { source, theme, key },
      );
      writeFileSync(diagramPath(source, theme), `${svg}\n`);
      rendered += 1;
      console.log(`rendered ${file} (${theme})`);
    }
  }
  console.log(`${rendered} diagram(s) rendered, ${wanted.size - rendered} already fresh.`);
} finally {
  await browser.close();
}

if (process.argv.includes("--prune")) {
  for (const name of readdirSync(renderedDir)) {
    if (name.endsWith(".svg") && !wanted.has(name)) {
      rmSync(`${renderedDir}${name}`);
      console.log(`removed stale ${name}`);
    }
  }
}
