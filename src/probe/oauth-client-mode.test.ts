/**
 * The probe's OAuth client mode in-process against a node:http MCP server on 127.0.0.1 with its
 * authorization server on the same port: the whole flow over real HTTP, what the report shows
 * (secrets hidden), the exit status, and what the server received (the POST bodies).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { oauthClientMain } from "./oauth-client-mode.ts";

let server: Server;
let base = "";
let s256 = true;
const bodies: string[] = [];

function answer(path: string, method: string, authorization: string | undefined, body: string) {
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(value),
  });
  if (path === "/mcp" && authorization !== "Bearer issued-token")
    return json(401, {}, { "WWW-Authenticate": `Bearer resource_metadata="${base}/prm"` });
  if (path === "/mcp") {
    const message: unknown = JSON.parse(body);
    const id = typeof message === "object" && message !== null && "id" in message ? message.id : undefined;
    if (id === undefined) return { status: 202, headers: {}, body: "" };
    const result = id === 1 ? { protocolVersion: "2025-11-25" } : { tools: [{ name: "echo" }] };
    return {
      status: 200,
      headers: { "Content-Type": "text/event-stream", "Mcp-Session-Id": "session-1" },
      body: `event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id, result })}\n\n`,
    };
  }
  if (path === "/prm") return json(200, { resource: `${base}/mcp`, authorization_servers: [base] });
  if (path === "/.well-known/oauth-authorization-server")
    return json(200, {
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      registration_endpoint: `${base}/register`,
      response_types_supported: ["code"],
      code_challenge_methods_supported: s256 ? ["S256"] : ["plain"],
    });
  if (path === "/register" && method === "POST") return json(201, { client_id: "c1", client_secret: "secret-of-c1" });
  if (path.startsWith("/authorize")) {
    const query = new URL(path, base).searchParams;
    const back = `${query.get("redirect_uri") ?? ""}?code=one-code&state=${query.get("state") ?? ""}`;
    return { status: 302, headers: { Location: back }, body: "" };
  }
  if (path === "/token") return json(200, { access_token: "issued-token", token_type: "Bearer" });
  return json(404, {});
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      bodies.push(`${request.method ?? ""} ${request.url ?? ""} ${body}`);
      const reply = answer(request.url ?? "", request.method ?? "", request.headers.authorization, body);
      response.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

test("the whole flow as an MCP client over HTTP: exit 0, every exchange listed, the secret and token hidden", async () => {
  let printed = "";
  const status = await oauthClientMain(["--oauth-client", `${base}/mcp`], (text) => (printed += text));
  expect(printed).toMatch(/Outcome: From the 401 to 200 OK: the client discovered, registered/);
  expect(status).toBe(0);
  expect(printed).toContain("Mcp-Session-Id: session-1");
  expect(printed).not.toContain("secret-of-c1");
  expect(printed).not.toContain("Bearer issued-token");
  // The POST bodies reached the server: the token request with PKCE, the resource and client_secret_basic's absence of a secret in the body.
  const token = new URLSearchParams(bodies.find((line) => line.startsWith("POST /token"))?.slice(12));
  expect(token.get("code_verifier")).toMatch(/^[\w-]{43}$/);
  expect(token.get("resource")).toBe(`${base}/mcp`);
  expect(token.has("client_secret")).toBe(false);
  expect(bodies.some((line) => line.includes('"method":"tools/list"'))).toBe(true);
});

test("an authorization server without S256: exit 1 and the sentence, nothing authorized", async () => {
  s256 = false;
  bodies.length = 0;
  let printed = "";
  const status = await oauthClientMain(["--oauth-client", `${base}/mcp`, "--json"], (text) => (printed += text));
  s256 = true;
  expect(status).toBe(1);
  expect(printed).toMatch(/S256/);
  expect(bodies.some((line) => line.startsWith("GET /authorize"))).toBe(false);
});

test("usage: no URL is exit 2 with the usage", async () => {
  let printed = "";
  expect(await oauthClientMain(["--oauth-client"], (text) => (printed += text))).toBe(2);
  expect(printed).toContain("Usage: npm run probe -- --oauth-client");
});
