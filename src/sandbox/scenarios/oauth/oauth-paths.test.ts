import { expect, test } from "vitest";
import { oauthPaths } from "./oauth-paths.ts";

test("RFC 9728 §3.1 and RFC 8414 §3.1: the well-known part goes after the host, before the base path", () => {
  const paths = oauthPaths("/http-status-lab/api/");
  expect(paths.resource.resource).toBe("/http-status-lab/api/oauth/resource");
  expect(paths.wellKnownResourceMetadata.resource).toBe(
    "/.well-known/oauth-protected-resource/http-status-lab/api/oauth/resource",
  );
  expect(paths.issuer).toBe("/http-status-lab/api/oauth/as");
  expect(paths.wellKnownIssuerMetadata).toBe("/.well-known/oauth-authorization-server/http-status-lab/api/oauth/as");
  // The neighbour: not appended to the path (OpenID Connect's form).
  expect(paths.wellKnownIssuerMetadata).not.toContain("/as/.well-known");
});

test("an absolute API root (msw/node) keeps its origin in front of the well-known path", () => {
  const paths = oauthPaths("http://lab.test/base/api/");
  expect(paths.wellKnownResourceMetadata.dpop).toBe(
    "http://lab.test/.well-known/oauth-protected-resource/base/api/oauth/dpop",
  );
  expect(paths.resourceMetadata.dpop).toBe("http://lab.test/base/api/oauth/metadata/dpop");
  expect(oauthPaths("/api/").wellKnownResourceMetadata["step-up"]).toBe(
    "/.well-known/oauth-protected-resource/api/oauth/step-up",
  );
});
