/**
 * The base path and canonical origin of the site, read from the environment (BASE_PATH, SITE).
 * A base path always starts and ends with "/", so `${base}status/401/` is always a valid path.
 */
export function siteBase(env: Record<string, string | undefined>): string {
  const raw = (env["BASE_PATH"] ?? "/").trim();
  const segments = raw.split("/").filter((segment) => segment !== "");
  return segments.length === 0 ? "/" : `/${segments.join("/")}/`;
}

/** The canonical origin, used for sitemap and canonical links. */
export function siteOrigin(env: Record<string, string | undefined>): string {
  return env["SITE"] ?? "http://localhost:4321";
}

/**
 * A path under the site's base: sitePath("/http-status-lab/", "status/401/") is
 * "/http-status-lab/status/401/". Every URL made from the base goes through here (ARCHITECTURE.md,
 * "Contracts"); `base` may also be an absolute prefix such as "http://localhost/".
 */
export function sitePath(base: string, path = ""): string {
  return `${base.endsWith("/") ? base : `${base}/`}${path.replace(/^\/+/, "")}`;
}

/** The sandbox API's root for a base path: `<base>api/`. */
export function apiRoot(base: string): string {
  return sitePath(base, "api/");
}

/** An endpoint's path under the API root; a leading "/" or "api/" typed by a reader is dropped. */
export function apiPath(base: string, endpoint: string): string {
  return `${apiRoot(base)}${endpoint
    .trim()
    .replace(/^\/+/, "")
    .replace(/^api\//, "")}`;
}

/**
 * The Server-Timing metric (W3C Server Timing) on every page the live server (`npm start`) serves,
 * and on no other host's: a page reads it from its own navigation entry to know that the live
 * server it could send commands to is the one it came from (decisions/copy-as.md). GitHub Pages
 * cannot send a header field a site chooses, so the published site never carries it.
 */
export const liveServerTiming = "http-status-lab-live";

/** Where the site publishes the sandbox client's Client ID Metadata Document, under the base path. */
export const clientMetadataPath = "oauth/client-metadata.json";

/**
 * The sandbox client's Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document
 * §4), as the build publishes it at `<site><base>oauth/client-metadata.json`: its client_id is that
 * URL itself. Its redirect URIs are the page the client comes back to (`<base>oauth/`) on the
 * published origin and on the loopback hosts, whose port the authorization server ignores (RFC 8252
 * §7.3), so the same document serves GitHub Pages and `npm start` on this machine.
 */
export function clientMetadataDocument(site: string, base: string) {
  const back = sitePath(base, "oauth/");
  return {
    client_id: new URL(sitePath(base, clientMetadataPath), site).href,
    client_name: "HTTP Status Lab sandbox client",
    client_uri: new URL(base, site).href,
    redirect_uris: [
      new URL(back, site).href,
      `http://127.0.0.1${back}`,
      `http://[::1]${back}`,
      `http://localhost${back}`,
    ],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  };
}
