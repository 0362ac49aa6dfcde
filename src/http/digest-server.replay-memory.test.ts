import { expect, test } from "vitest";
import { createDigestReplayMemory } from "./digest-server.ts";

test("remembers the highest nc per nonce", () => {
  const memory = createDigestReplayMemory();
  expect(memory.record("a", 0, 1, 0, 1000)).toBe("fresh");
  expect(memory.record("a", 0, 1, 0, 1000)).toBe("replayed");
  expect(memory.record("a", 0, 5, 0, 1000)).toBe("fresh");
  expect(memory.record("a", 0, 4, 0, 1000)).toBe("replayed");
  expect(memory.record("b", 0, 1, 0, 1000)).toBe("fresh");
});

test("forgets expired nonces, so it stays small", () => {
  const memory = createDigestReplayMemory({ bucketMs: 100 });
  memory.record("a", 0, 1, 0, 1000);
  memory.record("b", 500, 1, 500, 1000);
  expect(memory.size).toBe(2);
  memory.record("c", 1200, 1, 1200, 1000);
  expect(memory.size).toBe(2);
  memory.record("d", 3000, 1, 3000, 1000);
  expect(memory.size).toBe(1);
});

test("expired records go before any live one is given up", () => {
  const memory = createDigestReplayMemory({ maxNonces: 2, bucketMs: 100 });
  memory.record("old", 0, 1, 0, 1000);
  memory.record("quiet", 900, 1, 900, 1000);
  // At 1150 "old" has expired: recording a third nonce drops it, not the live "quiet".
  expect(memory.record("new", 1100, 1, 1150, 1000)).toBe("fresh");
  expect(memory.record("quiet", 900, 2, 1150, 1000)).toBe("fresh");
  expect(memory.record("quiet", 900, 2, 1150, 1000)).toBe("replayed");
});

test("when full of live records it gives up the densest second first, and answers evicted for it", () => {
  const memory = createDigestReplayMemory({ maxNonces: 4, bucketMs: 100 });
  memory.record("quiet", 0, 1, 0, 10_000);
  for (const nonce of ["f1", "f2", "f3"]) expect(memory.record(nonce, 150, 1, 150, 10_000)).toBe("fresh");
  // A fifth record overflows: the flood's second (100–199 ms, 4 records with f4) goes, not "quiet".
  expect(memory.record("f4", 160, 1, 160, 10_000)).toBe("evicted");
  expect(memory.size).toBe(1);
  expect(memory.record("quiet", 0, 2, 200, 10_000)).toBe("fresh");
  expect(memory.record("quiet", 0, 2, 200, 10_000)).toBe("replayed");
  // A given-up nonce is never taken as fresh again: a replay of f1's nc=1 is not accepted.
  expect(memory.record("f1", 150, 1, 200, 10_000)).toBe("evicted");
  expect(memory.record("f1", 150, 2, 200, 10_000)).toBe("evicted");
});

test("on equal density the oldest second goes first", () => {
  const memory = createDigestReplayMemory({ maxNonces: 2, bucketMs: 100 });
  memory.record("a", 0, 1, 0, 10_000);
  memory.record("b", 100, 1, 100, 10_000);
  expect(memory.record("c", 200, 1, 200, 10_000)).toBe("fresh");
  expect(memory.record("a", 0, 2, 200, 10_000)).toBe("evicted");
  expect(memory.record("b", 100, 2, 200, 10_000)).toBe("fresh");
});
