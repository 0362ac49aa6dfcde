import { expect, test } from "vitest";
import { bearerErrorStatus } from "./bearer.ts";

test("RFC 6750 §3.1 mapping", () => {
  expect(bearerErrorStatus("invalid_request")).toBe(400);
  expect(bearerErrorStatus("invalid_token")).toBe(401);
  expect(bearerErrorStatus("insufficient_scope")).toBe(403);
  expect(bearerErrorStatus("insufficient_user_authentication")).toBe(401); // RFC 9470 §3
  expect(bearerErrorStatus("insufficient_user_authentication ")).toBeUndefined();
  expect(bearerErrorStatus("Invalid_Token")).toBeUndefined();
  expect(bearerErrorStatus("other")).toBeUndefined();
});
