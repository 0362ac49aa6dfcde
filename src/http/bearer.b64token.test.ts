import { expect, test } from "vitest";
import { isB64token } from "./bearer.ts";

test("b64token syntax (RFC 6750 §2.1)", () => {
  expect(isB64token("mF_9.B5f-4.1JqM")).toBe(true);
  expect(isB64token("abc+/~==")).toBe(true);
  expect(isB64token("a=b")).toBe(false);
  expect(isB64token("=")).toBe(false);
  expect(isB64token("")).toBe(false);
  expect(isB64token("a b")).toBe(false);
});
