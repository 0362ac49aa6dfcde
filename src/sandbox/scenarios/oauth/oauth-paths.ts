/**
 * Where the sandbox's OAuth pieces live, for one API root (`<base>api/`, a path or an absolute URL
 * prefix): three protected resources, their metadata documents, and one authorization server.
 * Pure strings, no jose: handlers.ts imports this on every page.
 *
 * Every resource is its own resource identifier (RFC 9728 §1.2), so a token issued for one of them
 * (`aud`, RFC 8707) is refused by the others: `resource` (GET needs the scope read, other methods
 * write), `step-up` (needs a recent multi-factor login, RFC 9470) and `dpop` (needs DPoP-bound
 * tokens, RFC 9449), and `mcp` (needs read; on `npm start` the MCP endpoint of src/mcp, elsewhere
 * a plain protected resource like the others).
 */
export const oauthResourceNames = ["resource", "step-up", "dpop", "mcp"] as const;
export type OAuthResourceName = (typeof oauthResourceNames)[number];

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
  register: string;
  authorize: string;
  token: string;
  jwks: string;
};

/** The path prefix (`/.well-known/oauth-`) under which `npm start` must hand requests to the handlers too. */
export const oauthWellKnownPrefix = "/.well-known/oauth-";

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
    register: `${issuer}/register`,
    authorize: `${issuer}/authorize`,
    token: `${issuer}/token`,
    jwks: `${issuer}/jwks`,
  };
}
