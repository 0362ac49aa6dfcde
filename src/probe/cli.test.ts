/**
 * `npm run probe`'s main() in-process against a node:http server on 127.0.0.1: what a user typing
 * odd credentials, or probing a server that redirects elsewhere, sees and what the server receives.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { main } from "./cli.ts";

let server: Server;
let port = 0;
/** What reached the server: Host and Authorization of every request. */
const received: Array<{ host: string; authorization: string | undefined; url: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push({
      host: request.headers.host ?? "",
      authorization: request.headers.authorization,
      url: request.url ?? "",
    });
    const host = request.headers.host ?? "";
    // /away redirects from 127.0.0.1:<port> to localhost:<port>: the same server, another origin.
    if (request.url === "/away" && host.startsWith("127.0.0.1")) {
      response.writeHead(302, { Location: `http://localhost:${port}/away` }).end();
      return;
    }
    if (request.url === "/here") {
      response.writeHead(302, { Location: "/away" }).end();
      return;
    }
    if (request.url === "/no-allow" || request.url === "/allow") {
      response.writeHead(405, request.url === "/allow" ? { Allow: "GET" } : {}).end();
      return;
    }
    if (request.headers.authorization !== undefined) response.writeHead(200).end("ok");
    else response.writeHead(401, { "WWW-Authenticate": 'Basic realm="r"' }).end();
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

async function run(args: string[]) {
  let printed = "";
  let sockets = 0;
  const count = () => sockets++;
  subscribe("net.client.socket", count);
  try {
    const code = await main(args, (text) => (printed += text));
    return { code, printed, sockets };
  } finally {
    unsubscribe("net.client.socket", count);
  }
}

test("a token with CR/LF or a character past U+00FF: a sentence naming it, exit 2, and no request at all", async () => {
  for (const [token, named] of [
    ["abc\r\nX-Injected: 1", "a carriage return (U+000D) at position 4"],
    ["abc\ndef", "a line feed (U+000A)"],
    ["tok€n", "“€” (U+20AC) at position 4"],
  ]) {
    const result = await run([`http://127.0.0.1:${port}/x`, "--token", token!]);
    expect(result, JSON.stringify(token)).toMatchObject({ code: 2, sockets: 0 });
    expect(result.printed).toContain(`The token holds ${named}`);
  }
  const user = await run([`http://127.0.0.1:${port}/x`, "--user", "a\rb", "--password", "p"]);
  expect(user).toMatchObject({
    code: 2,
    sockets: 0,
    printed: expect.stringContaining("The user holds a carriage return"),
  });
  // The neighbour: Latin-1 in a token and any letter in a password are sent.
  const fine = await run([`http://127.0.0.1:${port}/x`, "--user", "zoë", "--password", "пароль€"]);
  expect(fine.code).toBe(0);
  expect(fine.printed).toContain("accepted");
});

test("a redirect to another origin is reported and not followed, so the credentials stay with the origin named", async () => {
  received.length = 0;
  const away = await run([`http://127.0.0.1:${port}/away`, "--user", "u", "--password", "secret"]);
  expect(away.code).toBe(2);
  expect(away.printed).toContain(`The redirect leaves http://127.0.0.1:${port} for http://localhost:${port}`);
  expect(received.map((r) => r.host)).toEqual([`127.0.0.1:${port}`]);
  expect(received.some((r) => r.authorization !== undefined)).toBe(false);
  // The neighbour: a redirect within the origin is followed, and the credentials go there.
  received.length = 0;
  const here = await run([`http://localhost:${port}/here`, "--user", "u", "--password", "secret"]);
  expect(here.printed).toContain("accepted");
  expect(received.map((r) => [r.url, r.authorization !== undefined])).toEqual([
    ["/here", false],
    ["/away", false],
    ["/away", true],
  ]);
});

test("--junit writes the XML and --json the versioned report; exit 1 on an error finding, 0 on its neighbour, 2 when the file cannot be written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "probe-junit-"));
  try {
    const file = join(dir, "out.xml");
    const broken = await run([`http://127.0.0.1:${port}/no-allow`, "--junit", file, "--json"]);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.printed)).toMatchObject({ version: 2, counts: { error: 1 } });
    expect(readFileSync(file, "utf8")).toMatch(/<failure type="allow-missing" message="This 405 has no Allow field/);
    const fine = await run([`http://127.0.0.1:${port}/allow`, "--junit", file]);
    expect(fine.code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("<failure");
    const unwritable = await run([`http://127.0.0.1:${port}/allow`, "--junit", join(dir, "no", "such", "dir.xml")]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.printed).toContain("The JUnit report could not be written");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
