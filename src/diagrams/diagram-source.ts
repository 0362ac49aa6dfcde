import { type ExchangeFacts, statusResponseFields } from "../data/status-responses.ts";
import { mermaidText, reasonPhrase } from "../http/index.ts";

/** A diagram as its page's front matter gives it (src/content/status-schema.ts, diagramSchema). */
export interface DiagramData {
  title: string;
  description: string;
  source: string;
  /** The facts of the drawn exchange that the code's response fields depend on (a Location, a challenge). */
  exchange?: ExchangeFacts | undefined;
}

/**
 * `{{response}}`: the page's own code's response, as src/data/status-responses.ts describes it: its
 * status line with the registry's reason phrase, then every field the table gives it, each on a
 * line of its own. `{{Retry-After}}` (any field name of that response): the field's value alone,
 * for the notes and the description that mention it.
 */
const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * A diagram text with its placeholders filled from the response table, each value escaped for
 * Mermaid (mermaidText: a value is text, never diagram syntax) or left plain for HTML; the lines of
 * `{{response}}` joined by the separator (a line break in a message, a comma in a sentence). A name the
 * response lacks, a fact the exchange lacks, or a placeholder in a diagram without a status code
 * is an error that names the diagram: the build stops rather than draw something the table does
 * not say.
 */
function fill(
  text: string,
  diagram: DiagramData,
  code: number | undefined,
  escape: (value: string) => string,
  separator: string,
): string {
  return text.replace(placeholder, (_match, name: string) => {
    const where = `The diagram "${diagram.title}" uses {{${name}}}`;
    if (code === undefined) throw new Error(`${where}, but only a status page's diagram has a code to fill it from.`);
    let fields: Record<string, string>;
    try {
      fields = statusResponseFields(code, diagram.exchange ?? {});
    } catch (error) {
      const reason = error instanceof RangeError ? error.message : String(error);
      throw new Error(`${where}: ${reason} Give it in the diagram's exchange.`, { cause: error });
    }
    if (name === "response") {
      const lines = Object.entries(fields).map(([field, value]) => `${field}: ${escape(value)}`);
      return [`${code} ${escape(reasonPhrase(code))}`, ...lines].join(separator);
    }
    const found = Object.entries(fields).find(([field]) => field.toLowerCase() === name.toLowerCase());
    if (found === undefined)
      throw new Error(
        `${where}, but the ${code} response carries no such field in src/data/status-responses.ts (it carries ${Object.keys(fields).join(", ") || "none"}).`,
      );
    return escape(found[1]);
  });
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * The full Mermaid source of a page diagram: the author's `sequenceDiagram` with its placeholders
 * filled for the page's status code, and the accessible title and description added as accTitle /
 * accDescr, which Mermaid turns into the SVG's <title> and <desc> (referenced by aria-labelledby /
 * aria-describedby).
 */
export function diagramSource(diagram: DiagramData, code?: number): string {
  const [first, ...rest] = fill(diagram.source, diagram, code, mermaidText, "<br/>").trimEnd().split("\n");
  return [
    first,
    `  accTitle: ${oneLine(fill(diagram.title, diagram, code, mermaidText, ", "))}`,
    `  accDescr: ${oneLine(fill(diagram.description, diagram, code, mermaidText, ", "))}`,
    ...rest,
  ].join("\n");
}

/** The diagram's description as the page's caption shows it: placeholders filled with plain text. */
export function diagramCaption(diagram: DiagramData, code?: number): string {
  return fill(diagram.description, diagram, code, (value) => value, ", ");
}
