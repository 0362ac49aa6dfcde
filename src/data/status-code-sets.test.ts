import { expect, test } from "vitest";
import { noContentStatuses, redirectStatuses, retryableStatuses } from "./status-code-sets.ts";

test("the code sets: redirects with a Location, responses without content, retryable server errors", () => {
  expect([...redirectStatuses]).toEqual([301, 302, 303, 307, 308]);
  expect(redirectStatuses.has(304)).toBe(false);
  expect([...noContentStatuses].sort()).toEqual([204, 205, 304]);
  expect(noContentStatuses.has(200)).toBe(false);
  expect([...retryableStatuses]).toEqual([502, 503, 504]);
  expect(retryableStatuses.has(500)).toBe(false);
});
