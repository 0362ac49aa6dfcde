/**
 * Sets of status codes that code acts on, kept beside the registry data as jshttp/statuses keeps
 * its `redirect`, `empty` and `retry` sets: the redirect follower (src/sandbox/redirect.ts) asks
 * `redirectStatuses`, the status handler and the samples `noContentStatuses`.
 */
import { statusResponses } from "./status-responses.ts";

/** The redirections that carry a Location to follow (RFC 9110 §15.4.2-§15.4.9): 300, 304 and 305 do not. */
export const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The codes whose response has no content (RFC 9110 §15.3.5, §15.3.6, §15.4.5): the rows of the response table that say so. */
export const noContentStatuses: ReadonlySet<number> = new Set(
  Object.entries(statusResponses)
    .filter(([, traits]) => traits.body === "none")
    .map(([code]) => Number(code)),
);

/** The server errors a client may retry later (RFC 9110 §15.6.3, §15.6.4, §15.6.5: 502, 503, 504). */
export const retryableStatuses: ReadonlySet<number> = new Set([502, 503, 504]);

/** The codes a cache may store and give a heuristic freshness lifetime without explicit freshness (RFC 9110 §15.1). */
export const heuristicallyCacheableStatuses: ReadonlySet<number> = new Set([
  200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501,
]);
