import { expect, test } from "vitest";
import { credentialsInPath, linkedRequest, linkLimits, requestLink } from "./request-link.ts";

test("a link carries method, endpoint, auth type and a Basic or Digest user name", () => {
  const search = requestLink({ method: "POST", endpoint: "basic-auth/user/passwd", auth: "basic", user: "José" });
  expect(linkedRequest(search ?? "")).toEqual({
    method: "POST",
    endpoint: "basic-auth/user/passwd",
    auth: "basic",
    user: "José",
  });
  // A Bearer or raw request has no user name to share.
  expect(requestLink({ method: "GET", endpoint: "bearer", auth: "bearer", user: "user" })).toBe(
    "method=GET&endpoint=bearer&auth=bearer",
  );
});

test("only the named keys are written: a snapshot's password, token or raw value never reaches the link", () => {
  const snapshot = {
    method: "GET",
    endpoint: "bearer",
    auth: "raw" as const,
    user: "user",
    password: "Zq9-password",
    token: "Zq9-token",
    raw: "Bearer Zq9-raw",
  };
  const search = requestLink(snapshot);
  expect(search).not.toMatch(/Zq9|password|token|raw=/);
});

test("?endpoint= alone is a GET without credentials; unknown values fall back; no endpoint, no request", () => {
  expect(linkedRequest("?endpoint=status%2F429")).toEqual({ method: "GET", endpoint: "status/429", auth: "none" });
  expect(linkedRequest("?endpoint=bearer&method=BREW&auth=magic&user=x")).toEqual({
    method: "GET",
    endpoint: "bearer",
    auth: "none",
  });
  expect(linkedRequest("?method=POST&auth=basic")).toBeUndefined();
  expect(linkedRequest("")).toBeUndefined();
  expect(linkedRequest(`?endpoint=${"a".repeat(5000)}`)?.endpoint).toHaveLength(2000);
});

test("an endpoint or user name over the limits makes no address; at the limits it does", () => {
  const at = {
    method: "GET",
    endpoint: "e".repeat(linkLimits.endpoint),
    auth: "basic" as const,
    user: "u".repeat(200),
  };
  expect(linkedRequest(requestLink(at) ?? "")).toEqual(at);
  expect(requestLink({ ...at, endpoint: "A".repeat(65_536) })).toBeUndefined();
  expect(requestLink({ ...at, user: "u".repeat(linkLimits.user + 1) })).toBeUndefined();
});

test("an endpoint alone takes the scheme its path implies, with its user name; other endpoints none", () => {
  expect(linkedRequest("endpoint=digest-auth/auth/user/passwd/SHA-256")).toEqual({
    method: "GET",
    endpoint: "digest-auth/auth/user/passwd/SHA-256",
    auth: "digest",
    user: "user",
  });
  expect(linkedRequest("endpoint=basic-auth/Jos%C3%A9/passwd")).toMatchObject({ auth: "basic", user: "José" });
  expect(linkedRequest("endpoint=hidden-basic-auth/user/passwd")).toMatchObject({ auth: "basic", user: "user" });
  expect(linkedRequest("endpoint=status/401")).toEqual({ method: "GET", endpoint: "status/401", auth: "none" });
  // An address that names its scheme keeps it.
  expect(linkedRequest("endpoint=digest-auth/auth/user/passwd&auth=none")).toMatchObject({ auth: "none" });
  expect(credentialsInPath("digest-auth/auth-int/u/p%20w/MD5")).toEqual({ auth: "digest", user: "u", password: "p w" });
  expect(credentialsInPath("digest-auth/auth/u")).toBeUndefined();
});
