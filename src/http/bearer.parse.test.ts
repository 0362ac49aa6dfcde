import { expect, test } from "vitest";
import { parseBearer } from "./bearer.ts";

test("RFC 6750 §2.1 example", () => {
  expect(parseBearer("Bearer mF_9.B5f-4.1JqM")).toEqual({ ok: true, token: "mF_9.B5f-4.1JqM" });
  expect(parseBearer("  bearer   abc==  ")).toEqual({ ok: true, token: "abc==" });
});

test.each([
  ["", "empty"],
  ["Basic abc", '"Basic"'],
  ["Bearer", "no token"],
  ["Bearer   ", "no token"],
  ["Bearer =abc", "starts with"],
  ["Bearer ab=c", "character 4"],
  ["Bearer a b", "a space"],
])("refuses %j with a reason that says %s", (value, words) => {
  const result = parseBearer(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.message).toContain(words);
});
