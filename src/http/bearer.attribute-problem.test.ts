import { expect, test } from "vitest";
import { bearerAttributeProblem } from "./bearer.ts";

test("accepts the allowed sets", () => {
  expect(bearerAttributeProblem("error_description", "The access token expired!")).toBeUndefined();
  expect(bearerAttributeProblem("scope", "openid profile email")).toBeUndefined();
  expect(bearerAttributeProblem("error_uri", "https://example.com/errors#token")).toBeUndefined();
  expect(bearerAttributeProblem("realm", 'anything "goes"')).toBeUndefined();
});

test("refuses quotes, backslashes, non-ASCII, spaces in error_uri and stray spaces in scope", () => {
  expect(bearerAttributeProblem("error", "bad\\code")).toContain("character 4");
  expect(bearerAttributeProblem("error_description", "café")).toContain('"é"');
  expect(bearerAttributeProblem("error_uri", "https://x/a b")).toContain("except space");
  expect(bearerAttributeProblem("scope", " a")).toContain("character 1");
  expect(bearerAttributeProblem("scope", "a ")).toContain("character 2");
  expect(bearerAttributeProblem("SCOPE", "")).toContain("empty");
});
