/**
 * Bring your own client (issue 25, decisions/mcp-endpoint.md): the official MCP SDK's client,
 * pointed at the live server of `npm start` on 127.0.0.1, gets its 401, discovers the resource's
 * RFC 9728 metadata and the RFC 8414 metadata of its authorization server, registers (RFC 7591),
 * signs in on the real login form with the demo user, exchanges the code with PKCE and `resource`
 * (RFC 8707), and lists the endpoint's tools; the live view's feed has every one of those
 * exchanges, with no token, code, verifier or password in it. The neighbours: no token, a token
 * for another resource, a token without the scope, bad JSON-RPC, a wrong Origin, and the live
 * view on a LAN server without and with --live-view.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { isJsonObject, pkcePair } from "../../src/http/index.ts";
import { readLoginForm } from "../../src/sandbox/oauth-login-form.ts";
import { RawConnection } from "./raw-http.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

let server: LiveServer;
let endpoint: string;
const demoUser = { username: "user", password: "passwd" };
// A loopback redirect URI the sandbox registers (RFC 8252 §7.3); nothing listens there, the test reads the Location.
const redirectUri = "http://127.0.0.1:4439/callback";

/** The sandbox's clock runs this far ahead, to expire a token without waiting. */
let skewMs = 0;

beforeAll(async () => {
  server = await startLiveServer({ sandbox: { now: () => Date.now() + skewMs } });
  endpoint = `${server.origin}/api/oauth/mcp`;
});
afterAll(async () => server.stop());

/** Signs in on the authorization server's login form (its real HTML) and returns where it redirects. */
async function signIn(authorizationUrl: URL): Promise<URL> {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  const form = readLoginForm(await page.text(), authorizationUrl.href);
  if (!form.ok) throw new Error(form.error.message);
  const fields = new URLSearchParams(form.fields);
  fields.set("username", demoUser.username);
  fields.set("password", demoUser.password);
  const posted = await fetch(form.action, { method: "POST", body: fields, redirect: "manual" });
  expect(posted.status).toBe(302);
  return new URL(posted.headers.get("Location") ?? "");
}

/** The test's own OAuthClientProvider: memory only, and a "browser" that posts the login form. */
class TestProvider implements OAuthClientProvider {
  information: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = "";
  authorizationUrl: URL | undefined;
  code: string | undefined;
  readonly redirectUrl = redirectUri;
  readonly clientMetadata = {
    client_name: "MCP SDK client (integration test)",
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  };
  clientInformation = () => this.information;
  saveClientInformation = (information: OAuthClientInformationMixed) => {
    this.information = information;
  };
  tokens = () => this.saved;
  saveTokens = (tokens: OAuthTokens) => {
    this.saved = tokens;
  };
  saveCodeVerifier = (verifier: string) => {
    this.verifier = verifier;
  };
  codeVerifier = () => this.verifier;
  redirectToAuthorization = async (url: URL) => {
    this.authorizationUrl = url;
    this.code = (await signIn(url)).searchParams.get("code") ?? undefined;
  };
}

/** "METHOD path status" of each exchange in the feed's JSON. */
function exchangesOf(body: unknown): string[] {
  const entries = isJsonObject(body) && Array.isArray(body["entries"]) ? body["entries"] : [];
  return entries.map((entry: unknown) => {
    const exchange = isJsonObject(entry) && isJsonObject(entry["exchange"]) ? entry["exchange"] : {};
    const request = isJsonObject(exchange["request"]) ? exchange["request"] : {};
    const response = isJsonObject(exchange["response"]) ? exchange["response"] : {};
    return `${String(request["method"])} ${new URL(String(request["url"])).pathname} ${String(response["status"])}`;
  });
}

/** A string member of a JSON response's body. */
async function member(response: Response, name: string): Promise<string> {
  const body: unknown = await response.json();
  return isJsonObject(body) && typeof body[name] === "string" ? body[name] : "";
}

