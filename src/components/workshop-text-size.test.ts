import { expect, test } from "vitest";
import { parseTextSize, stepTextSize } from "./workshop-text-size.ts";

test("steps up and down the list and stops at its ends", () => {
  expect(stepTextSize(1, 1)).toBe(1.1);
  expect(stepTextSize(1, -1)).toBe(0.9);
  expect(stepTextSize(2, 1)).toBe(2);
  expect(stepTextSize(0.8, -1)).toBe(0.8);
});

test("only a size from the list is restored", () => {
  expect(parseTextSize("1.25")).toBe(1.25);
  expect(parseTextSize(null)).toBe(1);
  expect(parseTextSize("7")).toBe(1);
  expect(parseTextSize("calc(100%)")).toBe(1);
});
