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

  /** RFC 8414 §2; issuer is the identifier whose §3.1 well-known URL this is, exactly (§3.3). */
  const issuerMetadata = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, {
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
    });
  };

  const jwks = (request: Request): Response => {
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD");
    return jsonResponse(200, { keys: [{ ...publicJwk, kid, alg: "ES256", use: "sig" }] });
  };

  return { resourceMetadata, issuerMetadata, jwks };
}
