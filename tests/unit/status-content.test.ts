/**
 * The status pages as content: the same prose sections on every page, citations that point at
 * RFC sections, diagrams that draw real messages, "often confused with" links that lead somewhere,
 * and a sidebar that lists every page and nothing else.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { proseSections } from "../../src/content/status-sections.ts";
import { type DiagramData, diagramSource } from "../../src/diagrams/diagram-source.ts";
import { sidebar } from "../../src/sidebar.ts";

const root = process.cwd();
const statusDir = join(root, "src/content/status");

interface StatusPage {
  code: number;
  standing: string;
  spec: Array<{ label: string; url: string }>;
  confusedWith?: Array<{ code: number; difference: string }>;
  diagram: DiagramData;
}

const pages = readdirSync(statusDir)
  .filter((name) => name.endsWith(".mdx"))
  .sort()
  .map((name) => {
    const text = readFileSync(join(statusDir, name), "utf8");
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    if (!match?.[1] || match[2] === undefined) throw new Error(`${name} has no front matter`);
    return { name, data: parse(match[1]) as StatusPage, body: match[2] };
  });
const pageCodes = new Set(pages.map((page) => page.data.code));
const cases = pages.map((page) => [page.name, page] as const);

/** The ATX headings of a Markdown body, outside fenced code blocks. */
function headings(body: string): Array<{ depth: number; text: string }> {
  const found: Array<{ depth: number; text: string }> = [];
  let inFence = false;
  for (const line of body.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (!inFence && heading?.[1] && heading[2] !== undefined)
      found.push({ depth: heading[1].length, text: heading[2] });
  }
  return found;
}

/** Every link target in a Markdown body. */
const bodyLinks = (body: string) => [...body.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((match) => match[1] ?? "");

describe("every MDX body has exactly the prose sections, in order", () => {
  test.each(cases)("%s", (_name, page) => {
    const all = headings(page.body);
    expect(all.filter((h) => h.depth === 1)).toEqual([]);
    expect(all.filter((h) => h.depth === 2).map((h) => h.text)).toEqual([...proseSections]);
    const usage = all.findIndex((h) => h.depth === 2 && h.text === "Usage");
    const next = all.findIndex((h, i) => i > usage && h.depth === 2);
    expect(all.slice(usage + 1, next).map((h) => `${"#".repeat(h.depth)} ${h.text}`)).toEqual([
      "### Client behaviour",
      "### Server behaviour",
    ]);
  });
});

describe("citations point at sections of the RFCs", () => {
  const rfcSection = /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#(section|appendix)-[0-9A-Z][0-9.]*$/;

  test.each(cases)("%s", (_name, page) => {
    const { spec, standing, code } = page.data;
    expect(spec.length).toBeGreaterThan(0);
    if (standing === "unofficial") {
      // Nobody standardised these: the product's own documentation is the reference.
      for (const { url } of spec) expect(url).toMatch(/^https:\/\//);
    } else if (code === 104) {
      expect(spec[0]?.url).toMatch(/^https:\/\/datatracker\.ietf\.org\/doc\/html\/draft-ietf-httpbis-resumable-upload/);
    } else {
      expect(spec.some(({ url }) => rfcSection.test(url))).toBe(true);
    }
    // Wherever a page links the RFC Editor, in its spec list or in its prose, it links a section.
    const rfcLinks = [...spec.map(({ url }) => url), ...bodyLinks(page.body)].filter((url) =>
      url.includes("rfc-editor.org"),
    );
    expect(rfcLinks.filter((url) => !rfcSection.test(url))).toEqual([]);
  });
});

describe("'often confused with' links lead to pages", () => {
  test.each(cases)("%s", (_name, page) => {
    const others = (page.data.confusedWith ?? []).map((other) => other.code);
    expect(others).not.toContain(page.data.code);
    expect(new Set(others).size).toBe(others.length);
    expect(others.filter((code) => !pageCodes.has(code))).toEqual([]);
  });
});

describe("diagrams draw the exchange as Mermaid can render it", () => {
  test.each(cases)("%s", (_name, page) => {
    // Placeholders filled from src/data/status-responses.ts, as the page draws the diagram.
    // As the page draws it, without the accessible title and description that diagramSource adds.
    const source = diagramSource(page.data.diagram, page.data.code)
      .split("\n")
      .filter((line) => !/^\s*acc(?:Title|Descr):/.test(line))
      .join("\n");
    const lines = source.split("\n").slice(1);
    // ";" ends a Mermaid statement and "%%" starts a comment: only allowed as entity codes (#59;).
    expect(source.replace(/#(\d+|[a-z]+);/g, "")).not.toMatch(/;|%%/);
    const messages = lines
      .map((line) => /^\s*\w+\s*(?:-{1,2}(?:>>|x|\)|>))\s*\w+\s*:\s*(.*)$/.exec(line)?.[1])
      .filter((text): text is string => text !== undefined);
    expect(messages.length).toBeGreaterThan(1);
    // A header field is part of a message (after <br/>), never a message of its own.
    expect(messages.filter((text) => /^[A-Z][A-Za-z0-9-]*: /.test(text))).toEqual([]);
    // The page's own code appears in the diagram.
    expect(source).toContain(String(page.data.code));
  });
});

describe("the sidebar", () => {
  type Entry = { label: string; link?: string; items?: Entry[] };
  const flatten = (entries: readonly Entry[]): Entry[] =>
    entries.flatMap((entry) => [entry, ...flatten(entry.items ?? [])]);
  const links = flatten(sidebar as Entry[]).filter((entry) => entry.link !== undefined);

  /** Whether a site path has a source: a status page, a docs page or an Astro route. */
  function pageExists(link: string): boolean {
    const status = /^\/status\/(\d{3})\/$/.exec(link);
    if (status) return pageCodes.has(Number(status[1]));
    const path = link.replace(/^\/|\/$/g, "") || "index";
    return [
      `src/content/docs/${path}.mdx`,
      `src/content/docs/${path}.md`,
      `src/content/docs/${path}/index.mdx`,
      `src/pages/${path}.astro`,
      `src/pages/${path}/index.astro`,
    ].some((candidate) => existsSync(join(root, candidate)));
  }

  test("keeps the explorer and the tools on top", () => {
    expect(sidebar.slice(0, 3)).toEqual([
      { label: "Explorer", link: "/" },
      { label: "Sandbox", link: "/sandbox/" },
      { label: "Header inspector", link: "/inspect/" },
    ]);
  });

  test("links only pages that exist", () => {
    expect(links.map((entry) => entry.link).filter((link) => !pageExists(link ?? ""))).toEqual([]);
  });

  test("lists every status page once, labelled with its code and reason phrase", () => {
    const statusLinks = links.filter((entry) => entry.link?.startsWith("/status/"));
    expect(statusLinks.map((entry) => entry.link).sort()).toEqual(
      [...pageCodes].sort().map((code) => `/status/${code}/`),
    );
    const page401 = statusLinks.find((entry) => entry.link === "/status/401/");
    if (page401) expect(page401.label).toBe("401 Unauthorized");
  });

  test("groups status pages by class, then the unofficial codes", () => {
    const groups = (sidebar as Entry[]).filter((entry) => entry.items !== undefined).map((entry) => entry.label);
    const order = [
      "1xx Informational",
      "2xx Successful",
      "3xx Redirection",
      "4xx Client error",
      "5xx Server error",
      "Unofficial codes",
    ];
    expect(groups).toEqual(order.filter((label) => groups.includes(label)));
  });
});
