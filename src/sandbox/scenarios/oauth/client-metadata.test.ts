import { expect, test } from "vitest";
import {
  cacheLifetimeMs,
  clientIdUrlProblem,
  createClientResolver,
  documentCache,
  fetchedDocumentOf,
  maxDocumentBytes,
  maxFetchesInFlight,
  readClientDocument,
  type FetchedDocument,
} from "./client-metadata.ts";

const url = "https://client.example/oauth/client.json";
const document = (members: Record<string, unknown> = {}) => ({
  client_id: url,
  client_name: "Example client",
  redirect_uris: ["http://127.0.0.1/callback"],
  token_endpoint_auth_method: "none",
  ...members,
});
const served = (body: unknown, fields: Partial<Extract<FetchedDocument, { ok: true }>> = {}): FetchedDocument => ({
  ok: true,
  status: 200,
  contentType: "application/json",
  cacheControl: "",
  body: typeof body === "string" ? body : JSON.stringify(body),
  truncated: false,
  ...fields,
});

test("draft §3: a client identifier URL is https with a path, without fragment, userinfo or dot segments", () => {
  expect(clientIdUrlProblem(url)).toBeUndefined();
  expect(clientIdUrlProblem("https://client.example:8443/c?v=1")).toBeUndefined(); // a port and a query are allowed
  expect(clientIdUrlProblem(`https://client.example/${"c".repeat(2_000)}`)).toBeUndefined();
  const refused: Array<[string, RegExp]> = [
    ["http://client.example/c", /https/],
    ["https://client.example", /no path/],
    ["https://client.example/", /no path/],
    ["https://client.example/c#me", /fragment/],
    ["https://user:pw@client.example/c", /user name or password/],
    ["https://client.example/a/../c", /"\." or "\.\." path segment/],
    ["https://client.example/a/%2E%2e/c", /"\." or "\.\." path segment/],
    ["https://client.example/./c", /"\." or "\.\." path segment/],
    ["https://client.example/a c", /space/],
    [`https://client.example/${"c".repeat(2_100)}`, /at most 2048/],
  ];
  for (const [value, sentence] of refused) expect(clientIdUrlProblem(value), value).toMatch(sentence);
});

test("draft §5.2: Cache-Control is honoured within bounds; no-store is not cached; no field gets the default", () => {
  expect(cacheLifetimeMs("max-age=60")).toBe(60_000);
  expect(cacheLifetimeMs("public, max-age=999999")).toBe(documentCache.longestMs);
  expect(cacheLifetimeMs("no-store")).toBe(0);
  expect(cacheLifetimeMs("max-age=600, no-cache")).toBe(0);
  expect(cacheLifetimeMs("")).toBe(documentCache.defaultMs);
});

