import { expect, test } from "vitest";
import { jsString, phpString, pythonString, shellQuote } from "./codegen.ts";

const nasty = 'it\'s "$HOME" \\ `x` \n\r\t é 😀';

test("shell: plain words bare, everything else single-quoted with '\\''", () => {
  expect(shellQuote("--head")).toBe("--head");
  expect(shellQuote("a b")).toBe("'a b'");
  expect(shellQuote("it's")).toBe("'it'\\''s'");
  expect(shellQuote("")).toBe("''");
});

test("JavaScript: a JSON literal that evaluates back", () => {
  expect(JSON.parse(jsString(nasty))).toBe(nasty);
});

test("Python: ASCII only, with escapes", () => {
  expect(pythonString(nasty)).toBe('"it\'s \\"$HOME\\" \\\\ `x` \\n\\r\\t \\xe9 \\U0001f600"');
  expect(pythonString("\u0001\u2028\u007f")).toBe('"\\x01\\u2028\\x7f"');
});

test("PHP: single quotes unless there is a control character", () => {
  expect(phpString("it's \\ $x")).toBe("'it\\'s \\\\ $x'");
  expect(phpString('a\n"$b"\u0001')).toBe('"a\\n\\"\\$b\\"\\x01"');
});
