/**
 * The probe page's endpoint on `npm start` (src/server/answer-probe.ts), over real HTTP on
 * loopback: it probes a loopback server for a loopback client, and refuses what a hostile page or
 * a DNS-rebound name could send it.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ProbeReport } from "../../src/probe/probe-types.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

let live: LiveServer;
let target: Server;
let targetUrl = "";

beforeAll(async () => {
  live = await startLiveServer();
  target = createServer((_request, response) => response.writeHead(401).end());
  await new Promise<void>((listening) => target.listen(0, "127.0.0.1", listening));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/private`;
});
afterAll(async () => {
  await live.stop();
  await new Promise<void>((closed) => target.close(() => closed()));
});

/** A raw request, so that Host and Origin are exactly what the test says. */
function post(body: string, headers: Record<string, string> = {}, method = "POST") {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((done, failed) => {
    const request = httpRequest(
      `${live.origin}/probe/report`,
      { method, agent: false, headers: { "Content-Type": "application/json", ...headers } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => done({ status: response.statusCode ?? 0, body: text, headers: response.headers }));
      },
    );
    request.on("error", failed);
    request.end(body);
  });
}

test("a loopback client gets the report of a loopback server: the 401 without a challenge is the error", async () => {
  const answer = await post(JSON.stringify({ url: targetUrl }), { Origin: live.origin });
  expect(answer.status).toBe(200);
  expect(answer.headers["cache-control"]).toBe("no-store");
  const report = JSON.parse(answer.body) as ProbeReport;
  expect(report.steps[0]?.findings.map((f) => f.id)).toEqual(["status-401-without-www-authenticate"]);
  expect(report.counts.error).toBe(1);
});

test("refused: another method, another media type, another Origin, a rebound Host name, bad JSON, no URL", async () => {
  const body = JSON.stringify({ url: targetUrl });
  expect((await post(body, {}, "GET")).status).toBe(405);
  expect((await post(body, { "Content-Type": "text/plain" })).status).toBe(415);
  expect((await post(body, { Origin: "https://evil.example" })).status).toBe(403);
  const rebound = await post(body, { Host: `rebind.evil.example:${live.port}` });
  expect([rebound.status, JSON.parse(rebound.body)]).toEqual([403, { error: expect.stringContaining("localhost") }]);
  expect((await post("{")).status).toBe(400);
  expect((await post(JSON.stringify({ url: 5 }))).status).toBe(400);
  expect((await post("x".repeat(20_000))).status).toBe(413);
});

test("credentials that cannot be sent get a 400 naming the character, never a 5xx; a redirect elsewhere is reported", async () => {
  for (const [fields, named] of [
    [{ token: "a\r\nSet-Cookie: x=1" }, "The token holds a carriage return (U+000D) at position 2"],
    [{ token: "\u2603" }, "The token holds “☃” (U+2603)"],
    [{ user: "u\n", password: "p" }, "The user holds a line feed (U+000A)"],
    [{ user: "u", password: "p\u0000" }, "The password holds a NUL character (U+0000)"],
  ] as const) {
    const answer = await post(JSON.stringify({ url: targetUrl, ...fields }), { Origin: live.origin });
    expect([answer.status, JSON.parse(answer.body)], JSON.stringify(fields)).toEqual([
      400,
      { error: expect.stringContaining(named) },
    ]);
  }
  // The neighbour: a Latin-1 token is sent, and the target's 401 is the report.
  const latin = await post(JSON.stringify({ url: targetUrl, token: "café" }), { Origin: live.origin });
  expect(latin.status).toBe(200);
});

test("PROBE=off turns the endpoint off", async () => {
  process.env["PROBE"] = "off";
  try {
    const answer = await post(JSON.stringify({ url: targetUrl }));
    expect([answer.status, JSON.parse(answer.body)]).toEqual([403, { error: expect.stringContaining("PROBE=off") }]);
  } finally {
    delete process.env["PROBE"];
  }
});
