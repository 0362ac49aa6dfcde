import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { diagramSource, type DiagramData } from "../src/diagrams/diagram-source.ts";

const contentDir = fileURLToPath(new URL("../src/content/", import.meta.url));

/**
 * Every diagram the site renders at build time, read from the front matter of the content files
 * (status pages, and any other collection whose entries carry a `diagram` field), with a status
 * page's placeholders filled from src/data/status-responses.ts as its page fills them.
 */
export function collectDiagramSources(): Array<{ file: string; source: string }> {
  const found: Array<{ file: string; source: string }> = [];
  for (const folder of ["status", "lessons"]) {
    for (const name of readdirSync(`${contentDir}${folder}`).sort()) {
      if (!name.endsWith(".mdx") && !name.endsWith(".md")) continue;
      const text = readFileSync(`${contentDir}${folder}/${name}`, "utf8");
      const match = /^---\n([\s\S]*?)\n---/.exec(text);
      if (!match?.[1]) continue;
      const frontmatter = parse(match[1]) as { code?: number; diagram?: DiagramData };
      if (frontmatter.diagram)
        found.push({
          file: `src/content/${folder}/${name}`,
          source: diagramSource(frontmatter.diagram, folder === "status" ? frontmatter.code : undefined),
        });
    }
  }
  return found;
}
