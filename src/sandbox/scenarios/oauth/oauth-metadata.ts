import { jsonResponse } from "../json-response.ts";
import { dpopAlgorithms } from "./dpop-proof.ts";
import { acrMultiFactor, acrPassword, oauthScopes } from "./oauth-constants.ts";
import type { OAuthContext } from "./oauth-context.ts";
import type { OAuthResourceName } from "./oauth-paths.ts";
import { methodNotAllowed } from "./oauth-responses.ts";

/** RFC 9728 §2 documents of the resources, RFC 8414 §2 metadata of the authorization server, its JWKS. */
export function metadataEndpoints(ctx: OAuthContext) {
  const { paths, kid, absolute, issuerOf, resourceOf, publicJwk } = ctx;
  /** RFC 9728 §2, for the resource `name`; the same document at the challenge's URL and at §3.1's. */
  const resourceMetadata = (request: Request, name: OAuthResourceName): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, {
      resource: resourceOf(request, name),
      authorization_servers: [issuerOf(request)],
      scopes_supported: name === "resource" ? [...oauthScopes] : ["read"],
      bearer_methods_supported: ["header"],
      resource_name: `HTTP Status Lab sandbox: ${name}`,
      dpop_signing_alg_values_supported: [...dpopAlgorithms],
      dpop_bound_access_tokens_required: name === "dpop",
    });
  };

  /** RFC 8414 §2 members, with RFC 7009, RFC 7662 and Client ID Metadata Document support. */
  const asMembers = (request: Request) => ({
    issuer: issuerOf(request),
    authorization_endpoint: absolute(request, paths.authorize),
    token_endpoint: absolute(request, paths.token),
    registration_endpoint: absolute(request, paths.register),
    jwks_uri: absolute(request, paths.jwks),
    scopes_supported: [...oauthScopes],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    token_endpoint_auth_methods_supported: ["none"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    acr_values_supported: [acrPassword, acrMultiFactor],
    dpop_signing_alg_values_supported: [...dpopAlgorithms],
    revocation_endpoint: absolute(request, paths.revoke),
    revocation_endpoint_auth_methods_supported: ["none"],
    introspection_endpoint: absolute(request, paths.introspect),
    introspection_endpoint_auth_methods_supported: ["client_secret_basic"],
    client_id_metadata_document_supported: true,
  });

  /** RFC 8414 §2; issuer is the identifier whose §3.1 well-known URL this is, exactly (§3.3). */
  const issuerMetadata = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, asMembers(request));
  };

  /**
   * OpenID Connect Discovery 1.0 §3, at §4's path-appended URL and at RFC 8414 §5's path-inserted
   * one; issuer is the same identifier either way (§4.3). The same members, with the two that §3
   * requires of a provider and RFC 8414 does not: subject_types_supported and
   * id_token_signing_alg_values_supported (RS256, which §3 says must be listed). The sandbox issues
   * no ID token and offers no `openid` scope (decisions/mcp-authorization.md): the document is
   * here for the MCP clients that look for authorization server metadata under this name.
   */
  const openIdConfiguration = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, {
      ...asMembers(request),
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  };

  const jwks = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, { keys: [{ ...publicJwk, kid, alg: "ES256", use: "sig" }] });
  };

  return { resourceMetadata, issuerMetadata, openIdConfiguration, jwks };
}
