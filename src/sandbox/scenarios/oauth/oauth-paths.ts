/**
 * Where the sandbox's OAuth pieces live, for one API root (`<base>api/`, a path or an absolute URL
 * prefix): four protected resources, their metadata documents, and one authorization server.
 * Pure strings, no jose: handlers.ts imports this on every page.
 *
 * Every resource is its own resource identifier (RFC 9728 §1.2), so a token issued for one of them
 * (`aud`, RFC 8707) is refused by the others: `resource` (GET needs the scope read, other methods
 * write), `step-up` (needs a recent multi-factor login, RFC 9470), `dpop` (needs DPoP-bound
 * tokens, RFC 9449), `opaque` (takes opaque access tokens, which it checks by RFC 7662
 * introspection) and `mcp` (needs read; on `npm start` the MCP endpoint of src/mcp, elsewhere a
 * plain protected resource like the others).
 */
export const oauthResourceNames = ["resource", "step-up", "dpop", "opaque", "mcp"] as const;
export type OAuthResourceName = (typeof oauthResourceNames)[number];

/**
 * Resources whose challenge names no `resource_metadata` and whose document is only at the RFC 9728
 * §3.1 well-known URL: a client must fall back to it, as MCP's discovery order asks
 * (decisions/mcp-authorization.md).
 */
export const wellKnownOnlyResources: ReadonlySet<OAuthResourceName> = new Set(["opaque"]);

export type OAuthPaths = {
  /** `<root>oauth/<name>`: the protected resource; also its resource identifier, resolved against the request's origin. */
  resource: Record<OAuthResourceName, string>;
  /** `<root>oauth/metadata/<name>`: its RFC 9728 document, the URL the challenge's resource_metadata names. */
  resourceMetadata: Record<OAuthResourceName, string>;
  /** `/.well-known/oauth-protected-resource<path of the resource>`: the same document where RFC 9728 §3.1 puts it. */
  wellKnownResourceMetadata: Record<OAuthResourceName, string>;
  /** `<root>oauth/as`: the authorization server's issuer identifier (RFC 8414 §2), resolved against the origin. */
  issuer: string;
  /** `/.well-known/oauth-authorization-server<path of the issuer>` (RFC 8414 §3.1: inserted after the host). */
  wellKnownIssuerMetadata: string;
  /** `/.well-known/openid-configuration<path of the issuer>`: OpenID Connect discovery, path inserted (RFC 8414 §5). */
  wellKnownOpenIdInserted: string;
  /** `<issuer>/.well-known/openid-configuration`: OpenID Connect Discovery 1.0 §4, path appended. */
  openIdAppended: string;
  register: string;
  authorize: string;
  token: string;
  jwks: string;
  /** RFC 7009 token revocation. */
  revoke: string;
  /** RFC 7662 token introspection. */
  introspect: string;
};

/** The path prefix (`/.well-known/oauth-`) of the RFC 9728 and RFC 8414 documents outside the base path. */
export const oauthWellKnownPrefix = "/.well-known/oauth-";

/** The OpenID Connect discovery document's well-known path (OpenID Connect Discovery 1.0 §4). */
const openIdWellKnown = "/.well-known/openid-configuration";

/**
 * Whether a path outside the base path is one of the sandbox's discovery documents (RFC 9728 §3.1,
 * RFC 8414 §3.1, OpenID Connect Discovery path-inserted), which `npm start` and the client hand to
 * the handlers too.
 */
export function isOAuthWellKnownPath(pathname: string): boolean {
  return (
    pathname.startsWith(oauthWellKnownPrefix) ||
    pathname === openIdWellKnown ||
    pathname.startsWith(`${openIdWellKnown}/`)
  );
}

export function oauthPaths(apiRoot: string): OAuthPaths {
  const root = `${apiRoot}oauth/`;
  // An absolute root (msw/node) keeps its origin; the well-known path goes right after it.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(apiRoot);
  const origin = absolute ? new URL(apiRoot).origin : "";
  const pathOf = (path: string) => (absolute ? new URL(path).pathname : path);
  const byName = (make: (name: OAuthResourceName) => string) =>
    Object.fromEntries(oauthResourceNames.map((name) => [name, make(name)])) as Record<OAuthResourceName, string>;
  const issuer = `${root}as`;
  return {
    resource: byName((name) => `${root}${name}`),
    resourceMetadata: byName((name) => `${root}metadata/${name}`),
    wellKnownResourceMetadata: byName(
      (name) => `${origin}/.well-known/oauth-protected-resource${pathOf(`${root}${name}`)}`,
    ),
    issuer,
    wellKnownIssuerMetadata: `${origin}/.well-known/oauth-authorization-server${pathOf(issuer)}`,
    wellKnownOpenIdInserted: `${origin}${openIdWellKnown}${pathOf(issuer)}`,
    openIdAppended: `${issuer}${openIdWellKnown}`,
    register: `${issuer}/register`,
    authorize: `${issuer}/authorize`,
    token: `${issuer}/token`,
    jwks: `${issuer}/jwks`,
    revoke: `${issuer}/revoke`,
    introspect: `${issuer}/introspect`,
  };
}
