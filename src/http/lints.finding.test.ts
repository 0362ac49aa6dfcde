import { expect, test } from "vitest";
import { combinedField } from "./lints.ts";

test("combines field lines of one name, in order, case-insensitively (RFC 9110 §5.3)", () => {
  const headers: Array<[string, string]> = [
    ["A", "1"],
    ["b", "x"],
    ["a", "2"],
  ];
  expect(combinedField(headers, "a")).toEqual({ value: "1, 2", lines: 2 });
  expect(combinedField(headers, "C")).toBeUndefined();
});
