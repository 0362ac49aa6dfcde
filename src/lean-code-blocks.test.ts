import { expect, test } from "vitest";
import { leanCodeBlocks } from "./lean-code-blocks.ts";

const text = (value: string) => ({ type: "text", value });
const span = (style: string, value: string) => ({
  type: "element",
  tagName: "span",
  properties: { style },
  children: [text(value)],
});
const line = (children: object[], lineProperties: Record<string, unknown> = { className: ["ec-line"] }) => ({
  type: "element",
  tagName: "div",
  properties: lineProperties,
  children: [{ type: "element", tagName: "div", properties: { className: ["code"] }, children }],
});
const block = (lines: object[]) => ({
  type: "element",
  tagName: "figure",
  properties: {},
  children: [
    {
      type: "element",
      tagName: "pre",
      properties: { className: ["wrap"], style: "--ecMaxLine:20ch" },
      children: [{ type: "element", tagName: "code", properties: {}, children: lines }],
    },
  ],
});
const styleVariants = [
  { theme: { fg: "#24292e", settings: [{ settings: { foreground: "#BF3441" } }, { settings: {} }] } },
  { theme: { fg: "#e1e4e8", settings: [{ settings: { foreground: "#F97583" } }] } },
];
const run = (blockAst: ReturnType<typeof block>) => {
  leanCodeBlocks().hooks.postprocessRenderedBlock({ renderData: { blockAst }, styleVariants });
  const pre = blockAst.children[0];
  return { pre, code: pre?.children[0] };
};

test("a plain block becomes text lines; text-coloured tokens become text; known colours become classes", () => {
  const { pre, code } = run(
    block([
      line([span("--0:#BF3441;--1:#F97583", "GET"), span("--0:#24292E;--1:#E1E4E8", " /")]),
      line([text("\n")]),
      line([
        {
          type: "element",
          tagName: "span",
          properties: { style: "--0:#24292E;--1:#E1E4E8" },
          children: [
            { type: "element", tagName: "span", properties: { className: ["indent"] }, children: [text("  ")] },
            text("z"),
          ],
        },
      ]),
      line([span("--0:#123456;--1:#F97583", "x"), span("--0:#123456;--1:#F97583", "y")]),
    ]),
  );
  // Out of the search index (Pagefind), so excerpts come from the prose.
  expect(pre?.properties).toEqual({ className: ["wrap", "lab-flat"], dataPagefindIgnore: "" });
  expect(code?.children).toEqual([
    { type: "element", tagName: "span", properties: { className: ["a1", "b1"] }, children: [text("GET")] },
    text(" /\n\n  z\n"),
    // A colour outside the palettes keeps its style; two such neighbours become one token.
    { type: "element", tagName: "span", properties: { style: "--0:#123456;--1:#F97583" }, children: [text("xy")] },
  ]);
});

test("a block with a decorated line (a marker, a gutter) keeps Expressive Code's markup", () => {
  const marked = line([span("--0:#BF3441;--1:#F97583", "GET")], { className: ["ec-line", "mark"] });
  const { pre, code } = run(block([line([text("a")]), marked]));
  expect(pre?.properties).toEqual({ className: ["wrap"], style: "--ecMaxLine:20ch", dataPagefindIgnore: "" });
  expect(code?.children[1]).toBe(marked);
});

test("the palettes become one class per colour and theme in Expressive Code's styles", () => {
  expect(leanCodeBlocks().baseStyles({ styleVariants }).split("\n")).toEqual([
    "pre.lab-flat .a0{--0:#24292e}",
    "pre.lab-flat .a1{--0:#bf3441}",
    "pre.lab-flat .b0{--1:#e1e4e8}",
    "pre.lab-flat .b1{--1:#f97583}",
  ]);
});
