/**
 * The full Mermaid source of a page diagram: the author's `sequenceDiagram` with the accessible
 * title and description added as accTitle / accDescr, which Mermaid turns into the SVG's
 * <title> and <desc> (referenced by aria-labelledby / aria-describedby).
 */
export function diagramSource(diagram: { title: string; description: string; source: string }): string {
  const [first, ...rest] = diagram.source.trimEnd().split("\n");
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  return [first, `  accTitle: ${oneLine(diagram.title)}`, `  accDescr: ${oneLine(diagram.description)}`, ...rest].join(
    "\n",
  );
}
