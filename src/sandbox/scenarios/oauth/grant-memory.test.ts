import { expect, test } from "vitest";
import { createGrantMemory } from "./grant-memory.ts";

test("rotation: each refresh token works once; showing an older one revokes the family", () => {
  const memory = createGrantMemory();
  memory.start("f", 10_000, 0);
  expect(memory.refresh("f", 1, 10_000, 1)).toBe("rotate");
  expect(memory.refresh("f", 2, 10_000, 2)).toBe("rotate");
  expect(memory.isRevoked("f", 3)).toBe(false);
  expect(memory.refresh("f", 1, 10_000, 3)).toBe("reused");
  expect(memory.isRevoked("f", 4)).toBe(true);
  // The current one is refused too now: the whole family is gone.
  expect(memory.refresh("f", 3, 10_000, 5)).toBe("revoked");
  // The neighbour: another family is untouched.
  memory.start("g", 10_000, 5);
  expect(memory.refresh("g", 1, 10_000, 6)).toBe("rotate");
});

test("a replayed code revokes its family; revocation ends when the family's tokens would expire", () => {
  const memory = createGrantMemory();
  memory.start("f", 1_000, 0);
  memory.revoke("f", 1_000, 10);
  expect(memory.isRevoked("f", 11)).toBe(true);
  expect(memory.refresh("f", 1, 1_000, 12)).toBe("revoked");
  expect(memory.isRevoked("f", 1_000)).toBe(false);
  expect(memory.size).toBe(1);
  memory.start("g", 5_000, 1_001);
  expect(memory.size).toBe(1);
});

test("bounded: past max families the one closest to expiry is forgotten, then trusted again from the token shown", () => {
  const memory = createGrantMemory(2);
  memory.start("a", 5_000, 0);
  memory.start("b", 2_000, 0);
  memory.start("c", 9_000, 0);
  expect(memory.size).toBe(2);
  expect(memory.refresh("b", 4, 2_000, 1)).toBe("rotate"); // forgotten: starts over
  expect(memory.refresh("c", 4, 9_000, 1)).toBe("reused"); // remembered: generation 1 is current
});
