import { expect, test } from "vitest";
import { isProbeReport } from "./probe-types.ts";

const report = {
  url: "http://127.0.0.1:4421/",
  steps: [],
  challenges: [],
  outcome: { kind: "not-protected", message: "The URL answered 200 without credentials." },
  counts: { error: 0, warning: 1, info: 2 },
};

test("a probe report is recognised; an error answer or a report missing a part is not", () => {
  expect(isProbeReport(report)).toBe(true);
  expect(isProbeReport({ error: "Give a URL." })).toBe(false);
  expect(isProbeReport({ ...report, steps: "none" })).toBe(false);
  expect(isProbeReport({ ...report, outcome: { kind: "failed" } })).toBe(false);
  expect(isProbeReport({ ...report, counts: { error: 0, warning: "1", info: 2 } })).toBe(false);
  expect(isProbeReport(null)).toBe(false);
});
