import fc from "fast-check";
import { expect, test } from "vitest";
import { mermaidText } from "./sequence-diagram.ts";

test("keeps plain text readable", () => {
  expect(mermaidText("GET /api/basic-auth/ada/p4ss?x=1&y=2")).toBe("GET /api/basic-auth/ada/p4ss?x=1#38;y=2");
});

test.each([
  ['%%{init: {"theme":"dark"}}%%', "#37;#37;#123;init#58; #123;#34;theme#34;#58;#34;dark#34;#125;#125;#37;#37;"],
  ["a;b#c\nd", "a#59;b#35;c#10;d"],
  ["<script>", "#60;script#62;"],
  ["-->>", "--#62;#62;"],
  ["😀é", "#128512;#233;"],
])("turns Mermaid and HTML syntax into entity codes: %j becomes %s", (text, coded) => {
  expect(mermaidText(text)).toBe(coded);
});

test("the output never contains a character Mermaid's grammar gives meaning to", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (text) => {
      const out = mermaidText(text);
      // Every "#" opens an entity code #NNN; and every ";" closes one.
      expect(out.replace(/#\d+;/g, "")).toMatch(/^[A-Za-z0-9 .,/_\-=?!@*+'~$^|()[\]]*$/);
    }),
  );
});