test("draft §4, §4.1, §5: each refusal of a document with its accepted neighbour", () => {
  expect(readClientDocument(url, served(document()))).toMatchObject({
    ok: true,
    client: { client_name: "Example client" },
  });
  expect(readClientDocument(url, served(document(), { contentType: "application/client+json" })).ok).toBe(true);
  const refused: Array<[string, FetchedDocument, RegExp]> = [
    [
      "not fetched",
      { ok: false, message: "refused before connecting" },
      /could not be fetched: refused before connecting/,
    ],
    ["a redirect", served(document(), { status: 302 }), /answered 302; .*redirects are not followed/],
    ["a 404", served(document(), { status: 404 }), /answered 404/],
    ["too large", served(document(), { truncated: true }), new RegExp(`larger than ${maxDocumentBytes} bytes`)],
    ["html", served(document(), { contentType: "text/html" }), /text\/html, not application\/json/],
    ["not JSON", served("{"), /not a JSON object/],
    ["an array", served([document()]), /not a JSON object/],
    ["another client_id", served(document({ client_id: `${url}?x` })), /must be exactly the document's URL/],
    [
      "a shared secret method",
      served(document({ token_endpoint_auth_method: "client_secret_basic" })),
      /shared-secret/,
    ],
    ["a client_secret", served(document({ client_secret: "s" })), /client_secret/],
    ["no redirect_uris", served(document({ redirect_uris: [] })), /no redirect_uris/],
    ["a fragment redirect", served(document({ redirect_uris: ["http://127.0.0.1/cb#x"] })), /without a fragment/],
    ["a javascript: logo", served(document({ logo_uri: "javascript:alert(1)" })), /logo_uri that is not an https URL/],
  ];
  for (const [label, fetched, sentence] of refused) {
    const verdict = readClientDocument(url, fetched);
    expect(verdict.ok, label).toBe(false);
    if (!verdict.ok) expect(verdict.description, label).toMatch(sentence);
  }
});

test("a valid document the sandbox does not serve (private_key_jwt, no authorization_code) is marked unsupported, not refused", () => {
  const keyed = readClientDocument(url, served(document({ token_endpoint_auth_method: "private_key_jwt" })));
  expect(keyed).toMatchObject({ ok: true, client: { unsupported: expect.stringMatching(/private_key_jwt/) } });
  const machine = readClientDocument(url, served(document({ grant_types: ["client_credentials"] })));
  expect(machine).toMatchObject({ ok: true, client: { unsupported: expect.stringMatching(/authorization_code/) } });
  const plain = readClientDocument(url, served(document({ grant_types: ["authorization_code"] })));
  expect(plain).toMatchObject({ ok: true });
  expect(plain.ok ? plain.client.unsupported : "refused").toBeUndefined();
});

test("fetchedDocumentOf reads at most the bound plus one byte and marks the rest truncated", async () => {
  const small = await fetchedDocumentOf(new Response("{}", { headers: { "Content-Type": "application/json" } }));
  expect(small).toMatchObject({ ok: true, body: "{}", truncated: false, contentType: "application/json" });
  const big = await fetchedDocumentOf(new Response("x".repeat(maxDocumentBytes * 4)));
  expect(big).toMatchObject({ ok: true, truncated: true });
  expect(big.ok && big.body.length).toBe(maxDocumentBytes);
});

test("the resolver caches a good document until its lifetime, never a refused one, and reads the site's own document first", async () => {
  let time = 0;
  let fetches = 0;
  let answer = served(document(), { cacheControl: "max-age=10" });
  const resolve = createClientResolver(
    {
      fetch: () => {
        fetches++;
        return Promise.resolve(answer);
      },
    },
    () => time,
  );
  expect((await resolve(url)).ok).toBe(true);
  expect((await resolve(url)).ok).toBe(true);
  expect(fetches).toBe(1);
  time = 10_001;
  answer = served(document(), { status: 500 });
  expect(await resolve(url)).toMatchObject({ ok: false, error: "invalid_client" });
  expect(await resolve(url)).toMatchObject({ ok: false, error: "invalid_client" });
  expect(fetches).toBe(3); // the refusal was not cached
  expect(await resolve("http://client.example/c")).toMatchObject({ ok: false, error: "invalid_request" });
  expect(fetches).toBe(3); // a bad URL is refused before any fetch

  const own = createClientResolver({ own: () => Promise.resolve(served(document())) }, () => 0);
  expect(await own(url)).toMatchObject({ ok: true });
  expect(await own("https://other.example/c.json")).toMatchObject({
    ok: false,
    description: expect.stringMatching(/fetches no client metadata documents/),
  });
});

test(`the resolver fetches one URL once at a time and at most ${maxFetchesInFlight} URLs at once`, async () => {
  const waiting: Array<() => void> = [];
  let fetches = 0;
  const resolve = createClientResolver(
    {
      fetch: (u) => {
        fetches++;
        return new Promise((done) => waiting.push(() => done(served(document({ client_id: u })))));
      },
    },
    () => 0,
  );
  const same = [resolve(url), resolve(url)];
  const others = Array.from({ length: maxFetchesInFlight - 1 }, (_, i) => resolve(`https://c${i}.example/c.json`));
  await new Promise((settle) => setTimeout(settle, 0));
  expect(fetches).toBe(maxFetchesInFlight);
  expect(await resolve("https://one-too-many.example/c.json")).toMatchObject({ error: "temporarily_unavailable" });
  for (const done of waiting) done();
  expect((await Promise.all([...same, ...others])).every((r) => r.ok)).toBe(true);
});

test("a source that throws is a refusal with its message, not an exception", async () => {
  const resolve = createClientResolver({ fetch: () => Promise.reject(new Error("socket hang up")) }, () => 0);
  expect(await resolve(url)).toMatchObject({
    ok: false,
    error: "invalid_client",
    description: expect.stringMatching(/could not be fetched: socket hang up/),
  });
});
