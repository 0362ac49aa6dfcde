import { expect, test } from "vitest";
import { mcpEndpointPath, withMcpEndpoint } from "./mcp-endpoint.ts";

const url = `http://127.0.0.1:4321${mcpEndpointPath("/")}`;
const headers = { "Content-Type": "application/json", Accept: "application/json, text/event-stream" };

/** The sandbox's resource handler, reduced to its verdict: X-Sub is the token's subject; none is a 401. */
const resourceHandler = async (request: Request) => {
  const sub = request.headers.get("x-sub");
  if (sub === null)
    return Response.json({ authenticated: false }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  return Response.json({ authenticated: true, sub });
};

function post(body: unknown, sub: string, session?: string): Request {
  const fields: Record<string, string> = { ...headers, "X-Sub": sub };
  if (session !== undefined) fields["Mcp-Session-Id"] = session;
  return new Request(url, { method: "POST", headers: fields, body: JSON.stringify(body) });
}

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};
const ping = { jsonrpc: "2.0", id: 2, method: "ping" };

function endpoint(clock: { now: number }) {
  return withMcpEndpoint(resourceHandler, {
    basePath: "/",
    isOwnHost: () => true,
    maxBodyBytes: 65_536,
    maxSessions: 2,
    sessionIdleMs: 60_000,
    now: () => clock.now,
  });
}

async function open(respond: (request: Request) => Promise<Response | undefined>, sub: string): Promise<string> {
  const response = await respond(post(initialize, sub));
  expect(response?.status).toBe(200);
  return response?.headers.get("mcp-session-id") ?? "";
}

test("sessions are capped: a third closes the least recently used; the others still answer", async () => {
  const clock = { now: 0 };
  const mcp = endpoint(clock);
  const [first, second] = [await open(mcp.respond, "a"), await open(mcp.respond, "a")];
  expect((await mcp.respond(post(ping, "a", first)))?.status).toBe(200);
  const third = await open(mcp.respond, "a");
  expect(mcp.sessionCount()).toBe(2);
  expect((await mcp.respond(post(ping, "a", second)))?.status).toBe(404);
  expect((await mcp.respond(post(ping, "a", first)))?.status).toBe(200);
  expect((await mcp.respond(post(ping, "a", third)))?.status).toBe(200);
  await mcp.close();
  expect(mcp.sessionCount()).toBe(0);
});

test("a session expires after its idle time and belongs to its token's subject", async () => {
  const clock = { now: 0 };
  const mcp = endpoint(clock);
  const session = await open(mcp.respond, "a");
  expect((await mcp.respond(post(ping, "b", session)))?.status).toBe(404);
  clock.now = 59_000;
  expect((await mcp.respond(post(ping, "a", session)))?.status).toBe(200);
  clock.now = 59_000 + 60_001;
  expect((await mcp.respond(post(ping, "a", session)))?.status).toBe(404);
  expect(mcp.sessionCount()).toBe(0);
});

test("the resource handler's refusal is the answer; other paths go to the responder unchanged", async () => {
  const mcp = endpoint({ now: 0 });
  const refused = await mcp.respond(new Request(url, { method: "POST", headers, body: JSON.stringify(initialize) }));
  expect([refused?.status, refused?.headers.get("WWW-Authenticate")]).toEqual([401, "Bearer"]);
  expect(mcp.sessionCount()).toBe(0);
  const elsewhere = await mcp.respond(
    new Request("http://127.0.0.1:4321/api/oauth/resource", { headers: { "X-Sub": "a" } }),
  );
  expect(await elsewhere?.json()).toEqual({ authenticated: true, sub: "a" });
});
