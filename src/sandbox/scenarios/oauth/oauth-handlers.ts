import { http, type HttpHandler } from "msw";
import { oauthPaths, oauthResourceNames, wellKnownOnlyResources } from "./oauth-paths.ts";
import type { OAuthServer, OAuthServerOptions } from "./oauth-server.ts";

export type OAuthHandlerOptions = Omit<OAuthServerOptions, "paths">;

/**
 * The OAuth scenario's handlers: four protected resources, their RFC 9728 metadata (at the URL the
 * challenge names and at the §3.1 well-known URL; `opaque` at the well-known URL only), and an
 * authorization server (RFC 8414 metadata at its §3.1 well-known URL, OpenID Connect discovery
 * path-inserted and path-appended, RFC 7591 registration, Client ID Metadata Documents, the
 * authorization and token endpoints, RFC 7009 revocation, RFC 7662 introspection, JWKS).
 * See oauth-server.ts for what each answers.
 *
 * This module holds only paths and msw's `http`: the implementation, with jose, is imported on the
 * first OAuth request, so the sandbox's first load carries none of it.
 */
export function oauthHandlers(apiRoot: string, options: OAuthHandlerOptions): HttpHandler[] {
  const paths = oauthPaths(apiRoot);
  let loaded: Promise<OAuthServer> | undefined;
  const server = () => {
    loaded ??= import("./oauth-server.ts").then((module) => module.createOAuthServer({ ...options, paths }));
    // A failed start (no Web Crypto here) is not remembered, so the next request tries again.
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  return [
    ...oauthResourceNames.flatMap((name) => [
      http.all(paths.resource[name], async ({ request }) => (await server()).resource(request, name)),
      ...(wellKnownOnlyResources.has(name)
        ? []
        : [
            http.all(paths.resourceMetadata[name], async ({ request }) =>
              (await server()).resourceMetadata(request, name),
            ),
          ]),
      http.all(paths.wellKnownResourceMetadata[name], async ({ request }) =>
        (await server()).resourceMetadata(request, name),
      ),
    ]),
    http.all(paths.wellKnownIssuerMetadata, async ({ request }) => (await server()).issuerMetadata(request)),
    http.all(paths.wellKnownOpenIdInserted, async ({ request }) => (await server()).openIdConfiguration(request)),
    http.all(paths.openIdAppended, async ({ request }) => (await server()).openIdConfiguration(request)),
    http.all(paths.revoke, async ({ request }) => (await server()).revoke(request)),
    http.all(paths.introspect, async ({ request }) => (await server()).introspect(request)),
    http.all(paths.register, async ({ request }) => (await server()).register(request)),
    http.all(paths.authorize, async ({ request }) => (await server()).authorize(request)),
    http.all(paths.token, async ({ request }) => (await server()).token(request)),
    http.all(paths.jwks, async ({ request }) => (await server()).jwks(request)),
  ];
}
