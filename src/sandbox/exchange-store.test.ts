import { expect, test } from "vitest";
import {
  appendEntry,
  clearLog,
  createStore,
  emptyLog,
  logEntry,
  maxLogEntries,
  recordOutcome,
  selectedEntry,
  selectEntry,
  startRun,
} from "./exchange-store.ts";
import type { Exchange } from "../http/index.ts";

const exchange = (status: number, headers: Array<[string, string]> = []): Exchange => ({
  request: { method: "GET", url: "http://x.test/api/status/401", headers: [] },
  response: { status, statusText: "", headers, body: "" },
});

test("a store calls its subscribers on every change until they unsubscribe", () => {
  const store = createStore(1);
  const seen: number[] = [];
  const stop = store.subscribe((value) => seen.push(value));
  store.set(2);
  stop();
  store.set(3);
  expect(seen).toEqual([2]);
  expect(store.get()).toBe(3);
});

test("an entry carries the lints of src/http: a 401 without a challenge is an error citing RFC 9110 §15.5.2", () => {
  const entry = logEntry(emptyLog(), 1, exchange(401), "Sent", "service-worker");
  expect(entry.findings.response.map((finding) => finding.rfc.label)).toContain("RFC 9110 §15.5.2");
  expect(entry.id).toBe(1);
});

test("appending selects the newest; selecting an older entry changes what copy-as shows", () => {
  let log = emptyLog();
  log = appendEntry(
    log,
    logEntry(log, 1, exchange(401, [["WWW-Authenticate", 'Basic realm="x"']]), "first", "in-page"),
  );
  log = appendEntry(log, logEntry(log, 1, exchange(200), "second", "in-page"));
  expect(selectedEntry(log)?.label).toBe("second");
  log = selectEntry(log, 1);
  expect(selectedEntry(log)?.label).toBe("first");
  expect(selectEntry(log, 99)).toBe(log);
});

test("runs number the presses of a button; outcomes are kept per run; clearing keeps the counters", () => {
  const started = startRun(emptyLog());
  const { run } = started;
  let { log } = started;
  expect(run).toBe(1);
  log = recordOutcome(log, { run, kind: "authenticated", message: "ok" });
  log = recordOutcome(log, { run, kind: "refused", message: "no" });
  expect(log.outcomes).toEqual([{ run: 1, kind: "refused", message: "no" }]);
  log = appendEntry(log, logEntry(log, run, exchange(200), "x", "in-page"));
  const cleared = clearLog(log);
  expect(cleared.entries).toEqual([]);
  expect(cleared.nextId).toBe(2);
  expect(cleared.nextRun).toBe(2);
});

test("the log keeps the newest entries only", () => {
  let log = emptyLog();
  for (let i = 0; i < maxLogEntries + 5; i++)
    log = appendEntry(log, logEntry(log, i, exchange(200), String(i), "in-page"));
  expect(log.entries).toHaveLength(maxLogEntries);
  expect(log.entries[0]?.label).toBe("5");
});
