/**
 * Renders every diagram of the site to SVG in Chromium, in Mermaid's light and dark themes, and
 * merges the two into one SVG whose colours follow the site's theme (scripts/themed-diagram-svg.ts),
 * into src/diagrams/rendered/ (committed). Builds read that cache, so a machine without a browser
 * still builds; `npm test` checks that the cache is fresh. Run: npm run diagrams [-- --prune]
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "./chromium.ts";
import { collectDiagramSources } from "./diagram-sources.ts";
import { diagramKey, diagramPath, renderedDir } from "../src/diagrams/diagram-cache.ts";
import { themedDiagramSvg } from "./themed-diagram-svg.ts";

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
    const key = diagramKey(source);
    wanted.add(`${key}.svg`);
    if (existsSync(diagramPath(source))) continue;
    // The same id in both themes, so that their drawings can be compared and merged.
    const [light, dark] = await page.evaluate(
      async ({ source, key }) => {
        const mermaid = (
          globalThis as unknown as {
            mermaid: { initialize(c: object): void; render(id: string, s: string): Promise<{ svg: string }> };
          }
        ).mermaid;
        const render = async (theme: "default" | "dark") => {
          // strict: no HTML labels, no click handlers, no scripts in the output.
          mermaid.initialize({
            startOnLoad: false,
            securityLevel: "strict",
            theme,
            fontFamily: "system-ui, sans-serif",
            sequence: { useMaxWidth: true },
          });
          // A short id: Mermaid repeats it in every style rule and in the title's and description's ids.
          return (await mermaid.render(`d${key.slice(0, 10)}`, source)).svg;
        };
        return [await render("default"), await render("dark")];
      },
      { source, key },
    );
    const svg = await page.evaluate(themedDiagramSvg, { light, dark });
    writeFileSync(diagramPath(source), `${svg}\n`);
    rendered += 1;
    console.log(`rendered ${file}`);
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
