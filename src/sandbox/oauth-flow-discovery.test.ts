import { expect, test } from "vitest";
import { createSandboxClient } from "./client.ts";
import { resourceMetadataUrls, serverMetadataUrls } from "./oauth-flow-discovery.ts";
import type { OAuthClientSetup, ResourceCall } from "./oauth-flow-session.ts";
import { runOAuthFlow, type OAuthOutcome, type OAuthStep } from "./oauth-flow.ts";

// The client's MCP rules, each with its neighbour, against a scripted server: a resource on one
// origin and an authorization server on another, as the MCP conformance suite sets them up.
const rs = "http://127.0.0.1:4421";
const as = "http://127.0.0.1:4422";

interface Script {
  /** Where the resource's metadata is (path on rs), and what the 401 says. */
  prmPath?: string | null;
  challenge?: string;
  scopesSupported?: string[];
  /** Where the server's metadata is (path on as), and what it says beyond the endpoints. */
  asPath?: string | null;
  issuerPath?: string;
  asExtra?: Record<string, unknown>;
  /** The resource answers a token with 403 insufficient_scope this many times. */
  forbidden?: number;
}

/** The scripted servers; `seen` lists every request as "METHOD url". */
function servers(script: Script) {
  const seen: string[] = [];
  const bodies: Record<string, string> = {};
  let forbidden = script.forbidden ?? 0;
  const issuer = `${as}${script.issuerPath ?? ""}`;
  const json = (value: unknown, status = 200) => Response.json(value, { status });
  const send = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    seen.push(`${request.method} ${url.origin}${url.pathname}`);
    bodies[url.pathname] = await request.text();
    if (url.origin === rs && url.pathname === "/mcp") {
      const authorization = request.headers.get("authorization");
      if (authorization === null)
        return new Response("", { status: 401, headers: { "WWW-Authenticate": script.challenge ?? "Bearer" } });
      if (forbidden-- > 0)
        return new Response("", {
          status: 403,
          headers: { "WWW-Authenticate": 'Bearer error="insufficient_scope", scope="mcp:admin"' },
        });
      return json({ ok: true });
    }
    if (
      url.origin === rs &&
      script.prmPath !== null &&
      url.pathname === (script.prmPath ?? "/.well-known/oauth-protected-resource/mcp")
    )
      return json({
        resource: url.pathname.endsWith("/mcp") ? `${rs}/mcp` : rs,
        authorization_servers: [issuer],
        ...(script.scopesSupported === undefined ? {} : { scopes_supported: script.scopesSupported }),
      });
    if (
      url.origin === as &&
      script.asPath !== null &&
      url.pathname === (script.asPath ?? "/.well-known/oauth-authorization-server")
    )
      return json({
        issuer,
        authorization_endpoint: `${as}/authorize`,
        token_endpoint: `${as}/token`,
        registration_endpoint: `${as}/register`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["none"],
        ...script.asExtra,
      });
    if (url.pathname === "/register") return json({ client_id: "registered", redirect_uris: [] }, 201);
    if (url.pathname === "/authorize") {
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", "c0de");
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      return new Response(null, { status: 302, headers: { Location: back.href } });
    }
    if (url.pathname === "/token") return json({ access_token: "t0ken", token_type: "Bearer", expires_in: 60 });
    return new Response("Not Found", { status: 404 });
  };
  return { seen, bodies, transport: { kind: "node" as const, send } };
}

const call: ResourceCall = { label: "Called the MCP server", method: "POST", headers: [], body: "{}" };

async function run(script: Script, setup: OAuthClientSetup = {}) {
  const { seen, bodies, transport } = servers(script);
  const client = createSandboxClient({ transport, base: "/", origin: rs });
  let sent = false;
  const flow = runOAuthFlow(
    client,
    { resource: "resource", twist: "none", refresh: false },
    {
      resourceUrl: `${rs}/mcp`,
      redirectUri: "http://127.0.0.1/callback",
      allows: () => undefined,
      calls: { next: () => (sent ? undefined : ((sent = true), call)) },
      ...setup,
    },
  );
  const steps: OAuthStep[] = [];
  let outcome: OAuthOutcome | undefined;
  for (let count = 0; count < 40 && outcome === undefined; count++) {
    const next = await flow.next();
    if (next.done === true) outcome = next.value;
    else steps.push(next.value);
  }
  const authorize = seen.filter((line) => line.includes("/authorize"));
  const query = (index: number) =>
    new URL(steps.filter((step) => step.exchange.request.url.includes("/authorize"))[index]?.exchange.request.url ?? rs)
      .searchParams;
  return { seen, bodies, steps, outcome, authorize, query };
}

