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
