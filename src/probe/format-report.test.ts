import { expect, test } from "vitest";
import type { Exchange } from "../http/index.ts";
import { checkExchange } from "./checks.ts";
import { formatReport } from "./format-report.ts";
import { freshnessOf } from "./freshness.ts";
import type { ProbeReport } from "./probe-types.ts";

test("the terminal report names each finding's check, then the freshness and the sub-requests not sent", () => {
  const exchange: Exchange = {
    request: { method: "GET", url: "http://127.0.0.1:4440/x", headers: [] },
    response: { status: 405, statusText: "", headers: [["Date", "Tue, 08 Dec 2026 00:00:00 GMT"]], body: "" },
  };
  const report: ProbeReport = {
    version: 2,
    url: exchange.request.url,
    steps: [{ label: "GET", exchange, ...checkExchange(exchange) }],
    challenges: [],
    outcome: { kind: "not-protected", message: "The server answered 405." },
    counts: { error: 1, warning: 0, info: 0 },
    freshness: freshnessOf({ status: 200, headers: [["Cache-Control", "max-age=60"]] }),
    unsent: ["OPTIONS (options): Stopped after 12 requests."],
  };
  const text = formatReport(report);
  expect(text).toContain("✗ error   [allow] This 405 has no Allow field");
  expect(text).toContain("RFC 9110 §15.5.6: https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6");
  expect(text).toContain("Freshness: Cache-Control: max-age=60 gives a lifetime of 60 s.");
  expect(text).toContain("Not sent:\n  OPTIONS (options): Stopped after 12 requests.");
  // The neighbour: a report without them has neither section.
  const bare: ProbeReport = { ...report };
  delete bare.freshness;
  delete bare.unsent;
  expect(formatReport(bare)).not.toMatch(/Freshness:|Not sent:/);
});
