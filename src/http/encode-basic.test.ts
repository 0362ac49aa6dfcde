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
