/**
 * An Expressive Code plugin (astro.config.mjs) that writes each plain code block with fewer
 * elements and fewer bytes, and the same look: Expressive Code wraps every line in two <div>s
 * and every token in a <span style="--0:…;--1:…"> with its light and dark colour. A status page
 * has eleven blocks (about 80 lines and 300 tokens): a third of its elements. Here:
 *
 * - the lines of a block with no line-level decoration (markers, gutter) become text separated
 *   by newlines inside <code>, wrapped by CSS (site.css, `pre.lab-flat`) instead of per line;
 * - a token in the block's own text colour (in both themes) becomes plain text, and so does an
 *   indentation span (pre-wrap keeps the spaces);
 * - neighbouring tokens of the same colours become one;
 * - a token's colours become two short classes (one per theme) from the themes' palettes, instead
 *   of a style attribute (a colour outside the palettes keeps its style).
 *
 * Every block is left out of the search index (`data-pagefind-ignore`), so search excerpts quote
 * the prose around a sample, not the sample.
 *
 * The frame, title, copy button (it copies from data-code) and colours stay Expressive Code's.
 * What it trades: a wrapped line no longer hangs under its indentation. Why:
 * decisions/content-page-weight.md.
 */

interface Text {
  type: "text";
  value: string;
}
interface Element {
  type: "element";
  tagName: string;
  properties: Record<string, unknown>;
  children: Node[];
}
type Node = Text | Element | { type: string };

const isElement = (node: Node | undefined): node is Element => node?.type === "element";
const isText = (node: Node | undefined): node is Text => node?.type === "text";
const styleOf = (node: Element): string => {
  const value = node.properties["style"];
  return typeof value === "string" ? value : "";
};
const classes = (node: Element): string[] => {
  const value = node.properties["className"];
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(" ") : [];
};

/** The element children of a line, if it is a plain `div.ec-line > div.code` (else undefined). */
function plainLineContent(line: Node): Node[] | undefined {
  if (!isElement(line) || line.tagName !== "div" || classes(line).join(" ") !== "ec-line") return undefined;
  // --ecIndent (a wrapped line's hanging indent) is the one line style given up here.
  const style = styleOf(line);
  if (style !== "" && !/^--ecIndent:[\d.]+ch;?$/.test(style)) return undefined;
  if (line.children.length !== 1) return undefined;
  const code = line.children[0];
  if (!isElement(code) || classes(code).join(" ") !== "code" || Object.keys(code.properties).length !== 1)
    return undefined;
  // An empty line holds a lone newline; the newlines between lines are added when flattening.
  return code.children.length === 1 && isText(code.children[0]) && code.children[0].value === "\n" ? [] : code.children;
}

/**
 * Expressive Code's `<span class="indent">` keeps a wrapped line's leading spaces from collapsing;
 * in a flat block the spaces are pre-wrap text already, so the span becomes its text (at any depth).
 */
function withoutIndentSpans(node: Node): Node {
  if (!isElement(node)) return node;
  if (node.tagName === "span" && classes(node).join(" ") === "indent" && node.children.every(isText)) {
    return { type: "text", value: node.children.map((child) => child.value).join("") };
  }
  const children: Node[] = [];
  for (const child of node.children.map(withoutIndentSpans)) {
    const previous = children.at(-1);
    if (isText(child) && isText(previous)) previous.value += child.value;
    else children.push(child);
  }
  return { ...node, children };
}

/** Tokens in the text colour become text; neighbours of the same style become one; texts merge. */
function leanTokens(nodes: Node[], plainStyle: RegExp): Node[] {
  const out: Node[] = [];
  for (const node of nodes.map(withoutIndentSpans)) {
    let current: Node = node;
    if (
      isElement(current) &&
      current.tagName === "span" &&
      Object.keys(current.properties).length === 1 &&
      plainStyle.test(styleOf(current)) &&
      current.children.every(isText)
    ) {
      current = { type: "text", value: current.children.map((child) => child.value).join("") };
    }
    const previous = out.at(-1);
    if (isText(current) && isText(previous)) {
      previous.value += current.value;
      continue;
    }
    if (
      isElement(current) &&
      isElement(previous) &&
      current.tagName === "span" &&
      previous.tagName === "span" &&
      Object.keys(current.properties).length === 1 &&
      Object.keys(previous.properties).length === 1 &&
      current.properties["style"] !== undefined &&
      current.properties["style"] === previous.properties["style"] &&
      current.children.every(isText) &&
      previous.children.every(isText)
    ) {
      previous.children.push(...current.children);
      previous.children = [{ type: "text", value: previous.children.map((child) => child.value).join("") }];
      continue;
    }
    out.push(current);
  }
  return out;
}

