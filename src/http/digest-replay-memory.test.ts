import { expect, test } from "vitest";
import { createDigestReplayMemory } from "./digest-replay-memory.ts";

test("remembers the highest nc per nonce", () => {
  const memory = createDigestReplayMemory();
  expect(memory.record("a", 0, 1, 0, 1000)).toBe("fresh");
  expect(memory.record("a", 0, 1, 0, 1000)).toBe("replayed");
  expect(memory.record("a", 0, 5, 0, 1000)).toBe("fresh");
  expect(memory.record("a", 0, 4, 0, 1000)).toBe("replayed");
  expect(memory.record("b", 0, 1, 0, 1000)).toBe("fresh");
});

test("forgets expired nonces, so it stays small", () => {
  const memory = createDigestReplayMemory();
  memory.record("a", 0, 1, 0, 1000);
  memory.record("b", 500, 1, 500, 1000);
  expect(memory.size).toBe(2);
  memory.record("c", 1200, 1, 1200, 1000);
  expect(memory.size).toBe(2);
  memory.record("d", 3000, 1, 3000, 1000);
  expect(memory.size).toBe(1);
});

test("when full it drops the oldest and treats nonces issued up to it as too old", () => {
  const memory = createDigestReplayMemory({ maxNonces: 2 });
  memory.record("a", 10, 1, 10, 1000);
  memory.record("b", 20, 1, 20, 1000);
  expect(memory.record("c", 30, 1, 30, 1000)).toBe("fresh");
  expect(memory.size).toBe(2);
  expect(memory.record("a", 10, 2, 30, 1000)).toBe("evicted");
  expect(memory.record("old", 5, 1, 30, 1000)).toBe("evicted");
});
