import { expect, test } from "vitest";
import { createOneTimeMemory } from "./one-time-memory.ts";

test("a value is fresh once, then replayed until it expires, then forgotten", () => {
  const memory = createOneTimeMemory();
  expect(memory.use("code-1", 1_060, 1_000)).toBe("fresh");
  expect(memory.use("code-1", 1_060, 1_030)).toBe("replayed");
  expect(memory.use("code-2", 1_060, 1_030)).toBe("fresh");
  expect(memory.size).toBe(2);
  // Past its expiry the value would be refused for its age anyway; the memory lets it go.
  expect(memory.use("code-3", 1_200, 1_061)).toBe("fresh");
  expect(memory.size).toBe(1);
});

test("bounded: past max entries, the one closest to expiry leaves first", () => {
  const memory = createOneTimeMemory(3);
  memory.use("a", 5_000, 0);
  memory.use("b", 2_000, 0);
  memory.use("c", 9_000, 0);
  memory.use("d", 9_000, 0);
  expect(memory.size).toBe(3);
  expect(memory.use("a", 5_000, 1)).toBe("replayed");
  expect(memory.use("c", 9_000, 1)).toBe("replayed");
  expect(memory.use("d", 9_000, 1)).toBe("replayed");
  expect(memory.use("b", 2_000, 1)).toBe("fresh"); // b, closest to expiry, was the one evicted
  expect(memory.size).toBe(3);
});
