import { expect, test } from "vitest";
import { digestNonceKey, digestNonceTime, digestOpaque, issueDigestNonce } from "./digest-server.ts";

test("a nonce carries its issue time and is checked by its HMAC", async () => {
  const key = digestNonceKey("secret", "realm");
  const nonce = await issueDigestNonce(key, 1_700_000_000_123);
  expect(nonce).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(await digestNonceTime(key, nonce)).toBe(1_700_000_000_123);
  expect(await digestNonceTime(digestNonceKey("secret", "other realm"), nonce)).toBeUndefined();
  expect(await digestNonceTime(digestNonceKey("other", "realm"), nonce)).toBeUndefined();
  const flipped = nonce[5] === "A" ? "B" : "A";
  expect(await digestNonceTime(key, nonce.slice(0, 5) + flipped + nonce.slice(6))).toBeUndefined();
  expect(await digestNonceTime(key, "not base64url!")).toBeUndefined();
});

test("two nonces issued in the same millisecond differ", async () => {
  const key = digestNonceKey(new Uint8Array(32).fill(7), "r");
  expect(await issueDigestNonce(key, 5)).not.toBe(await issueDigestNonce(key, 5));
});

test("opaque is stable per secret and realm", async () => {
  expect(await digestOpaque(digestNonceKey("s", "r"))).toBe(await digestOpaque(digestNonceKey("s", "r")));
  expect(await digestOpaque(digestNonceKey("s", "r"))).not.toBe(await digestOpaque(digestNonceKey("s", "q")));
});
