/**
 * The request log of `npm start` (src/server/request-log.ts) over real HTTP on loopback: a marker
 * in every place a secret can ride in a request-target never reaches a log line.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { RawConnection } from "./raw-http.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

let live: LiveServer;
const lines: string[] = [];

beforeAll(async () => {
  live = await startLiveServer({ log: (line) => lines.push(line) });
});
afterAll(() => live.stop());

async function send(head: string) {
  const connection = await RawConnection.open(live.port);
  connection.write(head);
  await connection.closedWithin(5_000);
}

test("no secret marker reaches the log: jwt, otp, pwd, dpop, ;access_token=, an unparsable target's query, CONNECT userinfo", async () => {
  const targets = [
    "/api/status/200?jwt=SECRET1&otp=SECRET2&pwd=SECRET3&dpop=SECRET4&page=2",
    "/api/status/200;access_token=SECRET5",
    "http://[bad/x?access=SECRET6",
    "http://user:SECRET7@localhost/x",
  ];
  for (const target of targets) await send(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  await send("CONNECT user:SECRET8@example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n");
  await expect.poll(() => lines.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
  expect(lines.join("\n")).not.toMatch(/SECRET/);
  // The neighbours: an allow-listed value, the path and CONNECT's authority are shown.
  expect(lines.some((line) => line.includes("page=2"))).toBe(true);
  expect(lines.some((line) => line.includes("/api/status/200;[redacted]"))).toBe(true);
  expect(lines).toContain("CONNECT example.test:443 405");
});