test("the well-known URLs in MCP's order: path-inserted then root; RFC 8414, OpenID path-inserted, path-appended", () => {
  expect(resourceMetadataUrls("https://rs.example/mcp").map((entry) => entry.url)).toEqual([
    "https://rs.example/.well-known/oauth-protected-resource/mcp",
    "https://rs.example/.well-known/oauth-protected-resource",
  ]);
  expect(resourceMetadataUrls("https://rs.example/").map((entry) => entry.url)).toEqual([
    "https://rs.example/.well-known/oauth-protected-resource",
  ]);
  expect(serverMetadataUrls("https://as.example/tenant1")).toEqual([
    "https://as.example/.well-known/oauth-authorization-server/tenant1",
    "https://as.example/.well-known/openid-configuration/tenant1",
    "https://as.example/tenant1/.well-known/openid-configuration",
  ]);
  expect(serverMetadataUrls("https://as.example")).toEqual([
    "https://as.example/.well-known/oauth-authorization-server",
    "https://as.example/.well-known/openid-configuration",
  ]);
});

test("no resource_metadata: a 404 at the path-inserted URL is a step, then the root's document is used", async () => {
  const atRoot = await run({ prmPath: "/.well-known/oauth-protected-resource" });
  expect(atRoot.seen.slice(1, 3)).toEqual([
    `GET ${rs}/.well-known/oauth-protected-resource/mcp`,
    `GET ${rs}/.well-known/oauth-protected-resource`,
  ]);
  expect(atRoot.steps[1]?.exchange.response.status).toBe(404);
  expect(atRoot.steps[1]?.note).toMatch(/Not here \(404/);
  expect(atRoot.outcome?.kind).toBe("authorized");
  // RFC 8707: the resource is the document's (the root), in both requests.
  expect(atRoot.query(0).get("resource")).toBe(rs);
  // The neighbour: found at the path-inserted URL, the root is never asked.
  const inserted = await run({});
  expect(inserted.seen).not.toContain(`GET ${rs}/.well-known/oauth-protected-resource`);
  expect(inserted.query(0).get("resource")).toBe(`${rs}/mcp`);
});

test("the authorization server's metadata: 404, 404, then OpenID Connect path-appended; RFC 8414's first when it answers", async () => {
  const appended = await run({ issuerPath: "/tenant1", asPath: "/tenant1/.well-known/openid-configuration" });
  const asked = appended.steps.filter((step) => step.server === "Authorization server").slice(0, 3);
  expect(asked.map((step) => [new URL(step.exchange.request.url).pathname, step.exchange.response.status])).toEqual([
    ["/.well-known/oauth-authorization-server/tenant1", 404],
    ["/.well-known/openid-configuration/tenant1", 404],
    ["/tenant1/.well-known/openid-configuration", 200],
  ]);
  expect(appended.outcome?.kind).toBe("authorized");
  const first = await run({});
  expect(first.seen.filter((line) => line.includes("openid-configuration"))).toEqual([]);
});

test("scope: the challenge's, else scopes_supported, else no scope parameter", async () => {
  const fromChallenge = await run({ challenge: 'Bearer scope="mcp:basic"', scopesSupported: ["a", "b"] });
  expect(fromChallenge.query(0).get("scope")).toBe("mcp:basic");
  const fromMetadata = await run({ scopesSupported: ["mcp:read", "mcp:write"] });
  expect(fromMetadata.query(0).get("scope")).toBe("mcp:read mcp:write");
  const none = await run({});
  expect(none.query(0).has("scope")).toBe(false);
});

test("no S256 in code_challenge_methods_supported: the client stops before authorizing", async () => {
  const plain = await run({ asExtra: { code_challenge_methods_supported: ["plain"] } });
  expect(plain.outcome).toMatchObject({ kind: "stopped", message: expect.stringMatching(/S256/) });
  expect(plain.authorize).toEqual([]);
  const missing = await run({ asExtra: { code_challenge_methods_supported: undefined } });
  expect(missing.outcome?.kind).toBe("stopped");
});

test("client_id: the metadata document's URL when the server takes one, else registration", async () => {
  const document = "https://client.example/oauth/client-metadata.json";
  const cimd = await run({ asExtra: { client_id_metadata_document_supported: true } }, { clientMetadataUrl: document });
  expect(cimd.query(0).get("client_id")).toBe(document);
  expect(cimd.seen.some((line) => line.includes("/register"))).toBe(false);
  expect(cimd.outcome?.message).toMatch(/used its client metadata document/);
  const registered = await run({}, { clientMetadataUrl: document });
  expect(registered.seen).toContain(`POST ${as}/register`);
  expect(registered.query(0).get("client_id")).toBe("registered");
});

test("pre-registered credentials: client_secret_basic when listed, client_secret_post when only that is", async () => {
  const preRegistered = { clientId: "pre id", clientSecret: "s3cret" };
  const basic = await run(
    { asExtra: { token_endpoint_auth_methods_supported: ["client_secret_basic"] } },
    { preRegistered },
  );
  const token = basic.steps.find((step) => step.exchange.request.url.endsWith("/token"));
  expect(token?.exchange.request.headers).toContainEqual(["Authorization", `Basic ${btoa("pre+id:s3cret")}`]);
  expect(basic.seen.some((line) => line.includes("/register"))).toBe(false);
  const post = await run(
    { asExtra: { token_endpoint_auth_methods_supported: ["client_secret_post"] } },
    { preRegistered },
  );
  const form = new URLSearchParams(post.bodies["/token"]);
  expect([form.get("client_id"), form.get("client_secret")]).toEqual(["pre id", "s3cret"]);
  expect(form.get("resource")).toBe(`${rs}/mcp`);
});

test("403 insufficient_scope: a step-up with the challenge's scope; at the limit the client stops with a sentence", async () => {
  const once = await run({ forbidden: 1 });
  expect(once.authorize).toHaveLength(2);
  expect(once.query(1).get("scope")).toBe("mcp:admin");
  expect(once.outcome?.kind).toBe("authorized");
  const always = await run({ forbidden: 99 });
  expect(always.authorize).toHaveLength(3);
  expect(always.outcome).toMatchObject({ kind: "refused", message: expect.stringMatching(/after 2 step-ups/) });
  const one = await run({ forbidden: 99 }, { maxStepUps: 1 });
  expect(one.authorize).toHaveLength(2);
});

test("MCP 2025-03-26: no resource metadata → the origin's metadata; none either → /authorize, /token, /register", async () => {
  // One origin for both, as a 2025-03-26 server is.
  const legacy = await run({ prmPath: null, asPath: null });
  expect(legacy.seen.filter((line) => line.startsWith("GET") && line.includes(".well-known"))).toEqual([
    `GET ${rs}/.well-known/oauth-protected-resource/mcp`,
    `GET ${rs}/.well-known/oauth-protected-resource`,
    `GET ${rs}/.well-known/oauth-authorization-server`,
  ]);
  expect(legacy.seen).toEqual(
    expect.arrayContaining([`POST ${rs}/register`, `GET ${rs}/authorize`, `POST ${rs}/token`]),
  );
  expect(legacy.outcome?.kind).toBe("authorized");
  // The neighbour: with resource metadata, the origin is not taken for the authorization server.
  const current = await run({});
  expect(current.seen).not.toContain(`GET ${rs}/authorize`);
});

test("the origin policy decides: the page's default refuses the authorization server's origin, the Node policy allows it", async () => {
  const refused = await run({}, { allows: (target) => (target.origin === rs ? undefined : "on another origin") });
  expect(refused.outcome).toMatchObject({ kind: "stopped", message: expect.stringMatching(/another origin/) });
  expect(refused.seen.every((line) => line.includes(rs))).toBe(true);
  expect((await run({})).outcome?.kind).toBe("authorized");
});