function find(node: Node, tagName: string): Element | undefined {
  if (!isElement(node)) return undefined;
  if (node.tagName === tagName) return node;
  for (const child of node.children) {
    const found = find(child, tagName);
    if (found) return found;
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Variant {
  theme: { fg: string; settings: Array<{ settings?: { foreground?: string | undefined } | undefined }> };
}

/** Every text colour of each theme (after Expressive Code's contrast fixes), lower-cased, in order. */
function palettes(styleVariants: Variant[]): string[][] {
  return styleVariants.map(({ theme }) => [
    ...new Set(
      [theme.fg, ...theme.settings.map((setting) => setting.settings?.foreground)]
        .filter((colour): colour is string => typeof colour === "string" && /^#[0-9a-f]{3,8}$/i.test(colour))
        .map((colour) => colour.toLowerCase()),
    ),
  ]);
}

/** The class of colour `index` of theme variant `variant`: "a3" (first theme), "b5" (second). */
const colourClass = (variant: number, index: number) => `${String.fromCharCode(97 + variant)}${index}`;

/** `--0:#abc;--1:#def` as classes, when the style is exactly one known colour per theme. */
function colourClasses(style: string, palette: string[][]): string[] | undefined {
  const parts = style.replace(/;$/, "").split(";");
  if (parts.length !== palette.length) return undefined;
  const names: string[] = [];
  for (const [variant, part] of parts.entries()) {
    const match = /^--(\d+):(#[0-9a-f]{3,8})$/i.exec(part);
    const index = match ? (palette[variant]?.indexOf(match[2]?.toLowerCase() ?? "") ?? -1) : -1;
    if (!match || Number(match[1]) !== variant || index < 0) return undefined;
    names.push(colourClass(variant, index));
  }
  return names;
}

export function leanCodeBlocks() {
  return {
    name: "lab-lean-code-blocks",
    // The palettes' classes set Expressive Code's own per-theme colour properties (--0, --1), which
    // site.css applies to the tokens of a flat block under the matching theme.
    baseStyles: ({ styleVariants }: { styleVariants: Variant[] }) =>
      palettes(styleVariants)
        .flatMap((colours, variant) =>
          colours.map((colour, index) => `pre.lab-flat .${colourClass(variant, index)}{--${variant}:${colour}}`),
        )
        .join("\n"),
    hooks: {
      postprocessRenderedBlock: (context: { renderData: { blockAst: Node }; styleVariants: Variant[] }) => {
        const pre = find(context.renderData.blockAst, "pre");
        const code = pre && find(pre, "code");
        if (!pre || !code) return;
        // Search excerpts come from the prose: Pagefind leaves code samples out of its index.
        pre.properties["dataPagefindIgnore"] = "";
        const lines = code.children.map(plainLineContent);
        if (lines.length === 0 || lines.some((line) => line === undefined)) return;
        // The block's own text colour in every theme, as Expressive Code writes it on a token.
        const plain = context.styleVariants.map((variant, index) => `--${index}:${escapeRegExp(variant.theme.fg)}`);
        const plainStyle = new RegExp(`^${plain.join(";")};?$`, "i");
        const flat: Node[] = [];
        lines.forEach((line, index) => {
          if (index > 0) flat.push({ type: "text", value: "\n" });
          flat.push(...(line ?? []));
        });
        const palette = palettes(context.styleVariants);
        code.children = leanTokens(flat, plainStyle).map((node) => {
          if (!isElement(node) || node.tagName !== "span" || Object.keys(node.properties).length !== 1) return node;
          const names = colourClasses(styleOf(node), palette);
          return names ? { ...node, properties: { className: names } } : node;
        });
        pre.properties["className"] = [...classes(pre), "lab-flat"];
        // --ecMaxLine only sizes per-line wrappers, which a flat block no longer has.
        if (/^--ecMaxLine:\d+ch;?$/.test(styleOf(pre))) delete pre.properties["style"];
      },
    },
  };
}