async function feed(origin: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}/live/feed`, { headers });
  return { status: response.status, text: await response.text() };
}

test("the MCP SDK's client: 401, discovery, registration, the login form, PKCE with resource, tools/list; the live view shows it redacted", async () => {
  // The live view is open (its first read starts the recording), as a reader would have it.
  expect((await feed(server.origin)).status).toBe(200);
  const provider = new TestProvider();
  const client = new Client({ name: "http-status-lab-test", version: "1.0.0" });
  await expect(
    client.connect(new StreamableHTTPClientTransport(new URL(endpoint), { authProvider: provider })),
  ).rejects.toBeInstanceOf(UnauthorizedError);
  // The authorization request: PKCE S256 (RFC 7636) and the MCP endpoint as resource (RFC 8707).
  const asked = provider.authorizationUrl?.searchParams;
  expect([asked?.get("code_challenge_method"), asked?.get("resource")]).toEqual(["S256", endpoint]);
  expect(provider.code).toMatch(/^eyJ/);

  const transport = new StreamableHTTPClientTransport(new URL(endpoint), { authProvider: provider });
  await transport.finishAuth(provider.code ?? "");
  await client.connect(transport);
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name)).toEqual(["http_status"]);
  const called = await client.callTool({ name: "http_status", arguments: { code: 401 } });
  expect(JSON.stringify(called.content)).toContain("401 Unauthorized");
  await client.close();

  await new Promise((resolve) => setTimeout(resolve, 50));
  const { status, text } = await feed(server.origin);
  expect(status).toBe(200);
  expect(exchangesOf(JSON.parse(text))).toEqual(
    expect.arrayContaining([
      "POST /api/oauth/mcp 401",
      "GET /api/oauth/metadata/mcp 200",
      "GET /.well-known/oauth-authorization-server/api/oauth/as 200",
      "POST /api/oauth/as/register 201",
      "GET /api/oauth/as/authorize 200",
      "POST /api/oauth/as/authorize 302",
      "POST /api/oauth/as/token 200",
      "POST /api/oauth/mcp 200",
      "POST /api/oauth/mcp 202",
    ]),
  );
  // Nothing that would let a viewer act as the client: token, refresh token, code, verifier, password, session.
  const secrets = [provider.saved?.access_token, provider.saved?.refresh_token, provider.code, provider.verifier];
  for (const secret of secrets) expect(secret?.length ?? 0).toBeGreaterThan(8);
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).toContain("password=[redacted]");
  expect(text).toContain('"Authorization","Bearer [redacted]"');
  expect(text).not.toContain(transport.sessionId ?? "no session");
});

/** A token for `resource` with `scope`, by the code flow (RFC 6749 §4.1, PKCE, RFC 8707), without the SDK. */
async function tokenFor(resource: string, scope: string): Promise<string> {
  const registered = await fetch(`${server.origin}/api/oauth/as/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ redirect_uris: [redirectUri], token_endpoint_auth_method: "none" }),
  });
  const clientId = await member(registered, "client_id");
  const { verifier, challenge } = await pkcePair();
  const url = new URL(`${server.origin}/api/oauth/as/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state: "s",
    code_challenge: challenge,
    code_challenge_method: "S256",
    resource,
  }).toString();
  const code = (await signIn(url)).searchParams.get("code") ?? "";
  const token = await fetch(`${server.origin}/api/oauth/as/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
      resource,
    }),
  });
  expect(token.status).toBe(200);
  return member(token, "access_token");
}

const mcpHeaders = { "Content-Type": "application/json", Accept: "application/json, text/event-stream" };
const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
});

test("the resource server in front: no token 401 with resource_metadata, another audience or expired 401 invalid_token, no read scope 403", async () => {
  const none = await fetch(endpoint, { method: "POST", headers: mcpHeaders, body: initialize });
  expect(none.status).toBe(401);
  expect(none.headers.get("WWW-Authenticate")).toContain(`resource_metadata="${server.origin}/api/oauth/metadata/mcp"`);

  const other = await tokenFor(`${server.origin}/api/oauth/resource`, "read");
  const wrong = await fetch(endpoint, {
    method: "POST",
    headers: { ...mcpHeaders, Authorization: `Bearer ${other}` },
    body: initialize,
  });
  expect([wrong.status, wrong.headers.get("WWW-Authenticate")]).toEqual([
    401,
    expect.stringContaining('error="invalid_token"'),
  ]);
  // The neighbour: the same token is good at the resource it was issued for.
  expect(
    (await fetch(`${server.origin}/api/oauth/resource`, { headers: { Authorization: `Bearer ${other}` } })).status,
  ).toBe(200);

  const writeOnly = await tokenFor(endpoint, "write");
  const lacking = await fetch(endpoint, {
    method: "POST",
    headers: { ...mcpHeaders, Authorization: `Bearer ${writeOnly}` },
    body: initialize,
  });
  expect([lacking.status, lacking.headers.get("WWW-Authenticate")]).toEqual([
    403,
    expect.stringContaining('error="insufficient_scope"'),
  ]);

  const good = await tokenFor(endpoint, "read");
  const answered = await fetch(endpoint, {
    method: "POST",
    headers: { ...mcpHeaders, Authorization: `Bearer ${good}` },
    body: initialize,
  });
  expect(answered.status).toBe(200);
  expect(answered.headers.get("Mcp-Session-Id")).toMatch(/^[0-9a-f-]{36}$/);

  // The same token once it has expired (the sandbox's clock two hours on): 401 invalid_token.
  skewMs = 2 * 3_600_000;
  try {
    const expired = await fetch(endpoint, {
      method: "POST",
      headers: { ...mcpHeaders, Authorization: `Bearer ${good}` },
      body: initialize,
    });
    expect([expired.status, expired.headers.get("WWW-Authenticate")]).toEqual([
      401,
      expect.stringContaining("expired"),
    ]);
  } finally {
    skewMs = 0;
  }
});

