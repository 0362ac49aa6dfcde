import { expect, test } from "vitest";
import { parseWorkshopMessage } from "./workshop-channel.ts";

test("well-formed messages pass, field by field", () => {
  expect(parseWorkshopMessage({ type: "step", index: 2 })).toEqual({ type: "step", index: 2 });
  expect(parseWorkshopMessage({ type: "ran", index: 0, status: 401, expected: 401, extra: "<b>" })).toEqual({
    type: "ran",
    index: 0,
    status: 401,
    expected: 401,
  });
  expect(parseWorkshopMessage({ type: "hello" })).toEqual({ type: "hello" });
});

test("anything malformed is dropped", () => {
  for (const data of [
    null,
    "step",
    { type: "step" },
    { type: "step", index: -1 },
    { type: "step", index: 1.5 },
    { type: "step", index: "2" },
    { type: "ran", index: 0, status: 99, expected: 401 },
    { type: "ran", index: 0, status: 401 },
    { type: "navigate", url: "https://example.org/" },
  ])
    expect(parseWorkshopMessage(data)).toBeUndefined();
});
