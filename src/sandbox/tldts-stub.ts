/**
 * Stands in for the `tldts` package in the browser bundle only (a Vite alias in astro.config.mjs).
 *
 * Why: msw's cookie store uses tough-cookie, which asks tldts for a host's registrable domain; tldts
 * carries the whole Public Suffix List, over 100 KiB gzip, which doubled the sandbox's first-load
 * JavaScript. The sandbox's handlers set and read no cookies, so a registrable domain is never
 * needed for a decision; the last two labels of the host are answer enough. Node (the live server,
 * the tests) keeps the real tldts.
 */
export function getDomain(hostname: string): string | null {
  const labels = String(hostname).replace(/\.$/, "").split(".");
  return labels.length < 2 ? null : labels.slice(-2).join(".");
}
