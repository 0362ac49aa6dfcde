import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The themes every diagram is rendered in; the page shows the one matching the site theme. */
export const diagramThemes = ["light", "dark"] as const;
export type DiagramTheme = (typeof diagramThemes)[number];

// Paths are taken from the project root (the build's and the tests' working directory): this
// module is bundled into dist/.prerender during a build, where import.meta.url points elsewhere.
/** The folder of rendered SVGs, committed so that a build needs no browser. */
export const renderedDir = join(process.cwd(), "src/diagrams/rendered/");

const mermaidVersion = (
  JSON.parse(readFileSync(join(process.cwd(), "node_modules/mermaid/package.json"), "utf8")) as { version: string }
).version;

/**
 * The cache key of a rendered diagram: the Mermaid source, the theme and the Mermaid version.
 * Upgrading Mermaid or editing a diagram makes the old SVG stale, and the freshness test says so.
 */
export function diagramKey(source: string, theme: DiagramTheme): string {
  return createHash("sha256").update(`${mermaidVersion}\0${theme}\0${source}`).digest("hex").slice(0, 20);
}

export function diagramPath(source: string, theme: DiagramTheme): string {
  return `${renderedDir}${diagramKey(source, theme)}.svg`;
}

/** The rendered SVG for a source and theme, or undefined when it has not been rendered yet. */
export function readRenderedDiagram(source: string, theme: DiagramTheme): string | undefined {
  const path = diagramPath(source, theme);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
