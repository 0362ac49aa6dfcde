import { expect, test } from "vitest";
import { pkcePair, sha256Base64url } from "./sha256-base64url.ts";

test("sha256Base64url gives RFC 7636 appendix B's code_challenge for its verifier, and differs for another", async () => {
  expect(await sha256Base64url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
  expect(await sha256Base64url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl")).not.toBe(
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
});

test("pkcePair: a 43-character base64url verifier and its S256 challenge, a new verifier each time", async () => {
  const first = await pkcePair();
  expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(first.challenge).toBe(await sha256Base64url(first.verifier));
  expect((await pkcePair()).verifier).not.toBe(first.verifier);
});
