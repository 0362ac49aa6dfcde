import { expect, test } from "vitest";
import { bearerChallenge } from "./bearer.ts";
import { formatChallenge } from "./auth-field.ts";

test("RFC 6750 §3 examples", () => {
  expect(formatChallenge(bearerChallenge({ realm: "example" }))).toBe('Bearer realm="example"');
  expect(
    formatChallenge(
      bearerChallenge({ realm: "example", error: "invalid_token", errorDescription: "The access token expired" }),
    ),
  ).toBe('Bearer realm="example", error="invalid_token", error_description="The access token expired"');
});

test("all attributes, in the RFC's order", () => {
  const challenge = bearerChallenge({
    errorUri: "https://e.example/e",
    errorDescription: "d",
    error: "insufficient_scope",
    scope: "read write",
    realm: "r",
  });
  expect(Object.keys(challenge.params)).toEqual(["realm", "scope", "error", "error_description", "error_uri"]);
  expect(bearerChallenge()).toEqual({ scheme: "Bearer", params: {} });
});

test("refuses characters RFC 6750 §3 forbids", () => {
  expect(() => bearerChallenge({ errorDescription: 'say "no"' })).toThrow("RFC 6750 §3");
  expect(() => bearerChallenge({ scope: "a  b" })).toThrow("one space");
});
