import { expect, test } from "vitest";
import { isJsonObject, parseJsonObject } from "./json.ts";

test("isJsonObject takes an object and refuses null, arrays and primitives", () => {
  expect(isJsonObject({ a: 1 })).toBe(true);
  for (const value of [null, [], [1], "x", 1, true, undefined]) expect(isJsonObject(value)).toBe(false);
});

test("parseJsonObject gives the object of a JSON text, undefined for broken JSON or another value", () => {
  expect(parseJsonObject('{"error":"invalid_grant"}')).toEqual({ error: "invalid_grant" });
  for (const text of ["", "{", "[1]", "null", '"text"', "42"]) expect(parseJsonObject(text)).toBeUndefined();
});
