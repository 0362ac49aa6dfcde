/**
 * Splits a request URL into the request-target in origin-form (RFC 9112 §3.2.1: path and query,
 * never the fragment) and the Host value (RFC 9110 §7.2), if the URL is absolute. A relative URL
 * such as "/api/bearer?x=1" gives its path and query and no host. Never throws.
 */
export function requestTarget(url: string): { target: string; host: string | undefined; origin: string | undefined } {
  const withoutFragment = url.split("#", 1)[0] ?? "";
  try {
    const parsed = new URL(withoutFragment);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return { target: `${parsed.pathname}${parsed.search}`, host: parsed.host, origin: parsed.origin };
    }
  } catch {
    // not an absolute URL: fall through
  }
  if (withoutFragment === "") return { target: "/", host: undefined, origin: undefined };
  return { target: withoutFragment, host: undefined, origin: undefined };
}
