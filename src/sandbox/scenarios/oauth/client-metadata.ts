import { parseJsonObject, shorten } from "../../../http/index.ts";
import type { Client } from "./oauth-context.ts";

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document, which the MCP
 * authorization specification of 2025-11-25 ranks before dynamic registration): a client_id that is
 * an https URL names a JSON document describing the client. The authorization server fetches it,
 * checks it, and caches it for a bounded time. How it is fetched is the transport's (the page's
 * own origin in the service worker and the page, the probe's address policy on `npm start`), given
 * as a `ClientMetadataSource`; everything else is here, the same in every transport.
 * decisions/mcp-authorization.md says what is implemented and what is left out.
 */

/** What a transport read at a client_id URL: the response, or why nothing was read. */
export type FetchedDocument =
  | { ok: true; status: number; contentType: string; cacheControl: string; body: string; truncated: boolean }
  | { ok: false; message: string };

export type ClientMetadataSource = {
  /** Fetches a client_id URL once, following no redirect (draft §5), reading at most `maxDocumentBytes` + 1 bytes. */
  fetch?: (url: string) => Promise<FetchedDocument>;
  /** The site's own published document (`<base>oauth/client-metadata.json`) from this build, read without the network. */
  own?: () => Promise<FetchedDocument>;
};

/** A client_id resolved to a client, or the OAuth error that says why not. */
export type ResolvedClient =
  | { ok: true; client: Client }
  | { ok: false; error: "invalid_client" | "invalid_request" | "temporarily_unavailable"; description: string };

/** The draft's recommended read limit (Security Considerations, "Maximum Response Size"): 5 kilobytes. */
export const maxDocumentBytes = 5_120;
/** Cache bounds: entries, the lifetime without Cache-Control, and the longest honoured max-age. */
export const documentCache = { entries: 100, defaultMs: 300_000, longestMs: 3_600_000 } as const;
/** The longest client identifier URL taken (the cache keys by it). */
export const maxClientIdUrlLength = 2_048;
/** Distinct documents fetched at the same time, per handler set; more are refused, not queued. */
export const maxFetchesInFlight = 8;

const sharedSecretMethods = new Set(["client_secret_basic", "client_secret_post", "client_secret_jwt"]);
const urlMembers = ["client_uri", "logo_uri", "tos_uri", "policy_uri", "jwks_uri"];

/**
 * Why a value cannot be a Client Identifier URL (draft §3), or undefined: https, no userinfo, a path,
 * no "." or ".." segment (also percent-encoded), no fragment. A query is allowed (the draft only advises against one).
 * Checked on the raw text, since the URL parser would resolve dot segments and hide them.
 */
