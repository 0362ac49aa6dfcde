import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Paths are taken from the project root (the build's and the tests' working directory): this
// module is bundled into dist/.prerender during a build, where import.meta.url points elsewhere.
/** The folder of rendered SVGs, committed so that a build needs no browser. */
export const renderedDir = join(process.cwd(), "src/diagrams/rendered/");

const mermaidPackage: unknown = JSON.parse(
  readFileSync(join(process.cwd(), "node_modules/mermaid/package.json"), "utf8"),
);
if (
  typeof mermaidPackage !== "object" ||
  mermaidPackage === null ||
  !("version" in mermaidPackage) ||
  typeof mermaidPackage.version !== "string"
) {
  throw new Error("node_modules/mermaid/package.json names no version: run npm ci.");
}
const mermaidVersion: string = mermaidPackage.version;

/**
 * What scripts/render-diagrams.ts makes of Mermaid's output (one SVG for both themes, colours as
 * custom properties, only what the diagram uses): raise it when that changes, so every cached
 * SVG becomes stale at once.
 */
const renderFormat = 3;

/**
 * The cache key of a rendered diagram: the Mermaid source, the Mermaid version and the render
 * format. Upgrading Mermaid or editing a diagram makes the old SVG stale, and the freshness test
 * (tests/unit/diagram-cache.test.ts) says so.
 */
export function diagramKey(source: string): string {
  return createHash("sha256").update(`${mermaidVersion}\0${renderFormat}\0${source}`).digest("hex").slice(0, 20);
}

export function diagramPath(source: string): string {
  return `${renderedDir}${diagramKey(source)}.svg`;
}

/** The rendered SVG (both themes in one) for a source, or undefined when it has not been rendered yet. */
export function readRenderedDiagram(source: string): string | undefined {
  const path = diagramPath(source);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
