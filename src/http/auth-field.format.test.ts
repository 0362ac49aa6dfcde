import { expect, test } from "vitest";
import { formatAuthValue } from "./auth-field.ts";
import { quoteString } from "./grammar.ts";

test("quoteString escapes only quote and backslash", () => {
  expect(quoteString('a "b" \\ c\té')).toBe('"a \\"b\\" \\\\ c\té"');
});

test("quoteString refuses line breaks and text outside Latin-1", () => {
  expect(() => quoteString("a\nb")).toThrow(RangeError);
  expect(() => quoteString("😀")).toThrow("Latin-1");
});

test("realm is quoted for any scheme, in challenges and credentials", () => {
  expect(formatAuthValue({ scheme: "Custom", params: { realm: "x" } }, "challenge")).toBe('Custom realm="x"');
  expect(formatAuthValue({ scheme: "Custom", params: { realm: "x" } }, "credentials")).toBe('Custom realm="x"');
});
