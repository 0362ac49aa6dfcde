/**
 * The one redirect follower, for the sandbox client (follow.ts) and the probe (src/probe): given
 * the request sent and its response, whether to follow and with which request, as the Fetch
 * standard's HTTP-redirect fetch does (RFC 9110 §15.4). Pure: the caller sends, counts and words.
 */
import { redirectStatuses } from "../data/status-code-sets.ts";
import { combinedField, type HttpRequestRecord } from "../http/index.ts";

/** Fields about a request's content, which go with the body when a redirect turns a request into a GET (Fetch standard, HTTP-redirect fetch). */
const requestBodyFields = new Set(["content-type", "content-encoding", "content-language", "content-location"]);

/** Where a redirect may lead, and how many the caller follows. */
export interface RedirectPolicy {
  /** Most redirects to follow; `followed` counts the ones already followed. */
  maxRedirects: number;
  /**
   * Whether the follower may go to `target` (resolved against the request's URL); every target by
   * default. The sandbox client allows its API only; the probe, the origin the user named.
   */
  allows?: (target: URL) => boolean;
}

/** What to do after one response. */
export type RedirectStep =
  | { kind: "final" }
  | { kind: "no-location" }
  | { kind: "not-a-url"; location: string }
  | { kind: "not-allowed"; target: URL }
  | { kind: "too-many" }
  | { kind: "follow"; target: URL; request: HttpRequestRecord; toGet: boolean };

/**
 * Whether a redirect turns the request into a GET without its body (Fetch standard, HTTP-redirect
 * fetch; RFC 9110 §15.4.2, §15.4.3, §15.4.4): 303 for any method but GET and HEAD, 301 and 302
 * for a POST. 307 and 308 repeat method and body.
 */
export function redirectsToGet(status: number, method: string): boolean {
  const upper = method.trim().toUpperCase() || "GET";
  return (
    ((status === 301 || status === 302) && upper === "POST") || (status === 303 && upper !== "GET" && upper !== "HEAD")
  );
}

/** A request's header fields without the ones about its content (for a redirect that drops the body). */
export function withoutBodyFields(headers: ReadonlyArray<[string, string]>): Array<[string, string]> {
  return headers.filter(([name]) => !requestBodyFields.has(name.toLowerCase()));
}

/**
 * The next step after `response` to `request`: "final" when it is not a redirect with a Location
 * to follow (301, 302, 303, 307, 308), else a stop (no Location, a Location that is not a URL, a
 * target the policy refuses, too many redirects) or the request to send next.
 */
export function nextRedirect(
  request: HttpRequestRecord,
  response: { status: number; headers: Array<[string, string]> },
  followed: number,
  policy: RedirectPolicy,
): RedirectStep {
  if (!redirectStatuses.has(response.status)) return { kind: "final" };
  const location = combinedField(response.headers, "location")?.value;
  if (location === undefined) return { kind: "no-location" };
  let target: URL;
  try {
    target = new URL(location, request.url);
  } catch {
    return { kind: "not-a-url", location };
  }
  if (policy.allows !== undefined && !policy.allows(target)) return { kind: "not-allowed", target };
  if (followed >= policy.maxRedirects) return { kind: "too-many" };
  const toGet = redirectsToGet(response.status, request.method);
  const next: HttpRequestRecord = toGet
    ? { method: "GET", url: target.href, headers: withoutBodyFields(request.headers) }
    : { ...request, url: target.href };
  return { kind: "follow", target, request: next, toGet };
}
