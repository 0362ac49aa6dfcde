import { expect, test } from "vitest";
import { checkExamples, generatedCodes, renderTemplate } from "../../scripts/generate-examples.ts";

// The samples in examples/<code>/ are generated from examples/templates/ by
// scripts/generate-examples.ts; this keeps the files and their templates from drifting apart.
test("every generated sample matches its template (node scripts/generate-examples.ts regenerates them)", async () => {
  expect(await checkExamples()).toEqual([]);
}, 60_000);

test("samples are generated for every registered and unofficial code except the hand-written 401", () => {
  const codes = generatedCodes();
  expect(codes).not.toContain(401);
  expect(codes).toEqual(expect.arrayContaining([100, 103, 200, 226, 308, 418, 451, 511, 444, 499, 520, 526]));
});

test("the template language: values, sections over lists, inverted sections, standalone tags", () => {
  const template =
    "{{#lines}}\n# {{.}}\n{{/lines}}\n{{^quiet}}\nsay {{word}}\n{{/quiet}}\n{{#items}}- {{name}}\n{{/items}}";
  expect(renderTemplate(template, { lines: ["a", "b"], quiet: false, word: "hi", items: [{ name: "x" }] })).toBe(
    "# a\n# b\nsay hi\n- x\n",
  );
  expect(renderTemplate(template, { lines: [], quiet: true, word: "hi", items: [] })).toBe("");
});
