import { expect, test } from "vitest";
import { wellKnownUrl } from "./well-known-url.ts";

test("RFC 8414 §3.1: the well-known path goes between the host and the issuer's path", () => {
  expect(wellKnownUrl("https://as.example.com/issuer1", "oauth-authorization-server")).toBe(
    "https://as.example.com/.well-known/oauth-authorization-server/issuer1",
  );
  expect(wellKnownUrl("https://as.example.com", "oauth-authorization-server")).toBe(
    "https://as.example.com/.well-known/oauth-authorization-server",
  );
  // A trailing slash is removed before the insertion, never appended after the well-known name.
  expect(wellKnownUrl("https://as.example.com/", "oauth-authorization-server")).toBe(
    "https://as.example.com/.well-known/oauth-authorization-server",
  );
  expect(wellKnownUrl("https://as.example.com/tenant/", "oauth-authorization-server")).toBe(
    "https://as.example.com/.well-known/oauth-authorization-server/tenant",
  );
});

test("RFC 9728 §3.1: the same insertion for a protected resource, keeping a port and a query", () => {
  expect(wellKnownUrl("http://127.0.0.1:8080/api/mcp?x=1#top", "oauth-protected-resource")).toBe(
    "http://127.0.0.1:8080/.well-known/oauth-protected-resource/api/mcp?x=1",
  );
});

test("not an absolute http(s) URL: undefined", () => {
  expect(wellKnownUrl("/relative", "oauth-authorization-server")).toBeUndefined();
  expect(wellKnownUrl("ftp://as.example.com/", "oauth-authorization-server")).toBeUndefined();
});
