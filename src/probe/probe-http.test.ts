import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createProbeSend, type Resolve } from "./probe-http.ts";

let server: Server;
let port = 0;
const hosts: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hosts.push(request.headers.host ?? "");
    if (request.url === "/big") {
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.end("x".repeat(1024 * 1024));
    } else if (request.url === "/silent") {
      // Never answers.
    } else response.writeHead(401, { "WWW-Authenticate": 'Basic realm="r"' }).end("no");
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((closed) => server.close(() => closed()));
});

const get = (url: string) => ({ method: "GET", url, headers: [] as Array<[string, string]> });

/** Counts the TCP sockets Node opens while `run` runs (net's "net.client.socket" channel). */
async function socketsOpenedBy(run: () => Promise<unknown>): Promise<number> {
  let opened = 0;
  const count = () => opened++;
  subscribe("net.client.socket", count);
  try {
    await run();
  } finally {
    unsubscribe("net.client.socket", count);
  }
  return opened;
}

test("public-only: a host resolving to a private, link-local, unique-local or metadata address is refused before any socket opens", async () => {
  for (const addresses of [
    ["10.0.0.1"],
    ["169.254.169.254"],
    ["fd00::1"],
    ["fd00:ec2::254"],
    ["127.0.0.1"],
    ["93.184.215.14", "192.168.1.1"],
    ["::ffff:7f00:1"],
    ["::ffff:0:0"],
    ["64:ff9b::a9fe:a9fe"],
    ["2002:7f00:1::1"],
    ["fec0::1"],
  ]) {
    const resolved: string[] = [];
    const resolve: Resolve = async (hostname) => {
      resolved.push(hostname);
      return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    const send = createProbeSend({ targets: "public-only", resolve });
    let result: Awaited<ReturnType<typeof send>> | undefined;
    const opened = await socketsOpenedBy(async () => {
      result = await send(get("http://api.example.test/x"));
    });
    expect(opened, addresses.join()).toBe(0);
    expect(resolved).toEqual(["api.example.test"]);
    expect(result).toMatchObject({
      ok: false,
      refused: true,
      message: expect.stringContaining("Refused before connecting"),
    });
  }
});

test("public-only: an address literal in the URL is refused the same way, without resolving", async () => {
  const send = createProbeSend({
    targets: "public-only",
    resolve: () => Promise.reject(new Error("must not resolve")),
  });
  for (const url of [
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00::1]/",
    `http://127.0.0.1:${port}/`,
    "http://[::ffff:10.0.0.1]/",
    `http://[::ffff:0.0.0.0]:${port}/`,
    `http://[::ffff:0:0]:${port}/`,
    `http://[::127.0.0.1]:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://2130706433:${port}/`,
    `http://127.0.0.1.:${port}/`,
    `http://0:${port}/`,
  ]) {
    let result: Awaited<ReturnType<typeof send>> | undefined;
    expect(await socketsOpenedBy(async () => (result = await send(get(url))))).toBe(0);
    expect(result, url).toMatchObject({ ok: false, refused: true });
  }
});

test('the neighbour: with targets "any" the same loopback server is reached', async () => {
  const send = createProbeSend({ targets: "any" });
  let result: Awaited<ReturnType<typeof send>> | undefined;
  // The socket counter sees this connection: the zero counts above are real.
  expect(await socketsOpenedBy(async () => (result = await send(get(`http://127.0.0.1:${port}/`))))).toBe(1);
  expect(result?.ok && result.exchange.response.status).toBe(401);
});

test("the connection goes to the address that was checked: one resolution, the Host field kept (DNS rebinding)", async () => {
  let calls = 0;
  const send = createProbeSend({
    targets: "any",
    resolve: async () => {
      calls++;
      return [{ address: "127.0.0.1", family: 4 }];
    },
  });
  hosts.length = 0;
  const result = await send(get(`http://rebind.invalid:${port}/`));
  expect(result.ok && result.exchange.response.status).toBe(401);
  expect(calls).toBe(1);
  expect(hosts).toEqual([`rebind.invalid:${port}`]);
});

test("bounded: the body is cut at the cap, a silent server times out, the request count is capped", async () => {
  const send = createProbeSend({ targets: "any", maxBodyBytes: 1000, requestTimeoutMs: 300, maxRequests: 3 });
  const big = await send(get(`http://127.0.0.1:${port}/big`));
  expect(big.ok && [big.exchange.response.body.length, big.truncated]).toEqual([1000, true]);
  const started = Date.now();
  const silent = await send(get(`http://127.0.0.1:${port}/silent`));
  expect(silent).toMatchObject({ ok: false, message: expect.stringContaining("within 0.3 s") });
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(await send(get(`http://127.0.0.1:${port}/`))).toMatchObject({ ok: true });
  expect(await send(get(`http://127.0.0.1:${port}/`))).toMatchObject({
    ok: false,
    message: expect.stringContaining("3 requests"),
  });
});

test("no other schemes, no credentials in the URL, and a total deadline", async () => {
  const send = createProbeSend({ targets: "any", totalTimeoutMs: 0 });
  expect(await send(get("file:///etc/passwd"))).toMatchObject({
    ok: false,
    message: expect.stringContaining("http and https"),
  });
  expect(await send(get("http://u:p@127.0.0.1/"))).toMatchObject({
    ok: false,
    message: expect.stringContaining("--user"),
  });
  expect(await send(get(`http://127.0.0.1:${port}/`))).toMatchObject({
    ok: false,
    message: expect.stringContaining("out of time"),
  });
});
