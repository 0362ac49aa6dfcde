import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { collectDiagramSources } from "../../scripts/diagram-sources.ts";
import { diagramKey, renderedDir } from "../../src/diagrams/diagram-cache.ts";
import { diagramSource } from "../../src/diagrams/diagram-source.ts";

const sources = collectDiagramSources();
const wanted = new Map(sources.map(({ file, source }) => [`${diagramKey(source)}.svg`, file]));
const present = readdirSync(renderedDir).filter((name) => name.endsWith(".svg"));

test("every diagram of the site has been rendered (else: npm run diagrams)", () => {
  const missing = [...wanted].filter(([name]) => !present.includes(name)).map(([, label]) => label);
  expect(missing).toEqual([]);
});

test("the cache holds no SVG that no diagram needs any more (else: npm run diagrams prunes it)", () => {
  expect(present.filter((name) => !wanted.has(name))).toEqual([]);
});

test("every status page and lesson has a diagram", () => {
  const files = new Set(sources.map(({ file }) => file));
  for (const folder of ["status", "lessons"]) {
    for (const name of readdirSync(`src/content/${folder}`).filter((n) => /\.mdx?$/.test(n))) {
      expect(files.has(`src/content/${folder}/${name}`), name).toBe(true);
    }
  }
});

test("every rendered SVG is accessible and inert: a title, a description, no script or foreign HTML", () => {
  for (const name of present) {
    const svg = readFileSync(`${renderedDir}${name}`, "utf8");
    expect(svg, name).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
    expect(svg, name).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/);
    expect(svg, name).toMatch(/aria-labelledby="[^"]+"/);
    expect(svg, name).not.toMatch(/<script|<foreignObject|\son[a-z]+=|javascript:/i);
  }
});

test("the accessible title and description become Mermaid's accTitle and accDescr, on one line each", () => {
  const source = diagramSource({
    title: "A\ntitle",
    description: "Two\n  lines",
    source: "sequenceDiagram\n  A->>B: hi",
  });
  expect(source).toBe("sequenceDiagram\n  accTitle: A title\n  accDescr: Two lines\n  A->>B: hi");
});

test("every rendered SVG follows the theme: colours are custom properties with a light and a dark value", () => {
  for (const name of present) {
    const svg = readFileSync(`${renderedDir}${name}`, "utf8");
    const id = /^<svg id="([^"]+)"/.exec(svg)?.[1];
    expect(id, name).toBeDefined();
    const light = new RegExp(`#${id}\\{(--d\\d+:[^;}]+;?)+\\}`).exec(svg)?.[0] ?? "";
    const dark = new RegExp(`:root\\[data-theme="dark"\\] #${id}\\{(--d\\d+:[^;}]+;?)+\\}`).exec(svg)?.[0] ?? "";
    const names = (block: string) => [...block.matchAll(/--d\d+/g)].map(([match]) => match);
    expect(names(light).length, name).toBeGreaterThan(0);
    expect(names(dark), name).toEqual(names(light));
    // One drawing, one style sheet: no second copy of Mermaid's styles for the other theme.
    expect(svg.match(/<svg\b/g), name).toHaveLength(1);
    expect(svg.match(/<style>/g), name).toHaveLength(1);
  }
});

test("a rendered SVG keeps only what it uses: no unused icons, no animation keyframes", () => {
  for (const name of present) {
    const svg = readFileSync(`${renderedDir}${name}`, "utf8");
    for (const [, definition] of svg.matchAll(/<(?:symbol|marker|filter)\b[^>]*\bid="([^"]+)"/g)) {
      expect(svg.includes(`#${definition})`) || svg.includes(`#${definition}"`), `${name}: ${definition}`).toBe(true);
    }
    expect(svg, name).not.toMatch(/@keyframes|edge-animation/);
  }
});
