/**
 * The well-known URL of a metadata document for an identifier URL: the well-known path is
 * inserted between the host and the identifier's path, and a trailing "/" of that path is
 * dropped first (RFC 8414 §3.1 for `oauth-authorization-server`, RFC 9728 §3.1 for
 * `oauth-protected-resource`): `https://as.example/tenant1` gives
 * `https://as.example/.well-known/oauth-authorization-server/tenant1`. A query is kept (RFC 9728
 * §3.1 allows one on a resource); a fragment is dropped. Undefined when `identifier` is not an
 * absolute http(s) URL.
 */
export function wellKnownUrl(identifier: string, suffix: string): string | undefined {
  let url: URL;
  try {
    url = new URL(identifier);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return `${url.origin}/.well-known/${suffix}${path}${url.search}`;
}
