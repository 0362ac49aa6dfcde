import { expect, test } from "vitest";
import { describeChar, isQuotableChar, isTchar, isToken, isToken68, trimWhitespace } from "./grammar.ts";

test("tchar and token (RFC 9110 §5.6.2)", () => {
  for (const c of "!#$%&'*+-.^_`|~09azAZ") expect(isTchar(c.charCodeAt(0)), c).toBe(true);
  for (const c of ' "(),/:;<=>?@[\\]{}\u007f\u00e9') expect(isTchar(c.charCodeAt(0)), c).toBe(false);
  expect(isToken("Basic")).toBe(true);
  expect(isToken("")).toBe(false);
  expect(isToken("a b")).toBe(false);
});

test("token68 (RFC 9110 §11.2)", () => {
  expect(isToken68("abc-._~+/==")).toBe(true);
  expect(isToken68("==")).toBe(false);
  expect(isToken68("a=b")).toBe(false);
});

test("quotable characters: HTAB, SP, VCHAR, obs-text", () => {
  expect([0x09, 0x20, 0x7e, 0x80, 0xff].every(isQuotableChar)).toBe(true);
  expect([0x00, 0x0a, 0x7f, 0x100].some(isQuotableChar)).toBe(false);
});

test("describeChar names invisible characters", () => {
  expect(describeChar("a", 0)).toBe('"a"');
  expect(describeChar("a", 1)).toBe("the end of the field");
  expect(describeChar("\n", 0)).toBe("a line feed");
  expect(describeChar("\u0001", 0)).toBe("the control character U+0001");
  expect(describeChar("€", 0)).toBe('"€" (U+20AC)');
});

test("trimWhitespace removes only SP and HTAB at the ends", () => {
  expect(trimWhitespace(" \t a b \t")).toBe("a b");
  expect(trimWhitespace("\n a")).toBe("\n a");
  expect(trimWhitespace("   ")).toBe("");
});
