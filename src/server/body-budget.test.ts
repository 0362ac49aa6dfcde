import { expect, test } from "vitest";
import { BodyBudget } from "./body-budget.ts";

test("reservations fit until the budget is spent, and fit again once given back", () => {
  const budget = new BodyBudget(100);
  expect(budget.tryReserve(60)).toBe(true);
  expect(budget.tryReserve(41)).toBe(false);
  expect(budget.tryReserve(40)).toBe(true);
  expect(budget.free).toBe(0);
  budget.release(60);
  expect(budget.tryReserve(41)).toBe(true);
  budget.release(1_000);
  expect(budget.free).toBe(100);
});
