import { expect, test } from "vitest";
import { digestAlgorithm } from "./digest.ts";

test("names are case-insensitive and canonicalised; empty is MD5", () => {
  expect(digestAlgorithm("sha-512-256-SESS")?.name).toBe("SHA-512-256-sess");
  expect(digestAlgorithm("")?.name).toBe("MD5");
  expect(digestAlgorithm("SHA-1")).toBeUndefined();
  expect(digestAlgorithm("-sess")).toBeUndefined();
});

test("SHA-512-256 is SHA-512/256 (FIPS 180-4), not truncated SHA-512", () => {
  // FIPS 180-4 example: SHA-512/256("abc")
  expect(digestAlgorithm("SHA-512-256")?.hash("abc")).toBe(
    "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
  );
  expect(digestAlgorithm("MD5")?.hash("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
});
