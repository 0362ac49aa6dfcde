import { expect, test } from "vitest";
import { workshopActions, workshopKeys } from "./workshop-actions.ts";

test("every key triggers one action, and every action has a key", () => {
  const all = workshopActions.flatMap((item) => item.eventKeys);
  expect(new Set(all).size).toBe(all.length);
  for (const item of workshopActions) expect(item.eventKeys.length).toBeGreaterThan(0);
  expect(workshopKeys.get("PageDown")).toBe("advance");
  expect(workshopKeys.get("PageUp")).toBe("previous");
  expect(workshopKeys.get("ArrowDown")).toBeUndefined();
});
