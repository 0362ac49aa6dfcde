import { expect, test } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToBase64url } from "./base64.ts";

test("base64 and base64url of the RFC 4648 §10 vectors", () => {
  const bytes = new TextEncoder().encode("foobar");
  expect(bytesToBase64(bytes)).toBe("Zm9vYmFy");
  expect(bytesToBase64(bytes.subarray(0, 4))).toBe("Zm9vYg==");
  expect(bytesToBase64url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
});

test("decodes what it encodes", () => {
  const bytes = new Uint8Array(300).map((_, i) => (i * 7) % 256);
  expect(base64ToBytes(bytesToBase64(bytes))).toEqual({ ok: true, bytes });
  expect(base64ToBytes(bytesToBase64url(bytes), true)).toEqual({ ok: true, bytes });
});

test("refuses wrong alphabet, misplaced padding and bad lengths", () => {
  expect(base64ToBytes("ab_c")).toMatchObject({ ok: false, error: { message: expect.stringContaining('"_"') } });
  expect(base64ToBytes("ab+c", true)).toMatchObject({ ok: false });
  expect(base64ToBytes("QQ=A")).toMatchObject({ ok: false, error: { message: expect.stringContaining("after the") } });
  expect(base64ToBytes("a===")).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("multiple of 4") },
  });
  expect(base64ToBytes("abcde", true)).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("base64url") },
  });
});
