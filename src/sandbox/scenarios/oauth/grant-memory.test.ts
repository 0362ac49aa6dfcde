import { expect, test } from "vitest";
import { createGrantMemory } from "./grant-memory.ts";
import { createOneTimeMemory } from "./one-time-memory.ts";

const memory = (max = 10_000) =>
  createGrantMemory({ refreshTokens: createOneTimeMemory(max), revokedGrants: createOneTimeMemory(max) });

test("rotation: each refresh token works once; showing an older one revokes the family", async () => {
  const grants = memory();
  expect(await grants.refresh("f", 1, 10_000, 1)).toBe("rotate");
  expect(await grants.refresh("f", 2, 10_000, 2)).toBe("rotate");
  expect(await grants.isRevoked("f", 10_000, 3)).toBe(false);
  expect(await grants.refresh("f", 1, 10_000, 3)).toBe("reused");
  expect(await grants.isRevoked("f", 10_000, 4)).toBe(true);
  // The current one is refused too now: the whole family is gone.
  expect(await grants.refresh("f", 3, 10_000, 5)).toBe("revoked");
  // The neighbour: another family is untouched.
  expect(await grants.refresh("g", 1, 10_000, 6)).toBe("rotate");
  expect(await grants.isRevoked("g", 10_000, 6)).toBe(false);
});

test("a replayed code revokes its family; revocation ends when the family's tokens would expire", async () => {
  const grants = memory();
  await grants.revoke("f", 1_000, 10);
  expect(await grants.isRevoked("f", 1_000, 11)).toBe(true);
  expect(await grants.refresh("f", 1, 1_000, 12)).toBe("revoked");
  expect(await grants.isRevoked("f", 1_000, 1_000)).toBe(false);
});

test("bounded: past max records the one closest to expiry is forgotten, and its reuse goes unseen", async () => {
  const grants = memory(2);
  expect(await grants.refresh("a", 1, 5_000, 0)).toBe("rotate");
  expect(await grants.refresh("b", 1, 2_000, 0)).toBe("rotate");
  expect(await grants.refresh("c", 1, 9_000, 0)).toBe("rotate");
  expect(await grants.refresh("b", 1, 2_000, 1)).toBe("rotate"); // forgotten: not detected
  expect(await grants.refresh("c", 1, 9_000, 1)).toBe("reused"); // remembered: detected
});
