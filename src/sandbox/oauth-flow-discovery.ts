/**
 * The OAuth client's discovery and identity (oauth-flow.ts), in the order the MCP authorization
 * specification (revision 2025-11-25) gives: the protected resource metadata from the challenge's
 * resource_metadata (RFC 9728 §5.1), else at its well-known URL with the resource's path inserted,
 * then at the root (§3.1); the authorization server's metadata at RFC 8414 §3.1's path-inserted
 * URL, then OpenID Connect discovery path-inserted, then path-appended. Every attempt is a step, a
 * 404 too. Without resource metadata, MCP 2025-03-26's fallbacks: the MCP server's origin is the
 * authorization server, and without its metadata its endpoints are /authorize, /token, /register.
 * Then the client_id: pre-registered credentials, else a Client ID Metadata Document when the
 * server takes one, else RFC 7591 registration.
 */
import {
  combinedField,
  lintAuthorizationServerMetadata,
  lintProtectedResourceMetadata,
  parseJsonObject,
  wellKnownUrl,
  type Exchange,
} from "../http/index.ts";
import {
  acceptJson,
  authorizationServer,
  errorsOf,
  jsonError,
  resourceServer,
  statusLine,
  Stop,
  oauthChallenge,
  type ClientCredentials,
  type OAuthSession,
  type OAuthStep,
} from "./oauth-flow-session.ts";

type Phase<T> = AsyncGenerator<OAuthStep, T>;

/** A fetched metadata document, as the metadata lints read it. */
const documentOf = (exchange: Exchange) => ({
  url: exchange.request.url,
  status: exchange.response.status,
  contentType: combinedField(exchange.response.headers, "content-type")?.value,
  body: exchange.response.body,
});

const unique = (urls: Array<string | undefined>): string[] => [
  ...new Set(urls.filter((url): url is string => url !== undefined)),
];