export function clientIdUrlProblem(value: string): string | undefined {
  const shown = shorten(value, 120);
  if (value.length > maxClientIdUrlLength)
    return `The client_id is ${value.length} characters long; this server takes client identifier URLs of at most ${maxClientIdUrlLength} (the draft recommends short ones, §3).`;
  if (!/^https:\/\//i.test(value))
    return `The client_id ${shown} is a URL but not an https one; a client identifier URL must use https (draft-ietf-oauth-client-id-metadata-document §3).`;
  if (/[\u0000-\u0020\u007f\\]/.test(value))
    return `The client_id ${shown} has a space, a control character or a backslash.`;
  if (value.includes("#")) return `The client_id ${shown} has a fragment; a client identifier URL must not (draft §3).`;
  const rest = value.slice("https://".length);
  const authority = rest.split(/[/?#]/, 1)[0] ?? "";
  if (authority.includes("@")) return `The client_id ${shown} carries a user name or password; it must not (draft §3).`;
  const path = rest.slice(authority.length).split("?", 1)[0] ?? "";
  if (!path.startsWith("/") || path === "/")
    return `The client_id ${shown} has no path; a client identifier URL must contain one (draft §3), and the root is not recommended.`;
  if (path.split("/").some((segment) => /^(\.|%2e){1,2}$/i.test(segment)))
    return `The client_id ${shown} has a "." or ".." path segment; a client identifier URL must not (draft §3).`;
  try {
    new URL(value);
  } catch {
    return `The client_id ${shown} is not a URL.`;
  }
  return undefined;
}

/** How long a checked document may be kept (draft §5.2: honour HTTP caching within the server's bounds), in ms. */
export function cacheLifetimeMs(cacheControl: string): number {
  const directives = cacheControl.toLowerCase();
  if (/(^|,)\s*(no-store|no-cache)\b/.test(directives)) return 0;
  const maxAge = /(^|,)\s*max-age\s*=\s*"?(\d{1,10})"?/.exec(directives)?.[2];
  if (maxAge === undefined) return documentCache.defaultMs;
  return Math.min(Number(maxAge) * 1000, documentCache.longestMs);
}

type Verdict = { ok: true; client: Client } | { ok: false; description: string };
const refused = (description: string): Verdict => ({ ok: false, description });

/** The response around the document (draft §4, §5): 200, JSON, within the size bound. */
function responseProblem(url: string, fetched: FetchedDocument): string | undefined {
  if (!fetched.ok) return `The client metadata document at ${url} could not be fetched: ${fetched.message}`;
  if (fetched.status !== 200)
    return `The client metadata document at ${url} answered ${fetched.status}; it must be served with 200, and redirects are not followed (draft §5).`;
  if (fetched.truncated || new TextEncoder().encode(fetched.body).length > maxDocumentBytes)
    return `The client metadata document at ${url} is larger than ${maxDocumentBytes} bytes, the most this server reads (draft, "Maximum Response Size").`;
  const type = fetched.contentType.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type))
    return `The client metadata document at ${url} is served as ${type === "" ? "no media type" : type}, not application/json (draft §4).`;
  return undefined;
}

/** redirect_uris of a document: 1 to 10 absolute http(s) URLs without fragments, or the problem. */
function redirectUrisOf(value: unknown): string[] | string {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10)
    return "it lists no redirect_uris (1 to 10 URLs), which the authorization code flow needs (draft §4.2)";
  const uris: string[] = [];
  for (const uri of value) {
    if (typeof uri !== "string" || uri.length > 256 || uri.includes("#") || !/^https?:\/\//i.test(uri))
      return "each of its redirect_uris must be an absolute http or https URL of at most 256 characters, without a fragment (RFC 6749 §3.1.2)";
    uris.push(uri);
  }
  return uris;
}

/** What the sandbox does not serve in a valid document (answered unauthorized_client), or undefined. */
function unsupportedOf(m: Record<string, unknown>): string | undefined {
  if (m["token_endpoint_auth_method"] === "private_key_jwt")
    return "The client declares private_key_jwt; this sandbox serves public clients only (token_endpoint_auth_method none).";
  const grants = m["grant_types"];
  if (Array.isArray(grants) && !grants.includes("authorization_code"))
    return "The client's grant_types do not include authorization_code, the only flow this sandbox runs.";
  const responses = m["response_types"];
  if (Array.isArray(responses) && !responses.includes("code"))
    return "The client's response_types do not include code.";
  return undefined;
}

/** The document's members (draft §4, §4.1), checked; the client they describe, or the problem. */
function clientOfDocument(url: string, m: Record<string, unknown>): Verdict {
  const where = `The client metadata document at ${url}`;
  if (m["client_id"] !== url)
    return refused(
      `${where} names the client_id ${shorten(JSON.stringify(m["client_id"] ?? null), 120)}; it must be exactly the document's URL (draft §4, RFC 3986 §6.2.1).`,
    );
  const method = m["token_endpoint_auth_method"];
  if (method !== undefined && (typeof method !== "string" || sharedSecretMethods.has(method)))
    return refused(
      `${where} declares a shared-secret token_endpoint_auth_method, which a metadata document must not (draft §4.1).`,
    );
  if ("client_secret" in m || "client_secret_expires_at" in m)
    return refused(`${where} carries a client_secret; a metadata document must not (draft §4.1).`);
  const redirectUris = redirectUrisOf(m["redirect_uris"]);
  if (typeof redirectUris === "string") return refused(`${where} is not usable: ${redirectUris}.`);
  const name = m["client_name"];
  if (name !== undefined && (typeof name !== "string" || name.length > 100))
    return refused(`${where} has a client_name that is not a string of at most 100 characters.`);
  for (const member of urlMembers) {
    const value = m[member];
    if (value !== undefined && (typeof value !== "string" || !/^https:\/\//i.test(value)))
      return refused(`${where} has a ${member} that is not an https URL (draft, "Server Side Request Forgery").`);
  }
  const client: Client = { redirect_uris: redirectUris, document_host: new URL(url).host };
  if (typeof name === "string") client.client_name = name;
  if (m["dpop_bound_access_tokens"] === true) client.dpop = true;
  const unsupported = unsupportedOf(m);
  if (unsupported !== undefined) client.unsupported = unsupported;
  return { ok: true, client };
}

/** A fetched document, read and checked (draft §4, §4.1, §5); never cached when refused (§5.2). */
export function readClientDocument(url: string, fetched: FetchedDocument): Verdict & { lifetimeMs?: number } {
  const problem = responseProblem(url, fetched);
  if (problem !== undefined || !fetched.ok) return refused(problem ?? "");
  const metadata = parseJsonObject(fetched.body);
  if (metadata === undefined) return refused(`The client metadata document at ${url} is not a JSON object (draft §4).`);
  const verdict = clientOfDocument(url, metadata);
  return verdict.ok ? { ...verdict, lifetimeMs: cacheLifetimeMs(fetched.cacheControl) } : verdict;
}

/** A Response read as a FetchedDocument, at most `maxDocumentBytes` + 1 bytes of it (for fetch-based transports). */
export async function fetchedDocumentOf(response: Response): Promise<FetchedDocument> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader !== undefined && size <= maxDocumentBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader?.cancel().catch(() => {});
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const truncated = size > maxDocumentBytes;
  return {
    ok: true,
    status: response.type === "opaqueredirect" ? 302 : response.status,
    contentType: response.headers.get("Content-Type") ?? "",
    cacheControl: response.headers.get("Cache-Control") ?? "",
    body: new TextDecoder().decode(truncated ? bytes.slice(0, maxDocumentBytes) : bytes),
    truncated,
  };
}

/**
 * Resolves URL client_ids for one authorization server: the cache first (bounded entries, each
 * until its lifetime), then the site's own document when it is the one named, then the transport's
 * fetch. One fetch per URL at a time, at most `maxFetchesInFlight` URLs at once.
 */
export function createClientResolver(source: ClientMetadataSource, now: () => number) {
  const cache = new Map<string, { client: Client; until: number }>();
  const inFlight = new Map<string, Promise<ResolvedClient>>();
  const remember = (url: string, client: Client, lifetimeMs: number) => {
    if (lifetimeMs <= 0) return;
    for (const [key, entry] of cache) if (entry.until <= now()) cache.delete(key);
    cache.delete(url);
    cache.set(url, { client, until: now() + lifetimeMs });
    while (cache.size > documentCache.entries) cache.delete(cache.keys().next().value ?? "");
  };
  /** The document for `url`: the site's own when it is the one named, else the transport's fetch; never a throw. */
  const read = async (url: string): Promise<FetchedDocument> => {
    try {
      const own = await source.own?.();
      if (own?.ok === true && parseJsonObject(own.body)?.["client_id"] === url) return own;
      if (source.fetch === undefined)
        return { ok: false, message: "this copy of the sandbox fetches no client metadata documents." };
      return await source.fetch(url);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  const load = async (url: string): Promise<ResolvedClient> => {
    const fetched = await read(url);
    const verdict = readClientDocument(url, fetched);
    if (!verdict.ok) return { ok: false, error: "invalid_client", description: verdict.description };
    remember(url, verdict.client, verdict.lifetimeMs ?? 0);
    return { ok: true, client: verdict.client };
  };
  return async (url: string): Promise<ResolvedClient> => {
    const problem = clientIdUrlProblem(url);
    if (problem !== undefined) return { ok: false, error: "invalid_request", description: problem };
    const cached = cache.get(url);
    if (cached !== undefined && cached.until > now()) return { ok: true, client: cached.client };
    const running = inFlight.get(url);
    if (running !== undefined) return running;
    if (inFlight.size >= maxFetchesInFlight)
      return {
        ok: false,
        error: "temporarily_unavailable",
        description: `This server is fetching ${maxFetchesInFlight} client metadata documents already; try again in a few seconds.`,
      };
    const loading = load(url).finally(() => inFlight.delete(url));
    inFlight.set(url, loading);
    return loading;
  };
}
