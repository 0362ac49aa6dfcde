import { exportJWK, jwtVerify, SignJWT } from "jose";
import { expect, test } from "vitest";
import { deriveOAuthSigningKey } from "./oauth-signing-key.ts";

const secret = "5f0c6a1e9b2d47c38e1f0a9d6b3c2e4f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";

test("two servers with one secret derive one key: a token signed by one verifies with the other's", async () => {
  const [one, other] = await Promise.all([deriveOAuthSigningKey(secret), deriveOAuthSigningKey(secret)]);
  expect(await exportJWK(one.publicKey)).toEqual(await exportJWK(other.publicKey));
  const token = await new SignJWT({ sub: "user" }).setProtectedHeader({ alg: "ES256" }).sign(one.privateKey);
  expect((await jwtVerify(token, other.publicKey)).payload["sub"]).toBe("user");
});

test("another secret is another key: its tokens do not verify", async () => {
  const mine = await deriveOAuthSigningKey(secret);
  const theirs = await deriveOAuthSigningKey(`${secret.slice(1)}0`);
  expect(await exportJWK(theirs.publicKey)).not.toEqual(await exportJWK(mine.publicKey));
  const token = await new SignJWT({ sub: "user" }).setProtectedHeader({ alg: "ES256" }).sign(theirs.privateKey);
  await expect(jwtVerify(token, mine.publicKey)).rejects.toThrow();
});

test("the private key never leaves: only the public half can be exported", async () => {
  const { privateKey, publicKey } = await deriveOAuthSigningKey(secret);
  expect(privateKey.extractable).toBe(false);
  expect(Object.keys(await exportJWK(publicKey)).sort()).toEqual(["crv", "kty", "x", "y"]);
});
