import { expect, test } from "vitest";
import { lintAccessTokenClaims, lintAuthorizationResponse, lintTokenInUrl } from "./lint-oauth-flow.ts";

const ids = (findings: ReadonlyArray<{ id: string }>) => findings.map((finding) => finding.id);

test("a token in a URL's query or fragment is an error; a code is not a token", () => {
  expect(ids(lintTokenInUrl("https://rs.example/api?access_token=abc", "The request"))).toEqual(["token-in-url"]);
  expect(ids(lintTokenInUrl("https://app.example/cb#access_token=abc&token_type=bearer", "The redirect"))).toEqual([
    "token-in-url",
  ]);
  expect(lintTokenInUrl("https://app.example/cb?code=abc&state=xyz", "The redirect")).toEqual([]);
  expect(lintTokenInUrl("not a url", "The redirect")).toEqual([]);
});

const expected = {
  redirectUri: "https://app.example/cb",
  state: "s1",
  issuer: "https://as.example",
  issRequired: true,
};

test("an authorization response to the redirect URI with its state and iss passes; each change is named", () => {
  expect(
    lintAuthorizationResponse("https://app.example/cb?code=c&state=s1&iss=https%3A%2F%2Fas.example", expected),
  ).toEqual([]);
  expect(
    ids(lintAuthorizationResponse("https://app.example/cb?code=c&state=s2&iss=https%3A%2F%2Fas.example", expected)),
  ).toEqual(["authorization-response-state-mismatch"]);
  expect(
    ids(lintAuthorizationResponse("https://app.example/cb?code=c&state=s1&iss=https%3A%2F%2Fevil.example", expected)),
  ).toEqual(["authorization-response-iss-mismatch"]);
  expect(ids(lintAuthorizationResponse("https://app.example/cb?code=c&state=s1", expected))).toEqual([
    "authorization-response-iss-mismatch",
  ]);
  expect(
    lintAuthorizationResponse("https://app.example/cb?code=c&state=s1", { ...expected, issRequired: false }),
  ).toEqual([]);
  expect(
    ids(lintAuthorizationResponse("https://evil.example/cb?state=s1&iss=https%3A%2F%2Fas.example", expected)),
  ).toEqual(["authorization-response-elsewhere", "authorization-response-no-code"]);
  expect(ids(lintAuthorizationResponse("::", expected))).toEqual(["authorization-response-not-a-url"]);
});

test("an access token for the resource, from the issuer, typed at+jwt passes; each mismatch is named", () => {
  const header = { alg: "ES256", typ: "at+jwt" };
  const claims = { aud: "https://rs.example/a", iss: "https://as.example" };
  const want = { resource: "https://rs.example/a", issuer: "https://as.example" };
  expect(lintAccessTokenClaims(header, claims, want)).toEqual([]);
  expect(lintAccessTokenClaims(header, { ...claims, aud: ["x", "https://rs.example/a"] }, want)).toEqual([]);
  expect(ids(lintAccessTokenClaims(header, { ...claims, aud: "https://rs.example/b" }, want))).toEqual([
    "access-token-audience-mismatch",
  ]);
  expect(ids(lintAccessTokenClaims(header, { ...claims, iss: "https://other.example" }, want))).toEqual([
    "access-token-issuer-mismatch",
  ]);
  expect(ids(lintAccessTokenClaims({ alg: "ES256", typ: "JWT" }, claims, want))).toEqual(["access-token-typ"]);
});
