import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";
import type { Exchange } from "../http/index.ts";
import { checkExchange } from "./checks.ts";
import { toJunit, xmlText } from "./junit.ts";
import type { ProbeReport, ProbeStep } from "./probe-types.ts";

const step = (status: number, headers: Array<[string, string]>): ProbeStep => {
  const exchange: Exchange = {
    request: { method: "GET", url: "http://127.0.0.1:4440/a?b=1&c=<2>", headers: [] },
    response: { status, statusText: "", headers, body: "" },
  };
  return { label: "GET", exchange, ...checkExchange(exchange) };
};

const report = (steps: ProbeStep[], outcome: ProbeReport["outcome"]): ProbeReport => ({
  version: 2,
  url: "http://127.0.0.1:4440/a?b=1&c=<2>",
  steps,
  challenges: [],
  outcome,
  counts: { error: 0, warning: 0, info: 0 },
});

/** Reads the XML with Python's expat-based parser, as a CI system's reader would: suites, cases, failures. */
function readAsCi(xml: string): { tests: string; failures: string; cases: Array<[string, string, string]> } {
  const script = `
import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
suite = root.find("testsuite")
cases = [[c.get("name"), (c.find("failure").get("message") if c.find("failure") is not None else ""), c.get("classname")] for c in suite.iter("testcase")]
print(json.dumps({"tests": suite.get("tests"), "failures": suite.get("failures"), "cases": cases}))`;
  const run = spawnSync("/usr/bin/python3", ["-c", script], { input: xml, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { tests: string; failures: string; cases: Array<[string, string, string]> };
}

test("one testcase per check that ran, a failure for each error; warnings are not failures", () => {
  const broken = step(405, [["Date", "yesterday"]]);
  const clean = step(301, [
    ["Location", "/b"],
    ["Date", "Tue, 08 Dec 2026 00:00:00 GMT"],
  ]);
  const read = readAsCi(toJunit(report([broken, clean], { kind: "not-protected", message: "answered 405" })));
  expect(read.cases.map(([name, failure]) => `${name.split(":")[0]!} ${failure === "" ? "passed" : "failed"}`)).toEqual(
    ["allow failed", "date failed", "content-type passed", "location passed", "date passed", "content-type passed"],
  );
  expect([read.tests, read.failures]).toEqual(["6", "2"]);
  expect(read.cases[0]?.[2]).toBe("1. GET http://127.0.0.1:4440/a?b=1&c=<2> → 405");
});

test("a hostile header's markup and control characters are escaped: the file parses and says what the server sent", () => {
  const hostile = 'x</failure><injected a="1"/>&\u0001\u001b"\'';
  const read = readAsCi(
    toJunit(report([step(200, [["Content-Type", hostile]])], { kind: "not-protected", message: "ok" })),
  );
  const failure = read.cases.find(([name]) => name.startsWith("content-type"))?.[1] ?? "";
  expect(failure).toContain('x</failure><injected a="1"/>&\ufffd\ufffd"\'');
  expect(read.cases.some(([name]) => name.includes("injected"))).toBe(false);
  expect(xmlText("a<b & \ud800 \ud83d\ude00")).toBe("a&lt;b &amp; \ufffd \ud83d\ude00");
});

test("no answer is an <error>; refused credentials a failure; a clean report has none", () => {
  const failed = toJunit(report([], { kind: "failed", message: "No complete answer" }));
  expect(failed).toMatch(/<error type="no-answer" message="No complete answer"\/>/);
  expect(readAsCi(toJunit(report([], { kind: "refused", message: "401 again" }))).failures).toBe("1");
  expect(readAsCi(toJunit(report([], { kind: "accepted", message: "200" })))).toEqual({
    tests: "0",
    failures: "0",
    cases: [],
  });
});