test("hostile input gets the JSON-RPC error with its status, never a 5xx; a wrong Origin is 403", async () => {
  const token = await tokenFor(endpoint, "read");
  const auth = { ...mcpHeaders, Authorization: `Bearer ${token}` };
  const cases: Array<[RequestInit, number, number | undefined]> = [
    [{ method: "POST", headers: auth, body: "{not json" }, 400, -32700],
    [{ method: "POST", headers: auth, body: '{"jsonrpc":"2.0"}' }, 400, undefined],
    [{ method: "POST", headers: auth, body: "[]" }, 400, undefined],
    [{ method: "POST", headers: { ...auth, "Mcp-Session-Id": "forged" }, body: initialize }, 404, -32001],
    [{ method: "POST", headers: { ...auth, Accept: "application/json" }, body: initialize }, 406, -32000],
    [{ method: "GET", headers: auth }, 405, -32000],
    [{ method: "POST", headers: { ...auth, Origin: "http://rebind.evil.example" }, body: initialize }, 403, -32000],
  ];
  for (const [init, status, code] of cases) {
    const response = await fetch(endpoint, init);
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(init)).toBe(status);
    if (code !== undefined)
      expect(isJsonObject(body) && isJsonObject(body["error"]) && body["error"]["code"]).toBe(code);
  }
  // The neighbour of the Origin case: a page of this server (its own name) is let in.
  const own = await fetch(endpoint, { method: "POST", headers: { ...auth, Origin: server.origin }, body: initialize });
  expect(own.status).toBe(200);
});

test("the live view shows a HEAD as it was answered: no content, and not the GET the server asks itself for its length", async () => {
  const before = exchangesOf(JSON.parse((await feed(server.origin)).text)).length;
  const head = await fetch(`${server.origin}/api/status/200`, { method: "HEAD" });
  expect(head.status).toBe(200);
  await expect
    .poll(async () => exchangesOf(JSON.parse((await feed(server.origin)).text)).slice(before))
    .toEqual(["HEAD /api/status/200 200"]);
  expect((await feed(server.origin)).text).toMatch(/"method":"HEAD"[^]*?"response":\{[^}]*"body":""\}/);
});

/** GET <path> over a fresh connection with the Host exactly as given. */
async function getWithHost(port: number, path: string, host: string) {
  const connection = await RawConnection.open(port);
  connection.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  const response = await connection.response({ timeoutMs: 5_000 });
  connection.socket.destroy();
  return response;
}

test("on a LAN server the live view is this machine's only, unless --live-view; never for another name", async () => {
  // LAN mode on 127.0.0.1 (no LAN address is bound): a viewer who names the server by a LAN name
  // stands for another machine; one who names it localhost is this machine.
  const lan = await startLiveServer({ lan: true, allowedHosts: ["workshop.example"] });
  const open = await startLiveServer({ lan: true, allowedHosts: ["workshop.example"], liveView: true });
  try {
    // Nobody has watched yet: an exchange now is not recorded (recording costs, decisions/mcp-endpoint.md).
    expect((await fetch(`${open.origin}/api/oauth/mcp`, { method: "POST" })).status).toBe(401);
    expect(exchangesOf(JSON.parse((await feed(open.origin)).text))).toEqual([]);
    for (const path of ["/live/", "/live/feed"]) {
      const refused = await getWithHost(lan.port, path, `workshop.example:${lan.port}`);
      expect([refused.status, refused.body]).toEqual([403, expect.stringContaining("--live-view")]);
      expect((await getWithHost(open.port, path, `workshop.example:${open.port}`)).status).not.toBe(403);
    }
    expect((await getWithHost(lan.port, "/live/feed", `localhost:${lan.port}`)).status).toBe(200);
    expect((await getWithHost(open.port, "/live/feed", `workshop.example:${open.port}`)).status).toBe(200);
    // On loopback, where other names are answered, the feed still refuses a DNS-rebound page's Host.
    const rebound = await getWithHost(server.port, "/live/feed", `rebind.evil.example:${server.port}`);
    expect([rebound.status, rebound.body]).toEqual([403, expect.stringContaining("names this server")]);
    expect((await getWithHost(server.port, "/live/feed", `127.0.0.1:${server.port}`)).status).toBe(200);
  } finally {
    await lan.stop();
    await open.stop();
  }
});
