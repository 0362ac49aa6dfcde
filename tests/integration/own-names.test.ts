/**
 * The server knows its own names (src/server/own-names.ts, answer-request.ts): a server in LAN
 * mode (started bound to 127.0.0.1 with `lan: true`, as `--host 0.0.0.0` makes it; no LAN address
 * is ever bound here) refuses a Host that is not one of its names with 421 before the probe or the
 * OAuth sandbox sees it; on any server, an absolute-form target naming another authority is 421,
 * and a forged Host never becomes the origin the sandbox registers redirect URIs for.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { RawConnection } from "./raw-http.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

let lan: LiveServer;
let loopback: LiveServer;

beforeAll(async () => {
  lan = await startLiveServer({ lan: true, allowedHosts: ["workshop.example"] });
  loopback = await startLiveServer();
});
afterAll(async () => {
  await lan.stop();
  await loopback.stop();
});

const register = "/api/oauth/as/register";

/** One request over a fresh connection to 127.0.0.1, with the target and Host exactly as given. */
async function send(port: number, method: string, target: string, host: string, json?: unknown) {
  const connection = await RawConnection.open(port);
  const body = json === undefined ? "" : JSON.stringify(json);
  const fields = [`Host: ${host}`, "Connection: close"];
  if (json !== undefined) fields.push("Content-Type: application/json", `Content-Length: ${Buffer.byteLength(body)}`);
  connection.write(`${method} ${target} HTTP/1.1\r\n${fields.join("\r\n")}\r\n\r\n${body}`);
  const response = await connection.response({ timeoutMs: 5_000 });
  connection.socket.destroy();
  return response;
}

test("LAN mode: a rebound or forged Host gets 421 with a sentence, before the probe and the OAuth sandbox", async () => {
  const probe = { url: "http://127.0.0.1:1/" };
  for (const [method, target, json] of [
    ["POST", "/probe/report", probe],
    ["POST", register, { redirect_uris: ["http://rebind.evil.example/cb"] }],
    ["GET", "/", undefined],
  ] as const) {
    const answer = await send(lan.port, method, target, `rebind.evil.example:${lan.port}`, json);
    expect([answer.status, answer.body], target).toEqual([421, expect.stringContaining("not a name of this server")]);
    expect(answer.body).toContain("ALLOWED_HOSTS");
  }
  // The neighbours: its own address, localhost and a configured name are answered.
  for (const host of [`127.0.0.1:${lan.port}`, `localhost:${lan.port}`, `WorkShop.Example.:${lan.port}`]) {
    expect((await send(lan.port, "GET", "/", host)).status, host).toBe(200);
  }
  // A configured name on another port is another server (RFC 9110 §7.2: the host and the port).
  const otherPort = lan.port === 65535 ? 65534 : lan.port + 1;
  for (const host of [`workshop.example:${otherPort}`, `workshop.example:80`]) {
    const answer = await send(lan.port, "POST", register, host, { redirect_uris: [`http://${host}/cb`] });
    expect([answer.status, answer.body], host).toEqual([421, expect.stringContaining("not a name of this server")]);
  }
  const named = await send(lan.port, "POST", register, `workshop.example:${lan.port}`, {
    redirect_uris: [`http://workshop.example:${lan.port}/cb`],
  });
  expect(named.status).toBe(201);
  // The probe in LAN mode is off unless PROBE=on, whatever address the server is bound to.
  const probeAnswer = await send(lan.port, "POST", "/probe/report", `127.0.0.1:${lan.port}`, probe);
  expect([probeAnswer.status, probeAnswer.body]).toEqual([403, expect.stringContaining("PROBE=on")]);
});

test("on loopback a forged Host is answered but is never the origin: registration refuses its redirect URI", async () => {
  const forged = await send(loopback.port, "POST", register, "evil.example", {
    redirect_uris: ["http://evil.example/cb"],
  });
  expect([forged.status, forged.body]).toEqual([400, expect.stringContaining("invalid_redirect_uri")]);
  expect((await send(loopback.port, "GET", "/", "evil.example")).status).toBe(200);
});

test("an absolute-form target naming another authority gets 421; one naming this server is answered", async () => {
  const elsewhere = await send(loopback.port, "POST", `http://evil.example${register}`, `127.0.0.1:${loopback.port}`, {
    redirect_uris: ["http://evil.example/cb"],
  });
  expect([elsewhere.status, elsewhere.body]).toEqual([421, expect.stringContaining("evil.example")]);
  const rebound = await send(loopback.port, "GET", `http://rebind.evil.example:${loopback.port}/`, "127.0.0.1");
  expect(rebound.status).toBe(421);
  const own = await send(loopback.port, "POST", `http://127.0.0.1:${loopback.port}${register}`, "evil.example", {
    redirect_uris: [`http://127.0.0.1:${loopback.port}/cb`],
  });
  expect(own.status).toBe(201);
});
