import { authorizationEndpoint } from "./oauth-authorize.ts";
import { createOAuthContext, type OAuthServerOptions } from "./oauth-context.ts";
import { metadataEndpoints } from "./oauth-metadata.ts";
import type { OAuthResourceName } from "./oauth-paths.ts";
import { registrationEndpoint } from "./oauth-register.ts";
import { resourceEndpoint } from "./oauth-resource.ts";
import { tokenEndpoint } from "./oauth-token.ts";
import { introspectionEndpoint } from "./oauth-introspect.ts";
import { revocationEndpoint } from "./oauth-revoke.ts";

export type { OAuthServerOptions } from "./oauth-context.ts";

export type OAuthServer = {
  resource(request: Request, name: OAuthResourceName): Promise<Response>;
  resourceMetadata(request: Request, name: OAuthResourceName): Response;
  issuerMetadata(request: Request): Response;
  openIdConfiguration(request: Request): Response;
  jwks(request: Request): Response;
  register(request: Request): Promise<Response>;
  authorize(request: Request): Promise<Response>;
  token(request: Request): Promise<Response>;
  revoke(request: Request): Promise<Response>;
  introspect(request: Request): Promise<Response>;
};

/**
 * The sandbox's authorization server and protected resources: everything that needs jose, loaded
 * on the first OAuth request (oauth-handlers.ts imports this module dynamically), so no page pays
 * for it before. Keys and shared state: oauth-context.ts; one file per endpoint.
 */
export async function createOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const context = await createOAuthContext(options);
  const introspection = introspectionEndpoint(context);
  return {
    ...introspection,
    ...revocationEndpoint(context),
    ...metadataEndpoints(context),
    ...registrationEndpoint(context),
    ...authorizationEndpoint(context),
    ...tokenEndpoint(context),
    ...resourceEndpoint(context, introspection.introspect),
  };
}