/** The same URL, however written (`http://a` and `http://a/`). */
function sameUrl(a: unknown, b: string): boolean {
  try {
    return typeof a === "string" && new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * Where to look for a resource's metadata without a resource_metadata (RFC 9728 §3.1, MCP
 * 2025-11-25): the path-inserted well-known URL, then the root's. Each with the identifier it was
 * made from, which the document's resource must equal (§3.3).
 */
export function resourceMetadataUrls(resourceUrl: string): Array<{ url: string; identifier: string }> {
  const origin = new URL(resourceUrl).origin;
  const urls = [
    { url: wellKnownUrl(resourceUrl, "oauth-protected-resource"), identifier: resourceUrl },
    { url: `${origin}/.well-known/oauth-protected-resource`, identifier: origin },
  ];
  return urls.filter(
    (entry, index): entry is { url: string; identifier: string } =>
      entry.url !== undefined && urls.findIndex((other) => other.url === entry.url) === index,
  );
}

/**
 * Where to look for an authorization server's metadata (MCP 2025-11-25, Authorization Server
 * Metadata Discovery): RFC 8414 §3.1 path-inserted, OpenID Connect Discovery path-inserted, then
 * path-appended (OpenID Connect Discovery 1.0 §4); an issuer without a path has two.
 */
export function serverMetadataUrls(issuer: string): string[] {
  return unique([
    wellKnownUrl(issuer, "oauth-authorization-server"),
    wellKnownUrl(issuer, "openid-configuration"),
    `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
  ]);
}

/** The scopes a document lists (RFC 9728 §2 scopes_supported), space-separated, or undefined. */
function scopesOf(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const scopes = value.filter((scope): scope is string => typeof scope === "string" && scope !== "");
  return scopes.length === 0 ? undefined : scopes.join(" ");
}

/**
 * Discovery from the resource's 401 (`first`, not yet yielded): its challenge's resource_metadata
 * and scope, the resource's metadata, the authorization server's. Sets `session.server` and the
 * scope to ask for: the challenge's, else scopes_supported, else none (MCP 2025-11-25, Scope
 * Selection Strategy).
 */
export async function* discover(session: OAuthSession, first: OAuthStep): Phase<void> {
  const challenge = oauthChallenge(first.exchange);
  const named = challenge?.params["resource_metadata"];
  session.scope = challenge?.params["scope"];
  first.note =
    named === undefined
      ? "The challenge names no resource_metadata, so the client tries the resource's well-known URLs (RFC 9728 §3.1), in MCP's order."
      : `The ${challenge?.scheme ?? ""} challenge names the resource's metadata (resource_metadata, RFC 9728 §5.1)${session.scope === undefined ? "" : ` and the scope it needs, ${session.scope}`}.`;
  yield first;
  const issuer = yield* resourceMetadata(session, named);
  if (issuer === undefined) yield* legacyServer(session);
  else yield* serverMetadata(session, issuer);
  session.scope ??= session.scopesSupported;
}

/** The protected resource metadata (RFC 9728 §3): the issuer it names, or undefined when there is none to find. */
async function* resourceMetadata(session: OAuthSession, named: string | undefined): Phase<string | undefined> {
  const candidates =
    named === undefined
      ? resourceMetadataUrls(session.resourceUrl)
      : [{ url: session.local(named, "The resource_metadata URL"), identifier: session.resourceUrl }];
  for (const [index, candidate] of candidates.entries()) {
    const step = await fetchDocument(
      session,
      resourceServer,
      index === 0 ? "Fetched the resource's metadata" : "Tried the resource's metadata at the root",
      candidate.url,
    );
    if (named === undefined && step.exchange.response.status !== 200) {
      step.note = `Not here (${statusLine(step.exchange)}): the client tries the next URL.`;
      if (index === candidates.length - 1)
        step.note = `Not here (${statusLine(step.exchange)}) either. No resource metadata: as MCP 2025-03-26 says, the MCP server's origin is the authorization server.`;
      yield step;
      continue;
    }
    return yield* useResourceMetadata(session, step, candidate.identifier);
  }
  return undefined;
}

/** One GET for a metadata document, as a step not yet yielded (the policy may refuse the URL: a Stop). */
function fetchDocument(
  session: OAuthSession,
  server: OAuthStep["server"],
  label: string,
  url: string,
): Promise<OAuthStep> {
  return session.send(server, label, "GET", session.local(url, "The metadata URL"), [acceptJson]);
}

/** A resource metadata document that answered: linted, and its issuer, resource and scopes taken. */
async function* useResourceMetadata(session: OAuthSession, step: OAuthStep, identifier: string): Phase<string> {
  const declared = parseJsonObject(step.exchange.response.body)?.["resource"];
  // RFC 9728 §3.3: the identifier the URL was made from, however written (a root's "/" or none).
  const expected = typeof declared === "string" && sameUrl(declared, identifier) ? declared : identifier;
  const lint = lintProtectedResourceMetadata(documentOf(step.exchange), expected);
  step.findings.push(...lint.findings);
  // The lint keeps only https issuers; an http one on this origin is shown as an error and still followed (errorsOf).
  const servers = lint.metadata?.["authorization_servers"];
  const issuer = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : undefined;
  step.note =
    issuer === undefined
      ? "The document names no authorization server."
      : `The resource takes tokens from the authorization server ${issuer}.`;
  yield step;
  const errors = errorsOf(lint.findings);
  if (errors.length > 0 || issuer === undefined)
    throw new Stop(
      "stopped",
      `The client must not use this metadata: ${errors[0]?.message ?? "it names no authorization server."}`,
    );
  if (typeof declared === "string") session.resource = declared;
  session.scopesSupported = scopesOf(lint.metadata?.["scopes_supported"]);
  return issuer;
}

/** The authorization server's metadata (RFC 8414 §3), tried at each URL in MCP's order until one answers 200. */
async function* serverMetadata(session: OAuthSession, issuer: string): Phase<void> {
  const urls = serverMetadataUrls(issuer);
  for (const [index, url] of urls.entries()) {
    const kind = url.includes("/openid-configuration") ? "OpenID Connect discovery document" : "metadata";
    const step = await fetchDocument(
      session,
      authorizationServer,
      `${index === 0 ? "Fetched" : "Tried"} the authorization server's ${kind}`,
      url,
    );
    if (step.exchange.response.status !== 200) {
      step.note = `Not here (${statusLine(step.exchange)})${index < urls.length - 1 ? ": the client tries the next URL." : "."}`;
      yield step;
      continue;
    }
    return yield* useServerMetadata(session, step, issuer, false);
  }
  throw new Stop(
    "stopped",
    `The authorization server ${issuer} publishes no metadata at any of the ${urls.length} URLs.`,
  );
}

/** A metadata document that answered: linted (issuer, S256), and its endpoints, each allowed by the policy. */
async function* useServerMetadata(
  session: OAuthSession,
  step: OAuthStep,
  issuer: string,
  legacy: boolean,
): Phase<void> {
  const lint = lintAuthorizationServerMetadata(documentOf(step.exchange), issuer);
  step.findings.push(...lint.findings);
  step.note = legacy
    ? "Found at the origin's root. MCP 2025-03-26 asks no issuer match here, so the client uses its endpoints."
    : "It names the authorization and token endpoints, how clients register, and the PKCE methods it supports.";
  yield step;
  const errors = errorsOf(lint.findings).filter((finding) => !legacy || finding.id !== "as-metadata-issuer-mismatch");
  const metadata = lint.metadata;
  if (errors.length > 0 || metadata === undefined)
    throw new Stop(
      "stopped",
      `The client must not use this metadata: ${errors[0]?.message ?? "it is not a JSON object."}`,
    );
  const registration = metadata["registration_endpoint"];
  session.server = {
    issuer: legacy && typeof metadata["issuer"] === "string" ? metadata["issuer"] : issuer,
    metadata,
    registrationEndpoint:
      registration === undefined ? undefined : session.local(registration, "The registration_endpoint"),
    authorizationEndpoint: session.local(metadata["authorization_endpoint"], "The authorization_endpoint"),
    tokenEndpoint: session.local(metadata["token_endpoint"], "The token_endpoint"),
  };
}

/**
 * MCP 2025-03-26 (Server Metadata Discovery, Fallbacks): no resource metadata, so the MCP server's
 * origin is the authorization server; its RFC 8414 metadata at the root, else the default
 * endpoints /authorize, /token and /register there.
 */
async function* legacyServer(session: OAuthSession): Phase<void> {
  const origin = new URL(session.resourceUrl).origin;
  const step = await fetchDocument(
    session,
    authorizationServer,
    "Fetched the metadata at the MCP server's origin",
    `${origin}/.well-known/oauth-authorization-server`,
  );
  if (step.exchange.response.status === 200) return yield* useServerMetadata(session, step, origin, true);
  step.note = `Not here (${statusLine(step.exchange)}): as MCP 2025-03-26 says, the client uses the default endpoints /authorize, /token and /register at ${origin}.`;
  yield step;
  session.server = {
    issuer: origin,
    metadata: {},
    registrationEndpoint: session.local(`${origin}/register`, "The default registration endpoint"),
    authorizationEndpoint: session.local(`${origin}/authorize`, "The default authorization endpoint"),
    tokenEndpoint: session.local(`${origin}/token`, "The default token endpoint"),
  };
}

type AuthMethod = ClientCredentials["authMethod"];
const authMethods: readonly AuthMethod[] = ["client_secret_basic", "client_secret_post", "none"];
const isAuthMethod = (value: unknown): value is AuthMethod => authMethods.some((method) => method === value);

/** token_endpoint_auth_methods_supported, or RFC 8414 §2's default, client_secret_basic. */
function supportedAuthMethods(metadata: Record<string, unknown>): string[] {
  const listed = metadata["token_endpoint_auth_methods_supported"];
  return Array.isArray(listed)
    ? listed.filter((method): method is string => typeof method === "string")
    : ["client_secret_basic"];
}

/** How a client with (or without) a secret authenticates at this server's token endpoint (RFC 6749 §2.3.1). */
export function chooseAuthMethod(metadata: Record<string, unknown>, hasSecret: boolean): AuthMethod {
  if (!hasSecret) return "none";
  const supported = supportedAuthMethods(metadata);
  return supported.includes("client_secret_basic")
    ? "client_secret_basic"
    : supported.includes("client_secret_post")
      ? "client_secret_post"
      : "none";
}

/**
 * The client's identity (MCP 2025-11-25, Client Registration Approaches, in its order):
 * pre-registered credentials; else, when the server says client_id_metadata_document_supported,
 * the URL of the client's metadata document as its client_id; else RFC 7591 registration.
 */
export async function* identify(session: OAuthSession): Phase<void> {
  const server = session.server;
  if (server === undefined) throw new Stop("failed", "The client found no authorization server.");
  const given = session.setup.preRegistered;
  if (given !== undefined) {
    const authMethod = chooseAuthMethod(server.metadata, given.clientSecret !== undefined);
    session.credentials = { clientId: given.clientId, clientSecret: given.clientSecret, authMethod };
    session.clientHow = "used its pre-registered credentials";
    session.clientNote = `The client uses the client_id registered for it beforehand (${authMethod} at the token endpoint). `;
    return;
  }
  if (server.metadata["client_id_metadata_document_supported"] === true && session.clientMetadataUrl !== undefined) {
    session.credentials = { clientId: session.clientMetadataUrl, clientSecret: undefined, authMethod: "none" };
    session.clientHow = "used its client metadata document";
    session.clientNote =
      "The server takes client metadata documents, so the client_id is the URL of the client's own (draft-ietf-oauth-client-id-metadata-document): the server fetches it, no registration. ";
    return;
  }
  if (server.metadata["client_id_metadata_document_supported"] === true && session.clientMetadataMismatch !== undefined)
    session.clientNote = `${session.clientMetadataMismatch}it registered instead (RFC 7591). `;
  if (server.registrationEndpoint === undefined)
    throw new Stop(
      "stopped",
      "The authorization server takes no client metadata document and offers no registration, and the client has no pre-registered credentials.",
    );
  yield* register(session, server.registrationEndpoint);
}

/** Dynamic client registration (RFC 7591 §3): a public client when the server allows one, this page as redirect URI. */
async function* register(session: OAuthSession, endpoint: string): Phase<void> {
  const metadata = session.server?.metadata ?? {};
  const supported = supportedAuthMethods(metadata);
  const asked: AuthMethod = supported.includes("none") ? "none" : chooseAuthMethod(metadata, true);
  const registration = await session.send(
    authorizationServer,
    "Registered as a new client",
    "POST",
    endpoint,
    [["Content-Type", "application/json"], acceptJson],
    JSON.stringify({
      client_name: "HTTP Status Lab sandbox client",
      redirect_uris: [session.redirectUri],
      token_endpoint_auth_method: asked,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    }),
  );
  const issued = parseJsonObject(registration.exchange.response.body);
  const clientId = issued?.["client_id"];
  const secret = typeof issued?.["client_secret"] === "string" ? issued["client_secret"] : undefined;
  const method = issued?.["token_endpoint_auth_method"];
  registration.note =
    typeof clientId !== "string"
      ? "The server registered no client."
      : secret === undefined
        ? "The server issued a client_id; as a public client, it has no secret and proves itself with PKCE."
        : "The server issued a client_id and a client_secret, which the client sends to the token endpoint.";
  yield registration;
  if (registration.exchange.response.status !== 201 || typeof clientId !== "string")
    throw new Stop(
      "refused",
      `Registration failed: ${statusLine(registration.exchange)} ${jsonError(registration.exchange.response.body) ?? ""}`.trim(),
    );
  const authMethod = isAuthMethod(method) ? method : chooseAuthMethod(metadata, secret !== undefined);
  session.credentials = { clientId, clientSecret: secret, authMethod };
}
