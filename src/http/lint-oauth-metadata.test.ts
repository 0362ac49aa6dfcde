import { expect, test } from "vitest";
import { lintAuthorizationServerMetadata, lintProtectedResourceMetadata } from "./lint-oauth-metadata.ts";

const json = (url: string, body: unknown, extra: { status?: number; contentType?: string } = {}) => ({
  url,
  status: extra.status ?? 200,
  contentType: extra.contentType ?? "application/json",
  body: typeof body === "string" ? body : JSON.stringify(body),
});
/** A copy of `object` without the members `names`. */
const without = (object: Record<string, unknown>, ...names: string[]) =>
  Object.fromEntries(Object.entries(object).filter(([name]) => !names.includes(name)));
const ids = (findings: ReadonlyArray<{ id: string }>) => findings.map((finding) => finding.id);

const resource = "https://api.example/mcp";
const prmUrl = "https://api.example/.well-known/oauth-protected-resource/mcp";
const goodPrm = { resource, authorization_servers: ["https://as.example"], bearer_methods_supported: ["header"] };
const issuer = "https://as.example";
const goodAs = {
  issuer,
  authorization_endpoint: "https://as.example/authorize",
  token_endpoint: "https://as.example/token",
  registration_endpoint: "https://as.example/register",
  response_types_supported: ["code"],
  code_challenge_methods_supported: ["S256"],
};

test("a correct protected resource metadata document: no finding, and its issuers to follow", () => {
  expect(lintProtectedResourceMetadata(json(prmUrl, goodPrm), resource)).toMatchObject({
    findings: [],
    authorizationServers: [issuer],
  });
});

test("RFC 9728 §3.3: a resource that is not the URL the client used is an error; a missing one too (§2)", () => {
  const other = lintProtectedResourceMetadata(json(prmUrl, { ...goodPrm, resource: "https://api.example/" }), resource);
  expect(ids(other.findings)).toEqual(["resource-metadata-resource-mismatch"]);
  expect(other.findings[0]?.rfc.label).toBe("RFC 9728 §3.3");
  expect(ids(lintProtectedResourceMetadata(json(prmUrl, { authorization_servers: [] }), resource).findings)).toEqual([
    "resource-metadata-resource-missing",
  ]);
});

test("RFC 9728: http off loopback, no authorization servers, a token in the query, a bad list", () => {
  const plain = "http://api.example/mcp";
  expect(ids(lintProtectedResourceMetadata(json(prmUrl, { ...goodPrm, resource: plain }), plain).findings)).toEqual([
    "resource-metadata-resource-not-https",
  ]);
  const local = "http://127.0.0.1:8080/mcp";
  const loopback = lintProtectedResourceMetadata(json(prmUrl, { ...goodPrm, resource: local }), local);
  expect(loopback.findings.map((f) => [f.id, f.severity])).toEqual([
    ["resource-metadata-resource-http-loopback", "warning"],
  ]);
  const noServers = without(goodPrm, "authorization_servers");
  expect(ids(lintProtectedResourceMetadata(json(prmUrl, noServers), resource).findings)).toEqual([
    "resource-metadata-no-authorization-servers",
  ]);
  expect(
    ids(
      lintProtectedResourceMetadata(json(prmUrl, { ...goodPrm, bearer_methods_supported: ["query"] }), resource)
        .findings,
    ),
  ).toEqual(["resource-metadata-token-in-query"]);
  expect(
    ids(lintProtectedResourceMetadata(json(prmUrl, { ...goodPrm, authorization_servers: "x" }), resource).findings),
  ).toEqual(["resource-metadata-authorization-servers-invalid"]);
  const badServer = lintProtectedResourceMetadata(
    json(prmUrl, { ...goodPrm, authorization_servers: ["nope"] }),
    resource,
  );
  expect([ids(badServer.findings), badServer.authorizationServers]).toEqual([
    ["resource-metadata-authorization-server-not-a-url"],
    [],
  ]);
});

test("RFC 9728 §3.2 / RFC 8414 §3.2: not 200, not JSON, not an object, not application/json", () => {
  expect(ids(lintProtectedResourceMetadata(json(prmUrl, goodPrm, { status: 404 }), resource).findings)).toEqual([
    "metadata-status-not-200",
  ]);
  expect(ids(lintProtectedResourceMetadata(json(prmUrl, "<html>"), resource).findings)).toEqual(["metadata-not-json"]);
  expect(ids(lintAuthorizationServerMetadata(json(prmUrl, "[1]"), issuer).findings)).toEqual([
    "metadata-not-an-object",
  ]);
  expect(
    ids(lintProtectedResourceMetadata(json(prmUrl, goodPrm, { contentType: "text/html" }), resource).findings),
  ).toEqual(["metadata-not-application-json"]);
});

test("a correct authorization server metadata document: no finding", () => {
  expect(lintAuthorizationServerMetadata(json(issuer, goodAs), issuer).findings).toEqual([]);
});

test("RFC 8414 §3.3: an issuer that is not the one the URL was built from is an error", () => {
  const { findings } = lintAuthorizationServerMetadata(
    json(issuer, { ...goodAs, issuer: "https://as.example/" }),
    issuer,
  );
  expect(ids(findings)).toEqual(["as-metadata-issuer-mismatch"]);
  expect(findings[0]?.rfc.label).toBe("RFC 8414 §3.3");
});

test("RFC 7636 / OAuth 2.1: no S256 is an error, whether the list is missing or holds only plain", () => {
  const none = without(goodAs, "code_challenge_methods_supported");
  expect(ids(lintAuthorizationServerMetadata(json(issuer, none), issuer).findings)).toEqual(["as-metadata-no-s256"]);
  const plain = lintAuthorizationServerMetadata(
    json(issuer, { ...goodAs, code_challenge_methods_supported: ["plain"] }),
    issuer,
  );
  expect(plain.findings[0]?.message).toContain('["plain"]');
});

test("endpoints on http, missing endpoints, no registration, an issuer with a query, no response types", () => {
  const findings = lintAuthorizationServerMetadata(
    json(issuer, {
      issuer: "https://as.example?x=1",
      token_endpoint: "http://as.example/token",
      authorization_endpoint: "http://localhost:9/authorize",
      code_challenge_methods_supported: ["S256"],
    }),
    "https://as.example?x=1",
  ).findings;
  expect(ids(findings)).toEqual([
    "as-metadata-issuer-query-or-fragment",
    "as-metadata-response-types-missing",
    "as-metadata-authorization-endpoint-http-loopback",
    "as-metadata-token-endpoint-not-https",
    "as-metadata-no-registration-endpoint",
  ]);
  const bare = without(goodAs, "issuer", "token_endpoint");
  expect(
    ids(lintAuthorizationServerMetadata(json(issuer, { ...bare, registration_endpoint: 5 }), issuer).findings),
  ).toEqual([
    "as-metadata-issuer-missing",
    "as-metadata-registration-endpoint-not-a-string",
    "as-metadata-token-endpoint-missing",
  ]);
});
