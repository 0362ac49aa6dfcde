import { expect, test } from "vitest";
import { clockAheadSeconds, maxClockAheadSeconds } from "./oauth-constants.ts";

test("Lab-Clock-Ahead: whole seconds up to an hour; anything else asks for nothing", () => {
  const ahead = (value?: string) =>
    clockAheadSeconds(new Headers(value === undefined ? {} : { "Lab-Clock-Ahead": value }));
  expect(ahead("61")).toBe(61);
  expect(ahead(" 5 ")).toBe(5);
  expect(ahead("99999")).toBe(maxClockAheadSeconds);
  for (const value of [undefined, "", "-5", "1.5", "1e3", "0x10", "123456", "60, 60", "abc"])
    expect(ahead(value)).toBe(0);
});
