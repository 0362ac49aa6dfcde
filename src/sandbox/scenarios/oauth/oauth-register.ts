import { jsonResponse } from "../json-response.ts";
import { limits, minAccessTokenLifetimeSeconds, type Client, type OAuthContext } from "./oauth-context.ts";
import { methodNotAllowed, oauthError } from "./oauth-responses.ts";

function isLoopback(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "[::1]" || hostname === "localhost";
}

/** The request's client metadata as a JSON object, or the error that says why it is not one (RFC 7591 §3.1). */
async function readClientMetadata(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    return oauthError(400, "invalid_client_metadata", "Send the client metadata as application/json (RFC 7591 §3.1).");
  const text = await request.text();
  if (text.length > limits.registration)
    return oauthError(
      400,
      "invalid_client_metadata",
      `The client metadata is longer than ${limits.registration} characters.`,
    );
  let metadata: unknown;
  try {
    metadata = JSON.parse(text);
  } catch {
    return oauthError(400, "invalid_client_metadata", "The request content is not JSON (RFC 7591 §3.1).");
  }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
    return oauthError(400, "invalid_client_metadata", "The client metadata must be a JSON object (RFC 7591 §3.1).");
  return metadata as Record<string, unknown>;
}

/** The error for the first redirect URI the sandbox will not register, or undefined when all are acceptable. */
function redirectUrisError(uris: unknown, origin: string): Response | undefined {
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > limits.redirectUris)
    return oauthError(
      400,
      "invalid_redirect_uri",
      `Give redirect_uris: 1 to ${limits.redirectUris} URLs (RFC 7591 §2).`,
    );
  for (const uri of uris) {
    if (typeof uri !== "string" || uri.length > limits.redirectUri)
      return oauthError(
        400,
        "invalid_redirect_uri",
        `Each redirect URI is a string of at most ${limits.redirectUri} characters.`,
      );
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return oauthError(400, "invalid_redirect_uri", `${uri} is not an absolute URL (RFC 6749 §3.1.2).`);
    }
    if (url.hash !== "" || uri.includes("#"))
      return oauthError(
        400,
        "invalid_redirect_uri",
        `${uri} has a fragment; redirect URIs must not (RFC 6749 §3.1.2).`,
      );
    if ((url.protocol !== "http:" && url.protocol !== "https:") || (url.origin !== origin && !isLoopback(url.hostname)))
      return oauthError(
        400,
        "invalid_redirect_uri",
        `${uri} is neither on this origin nor on a loopback address (RFC 8252 §7.3): the sandbox sends nothing elsewhere.`,
      );
  }
  return undefined;
}

/** The error for the first other metadata member the sandbox refuses (RFC 7591 §2), or undefined. */
function clientOptionsError(m: Record<string, unknown>, longest: number): Response | undefined {
  const method = m["token_endpoint_auth_method"];
  if (method !== undefined && method !== "none")
    return oauthError(
      400,
      "invalid_client_metadata",
      'The sandbox registers public clients only: token_endpoint_auth_method "none" (RFC 7591 §2).',
    );
  const grants = m["grant_types"];
  if (
    grants !== undefined &&
    (!Array.isArray(grants) || grants.some((g) => g !== "authorization_code" && g !== "refresh_token"))
  )
    return oauthError(
      400,
      "invalid_client_metadata",
      "grant_types may hold authorization_code and refresh_token only.",
    );
  const responses = m["response_types"];
  if (responses !== undefined && (!Array.isArray(responses) || responses.some((r) => r !== "code")))
    return oauthError(400, "invalid_client_metadata", "response_types may hold code only.");
  const name = m["client_name"];
  if (name !== undefined && (typeof name !== "string" || name.length > limits.clientName))
    return oauthError(
      400,
      "invalid_client_metadata",
      `client_name is a string of at most ${limits.clientName} characters.`,
    );
  const dpop = m["dpop_bound_access_tokens"];
  if (dpop !== undefined && typeof dpop !== "boolean")
    return oauthError(400, "invalid_client_metadata", "dpop_bound_access_tokens is true or false (RFC 9449 §5.2).");
  // The sandbox's own metadata (RFC 7591 §2): a client may ask for shorter-lived access tokens.
  const lifetime = m["access_token_lifetime"];
  if (
    lifetime !== undefined &&
    (typeof lifetime !== "number" ||
      !Number.isInteger(lifetime) ||
      lifetime < minAccessTokenLifetimeSeconds ||
      lifetime > longest)
  )
    return oauthError(
      400,
      "invalid_client_metadata",
      `access_token_lifetime is a whole number of seconds from ${minAccessTokenLifetimeSeconds} to ${longest}: a client may shorten its tokens' lives, not lengthen them.`,
    );
  return undefined;
}

/** The client that checked metadata describes. */
function clientOf(m: Record<string, unknown>): Client {
  const client: Client = { redirect_uris: m["redirect_uris"] as string[] };
  const name = m["client_name"];
  if (typeof name === "string") client.client_name = name;
  if (m["dpop_bound_access_tokens"] === true) client.dpop = true;
  const lifetime = m["access_token_lifetime"];
  if (typeof lifetime === "number") client.access_token_lifetime = lifetime;
  return client;
}

/** The registration answer (RFC 7591 §3.2.1): the client's id and the metadata the sandbox holds it to. */
function registered(client: Client, clientId: string, issuedAt: number): Response {
  return jsonResponse(
    201,
    {
      client_id: clientId,
      client_id_issued_at: issuedAt,
      ...(client.client_name === undefined ? {} : { client_name: client.client_name }),
      redirect_uris: client.redirect_uris,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      ...(client.dpop === true ? { dpop_bound_access_tokens: true } : {}),
      ...(client.access_token_lifetime === undefined ? {} : { access_token_lifetime: client.access_token_lifetime }),
    },
    { "Cache-Control": "no-store" },
  );
}

/** Dynamic client registration (RFC 7591 §3): public clients with same-origin or loopback redirect URIs. */
export function registrationEndpoint(ctx: OAuthContext) {
  const { seconds, seal, options } = ctx;
  const register = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const metadata = await readClientMetadata(request);
    if (metadata instanceof Response) return metadata;
    // The server's own origin: in the service worker the page's; on `npm start` the URL is built
    // only from a Host that is one of the server's names (src/server/own-names.ts), never from a
    // client's Host alone, so a forged Host cannot register its own redirect URIs.
    const origin = new URL(request.url).origin;
    const refusal =
      redirectUrisError(metadata["redirect_uris"], origin) ??
      clientOptionsError(metadata, options.accessTokenLifetimeSeconds);
    if (refusal !== undefined) return refusal;
    const client = clientOf(metadata);
    return registered(client, await seal("client-id+jwt", client), seconds());
  };

  return { register };
}
