import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { createProbeSend } from "./probe-http.ts";
import { runProbe } from "./run-probe.ts";

/** A small origin on loopback: a static resource done right, or with each sub-request answered wrong. */
function origin(wrong: boolean) {
  const body = "hello";
  return createServer((request, response): void => {
    const headers: Record<string, string> = {
      Date: new Date().toUTCString(),
      ETag: '"v1"',
      "Last-Modified": "Mon, 07 Dec 2026 00:00:00 GMT",
      "Cache-Control": "max-age=60",
      "Content-Type": "text/plain",
    };
    if (request.method === "OPTIONS") {
      response.writeHead(204, wrong ? {} : { Allow: "GET, HEAD, OPTIONS" }).end();
      return;
    }
    const conditional =
      request.headers["if-none-match"] === '"v1"' || request.headers["if-modified-since"] !== undefined;
    if (conditional && !wrong) {
      response.writeHead(304, headers).end();
      return;
    }
    if (request.headers.range === "bytes=0-0" && !wrong) {
      response.writeHead(206, { ...headers, "Content-Range": "bytes 0-0/5", "Content-Length": "1" }).end("h");
      return;
    }
    const length = request.method === "HEAD" && wrong ? "6" : "5";
    response.writeHead(200, { ...headers, "Content-Length": length });
    response.end(request.method === "HEAD" ? undefined : body);
  });
}

async function probeOf(wrong: boolean, maxRequests?: number) {
  const server = origin(wrong);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  try {
    const send = createProbeSend({
      targets: "any",
      requestTimeoutMs: 3_000,
      ...(maxRequests === undefined ? {} : { maxRequests }),
    });
    return await runProbe({ url: `http://127.0.0.1:${port}/file.txt`, send });
  } finally {
    await new Promise<void>((closed) => server.close(() => closed()));
  }
}

test("a 200 gets HEAD, If-None-Match, If-Modified-Since, Range and OPTIONS, each a step with its raw exchange and no finding when right", async () => {
  const report = await probeOf(false);
  expect(
    report.steps.map(
      (step) => `${step.exchange.request.method} ${step.active ?? "first"} ${step.exchange.response.status}`,
    ),
  ).toEqual([
    "GET first 200",
    "HEAD head 200",
    "GET if-none-match 304",
    "GET if-modified-since 304",
    "GET range 206",
    "OPTIONS options 204",
  ]);
  expect(report.steps[2]?.exchange.request.headers).toContainEqual(["If-None-Match", '"v1"']);
  expect(report.steps.flatMap((step) => step.findings.map((f) => f.id))).toEqual([]);
  expect(report.freshness).toMatchObject({ lifetimeSeconds: 60, source: "max-age" });
  expect(report.counts).toEqual({ error: 0, warning: 0, info: 0 });
});

test("the same origin answering each sub-request wrong: every wrong answer is a finding on its step", async () => {
  const report = await probeOf(true);
  const found = report.steps.map((step) => `${step.active ?? "first"}: ${step.findings.map((f) => f.id).join(" ")}`);
  expect(found).toEqual([
    "first: ",
    "head: head-content-length-differs",
    "if-none-match: if-none-match-not-304",
    "if-modified-since: if-modified-since-not-304",
    "range: range-ignored",
    "options: options-without-allow",
  ]);
  expect(report.counts).toEqual({ error: 2, warning: 1, info: 2 });
});

test("sub-requests count against the probe's request bound like every request: past it, the report says which were not sent", async () => {
  const report = await probeOf(false, 3);
  expect(report.steps).toHaveLength(3);
  expect(report.unsent).toEqual(["GET (if-modified-since): Stopped after 3 requests."]);
});
