import { expect, test } from "vitest";
import { latestId, liveEntries } from "./live-feed.ts";

const entry = {
  id: 3,
  label: "curl/8.5.0",
  exchange: {
    request: {
      method: "GET",
      url: "http://127.0.0.1:4321/api/oauth/mcp",
      headers: [["Host", "127.0.0.1:4321"]],
      body: "",
    },
    response: {
      status: 401,
      statusText: "Unauthorized",
      headers: [["WWW-Authenticate", 'Bearer scope="read"']],
      body: "{}",
    },
    durationMs: 1.5,
  },
  findings: {
    request: [],
    response: [
      {
        id: "x",
        severity: "info",
        message: "m",
        rfc: { label: "RFC 6750 §3", url: "https://www.rfc-editor.org/rfc/rfc6750#section-3" },
      },
    ],
  },
};

test("a feed's entries become redacted log entries of the sandbox's views, each its own run", () => {
  const [read] = liveEntries({ kept: 100, entries: [entry] }) ?? [];
  expect(read).toMatchObject({ id: 3, run: 3, label: "curl/8.5.0", transport: "node", redacted: true });
  expect(read?.exchange.response.status).toBe(401);
  expect(read?.findings.response[0]?.rfc.label).toBe("RFC 6750 §3");
});

test("anything that is not a feed is refused whole", () => {
  expect(liveEntries(undefined)).toBeUndefined();
  expect(liveEntries({ entries: "no" })).toBeUndefined();
  expect(liveEntries({ entries: [{ ...entry, id: "3" }] })).toBeUndefined();
  const badField = {
    ...entry,
    exchange: { ...entry.exchange, request: { ...entry.exchange.request, headers: [["Host"]] } },
  };
  expect(liveEntries({ entries: [entry, badField] })).toBeUndefined();
  const badFinding = {
    ...entry,
    findings: { request: [{ id: "x", severity: "fatal", message: "m", rfc: {} }], response: [] },
  };
  expect(liveEntries({ entries: [badFinding] })).toBeUndefined();
});

test("the feed's latest id, when it gives one", () => {
  expect(latestId({ latest: 7, entries: [] })).toBe(7);
  expect(latestId({ entries: [] })).toBeUndefined();
});
