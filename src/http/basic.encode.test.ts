import { expect, test } from "vitest";
import { encodeBasic } from "./basic.ts";

test("RFC 7617 §2 example: Aladdin / open sesame", () => {
  expect(encodeBasic("Aladdin", "open sesame")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
});

test("RFC 7617 §2.1 example: test / 123£ in UTF-8", () => {
  expect(encodeBasic("test", "123\u00a3")).toBe("Basic dGVzdDoxMjPCow==");
});

test("a colon in the password is fine, in the user-id it is refused (RFC 7617 §2)", () => {
  expect(encodeBasic("u", "a:b")).toBe(`Basic ${btoa("u:a:b")}`);
  expect(() => encodeBasic("a:b", "p")).toThrow(/colon.*RFC 7617 §2/);
});

test("control characters are refused", () => {
  expect(() => encodeBasic("u", "line\nbreak")).toThrow("line feed");
});

test("a 10 kB password encodes", () => {
  const password = "é".repeat(10_000);
  expect(encodeBasic("u", password)).toBe(
    `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`u:${password}`)))}`,
  );
});

test('RFC 7617 §2.1: with charset="UTF-8" a decomposed "josé" is normalized to NFC and encodes as the composed one', () => {
  const composed = "jos\u00e9";
  const decomposed = "jose\u0301";
  expect(composed).not.toBe(decomposed);
  const expected = `Basic ${btoa("jos\u00c3\u00a9:p\u00c3\u00a9")}`; // UTF-8 of "josé:pé", composed
  expect(encodeBasic(composed, "p\u00e9", { charset: "UTF-8" })).toBe(expected);
  expect(encodeBasic(decomposed, "pe\u0301", { charset: "UTF-8" })).toBe(expected);
  expect(encodeBasic(decomposed, "pe\u0301", { charset: "utf-8" })).toBe(expected);
});

test("without charset the encoding is undefined by RFC 7617 §2.1: the text is sent as typed, not normalized", () => {
  const decomposed = encodeBasic("jose\u0301", "p");
  expect(decomposed).not.toBe(encodeBasic("jos\u00e9", "p"));
  expect(decomposed).toBe(`Basic ${btoa("jose\u00cc\u0081:p")}`); // U+0301 in UTF-8 is CC 81
});
