/**
 * Client ID Metadata Documents at the sandbox's authorization server (draft-ietf-oauth-client-id-
 * metadata-document): a URL client_id through the authorization and token endpoints, each refusal
 * as RFC 6749 gives it with its neighbour. The handlers run in-process (msw/node); the documents
 * come from a source the test controls, as a transport's would (the live server's own is tested in
 * client-metadata-live.test.ts).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { setupSandboxServer } from "../../src/sandbox/node.ts";
import { clientMetadataDocument } from "../../src/site-config.ts";
import { form, oauthClient, verifier } from "./oauth-flow-helpers.ts";

const origin = "http://lab.test";
const oauthRoot = `${origin}/http-status-lab/api/oauth/`;
const clientUrl = "https://client.example/oauth/client.json";
const published = clientMetadataDocument("https://http-status-lab.github.io", "/http-status-lab/");
const documents = new Map<string, { status: number; body: unknown; contentType?: string }>();
const fetched: string[] = [];

const server = setupSandboxServer(origin, "/http-status-lab/", {
  serverSecret: "cimd-tests",
  clientMetadata: {
    fetch: (url) => {
      fetched.push(url);
      const served = documents.get(url);
      if (served === undefined) return Promise.resolve({ ok: false, message: "refused before connecting" });
      return Promise.resolve({
        ok: true,
        status: served.status,
        contentType: served.contentType ?? "application/json",
        cacheControl: "no-store",
        body: JSON.stringify(served.body),
        truncated: false,
      });
    },
    own: () =>
      Promise.resolve({
        ok: true,
        status: 200,
        contentType: "application/json",
        cacheControl: "",
        body: JSON.stringify(published),
        truncated: false,
      }),
  },
});
const client = oauthClient(oauthRoot, "http://127.0.0.1:8765/callback");

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

const serve = (url: string, members: Record<string, unknown> = {}, status = 200) =>
  documents.set(url, {
    status,
    body: { client_id: url, client_name: "Document client", redirect_uris: ["http://127.0.0.1/callback"], ...members },
  });

async function authorizePage(clientId: string, redirect = "http://127.0.0.1:8765/callback") {
  const response = await fetch(`${client.as}/authorize?${client.authorizeParams(clientId, "resource", redirect)}`, {
    redirect: "manual",
  });
  return { response, text: await response.text() };
}

test("a URL client_id: the login form names the client and its document's host; code and token as for a registered client", async () => {
  serve(clientUrl);
  const { response, text } = await authorizePage(clientUrl);
  expect(response.status).toBe(200);
  expect(text).toContain(
    "<strong>Document client</strong> (its client ID is a document at <code>client.example</code>)",
  );
  // RFC 8252 §7.3: the document lists http://127.0.0.1/callback; any port is accepted at request time.
  const tokens = await client.tokens(clientUrl);
  expect(tokens.token_type).toBe("Bearer");
  expect(fetched.filter((url) => url === clientUrl).length).toBeGreaterThanOrEqual(1);
});

test("the site's own published document is read from the build, not fetched, and its loopback redirect URI works", async () => {
  const before = fetched.length;
  const redirect = "http://127.0.0.1:4401/http-status-lab/oauth/";
  const tokens = await client.tokens(published.client_id, "resource", redirect);
  expect(tokens.access_token).toMatch(/^eyJ/);
  expect(fetched.length).toBe(before);
  // The neighbour: the published origin's own redirect URI is not this server's origin, so it is not used here.
  const elsewhere = await authorizePage(
    published.client_id,
    "https://http-status-lab.github.io/http-status-lab/oauth/",
  );
  expect(elsewhere.response.status).toBe(400);
  expect(elsewhere.text).toMatch(/neither on this server&#39;s origin nor on a loopback address/);
});

test("RFC 6749 §4.1.2.1: a document that cannot be trusted gets an error page with a sentence, never a redirect", async () => {
  serve("https://client.example/wrong-id.json", { client_id: "https://client.example/other.json" });
  serve("https://client.example/gone.json", {}, 404);
  serve("https://client.example/secret.json", { token_endpoint_auth_method: "client_secret_post" });
  serve("https://client.example/elsewhere.json", { redirect_uris: ["https://attacker.example/cb"] });
  const cases: Array<[string, string, RegExp]> = [
    ["http", "http://client.example/c.json", /invalid_request.*must use https/],
    ["no path", "https://client.example", /invalid_request.*no path/],
    ["dot segment", "https://client.example/a/../c.json", /invalid_request.*path segment/],
    ["unreachable", "https://10.0.0.1/c.json", /invalid_client.*could not be fetched: refused before connecting/],
    ["404", "https://client.example/gone.json", /invalid_client.*answered 404/],
    ["wrong client_id", "https://client.example/wrong-id.json", /invalid_client.*exactly the document&#39;s URL/],
    ["shared secret", "https://client.example/secret.json", /invalid_client.*shared-secret/],
    ["not listed", "https://client.example/elsewhere.json", /invalid_request.*redirect_uri/],
  ];
  for (const [label, clientId, sentence] of cases) {
    const { response, text } = await authorizePage(clientId);
    expect(response.status, label).toBe(400);
    expect(response.headers.get("Location"), label).toBeNull();
    expect(text.replace(/<[^>]+>/g, ""), label).toMatch(sentence);
  }
});

test("a valid document the sandbox does not serve: unauthorized_client, sent back to its redirect URI with state", async () => {
  serve("https://client.example/keyed.json", {
    token_endpoint_auth_method: "private_key_jwt",
    jwks_uri: "https://client.example/jwks",
  });
  const { response } = await authorizePage("https://client.example/keyed.json");
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("Location") ?? "");
  expect(location.origin + location.pathname).toBe("http://127.0.0.1:8765/callback");
  expect(location.searchParams.get("error")).toBe("unauthorized_client");
  expect(location.searchParams.get("state")).toBe("st-1");
});

test("RFC 6749 §5.2 at the token endpoint: a document that stops validating is invalid_client; a good one gets tokens", async () => {
  const url = "https://client.example/changing.json";
  serve(url);
  const loggedIn = await client.login(url, "resource");
  const code = new URL(loggedIn.headers.get("Location") ?? "").searchParams.get("code") ?? "";
  serve(url, { client_id: "https://client.example/not-me.json" }); // cached as no-store: read again
  const refused = await form(`${client.as}/token`, {
    grant_type: "authorization_code",
    code,
    redirect_uri: "http://127.0.0.1:8765/callback",
    client_id: url,
    code_verifier: verifier,
  });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: "invalid_client" });
  serve(url);
  expect((await client.tokens(url)).token_type).toBe("Bearer");
});

test("RFC 7591 registration keeps working beside metadata documents", async () => {
  const id = await client.register();
  expect(id).not.toMatch(/^https:/);
  expect((await client.tokens(id)).token_type).toBe("Bearer");
});
