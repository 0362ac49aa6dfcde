/** The hosts of an http loopback redirect URI (RFC 8252 §7.3), "localhost" included by the sandbox. */
export const loopbackHosts = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * Whether `given` is one of the client's redirect URIs: exactly (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3),
 * or, for an http loopback URI, with any port (RFC 8252 §7.3: the port is chosen at request time).
 * The sandbox extends the loopback rule to "localhost" (RFC 8252 §8.3 only advises against it).
 */
export function redirectUriMatches(registered: readonly string[], given: string): boolean {
  if (registered.includes(given)) return true;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" || !loopbackHosts.has(url.hostname)) return false;
  const portless = (u: URL) => `${u.protocol}//${u.hostname}${u.pathname}${u.search}`;
  return registered.some((uri) => {
    try {
      const known = new URL(uri);
      return known.protocol === "http:" && portless(known) === portless(url) && !uri.includes("@");
    } catch {
      return false;
    }
  });
}
