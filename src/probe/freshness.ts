/**
 * How long a cache may reuse a response without asking the server again, computed as RFC 9111
 * §4.2.1 does (s-maxage for a shared cache, then max-age, then Expires minus Date) or, without
 * explicit freshness, heuristically as §4.2.2 allows (a fraction of the time since Last-Modified:
 * the RFC names 10% as typical), with the reason as a sentence for the report.
 */
import { heuristicallyCacheableStatuses } from "../data/status-code-sets.ts";
import {
  combinedField,
  deltaSeconds,
  parseCacheControl,
  parseHttpDate,
  rfcReference,
  type Citation,
  type HeaderList,
} from "../http/index.ts";

export interface Freshness {
  /** Seconds a shared cache may reuse it; undefined when it is not stored or gets no lifetime. */
  lifetimeSeconds: number | undefined;
  source: "no-store" | "s-maxage" | "max-age" | "expires" | "heuristic" | "none";
  /** Why, in a sentence: which field decided and what it means for a cache. */
  reason: string;
  rfc: Citation;
  /** Stored but validated before each reuse (no-cache). */
  validateEachTime: boolean;
}

const duration = (seconds: number): string => {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} days`;
};

/** The explicit lifetime from Cache-Control, or undefined. */
function explicit(
  directives: Map<string, string>,
): Pick<Freshness, "lifetimeSeconds" | "source" | "reason" | "rfc"> | undefined {
  for (const name of ["s-maxage", "max-age"] as const) {
    const seconds = deltaSeconds(directives.get(name));
    if (seconds !== undefined) {
      return {
        lifetimeSeconds: seconds,
        source: name,
        reason: `Cache-Control: ${name}=${seconds} gives a lifetime of ${duration(seconds)}${name === "s-maxage" ? " in shared caches (a browser's private cache reads max-age or Expires instead)" : ""}.`,
        rfc: rfcReference(9111, name === "s-maxage" ? "5.2.2.10" : "5.2.2.1"),
      };
    }
  }
  return undefined;
}

/** The freshness lifetime of a response to GET (RFC 9111 §4.2.1, §4.2.2), for a shared cache. */
export function freshnessOf(response: { status: number; headers: HeaderList }): Freshness {
  const value = (name: string) => combinedField(response.headers, name)?.value;
  const directives = parseCacheControl(value("cache-control") ?? "");
  const validateEachTime = directives.has("no-cache");
  if (directives.has("no-store")) {
    return {
      lifetimeSeconds: undefined,
      source: "no-store",
      reason: "Cache-Control: no-store: no cache stores it.",
      rfc: rfcReference(9111, "5.2.2.5"),
      validateEachTime: false,
    };
  }
  const fromCacheControl = explicit(directives);
  if (fromCacheControl !== undefined) return { ...fromCacheControl, validateEachTime };
  const date = parseHttpDate(value("date") ?? "");
  const expires = value("expires");
  if (expires !== undefined) {
    const at = parseHttpDate(expires);
    const seconds = at === undefined || date === undefined ? 0 : Math.max(0, Math.round((at.time - date.time) / 1000));
    return {
      lifetimeSeconds: seconds,
      source: "expires",
      reason:
        at === undefined
          ? `Expires is "${expires}", not an HTTP-date, so caches treat the response as already expired.`
          : `Expires minus Date gives a lifetime of ${duration(seconds)}.`,
      rfc: rfcReference(9111, at === undefined ? "5.3" : "4.2.1"),
      validateEachTime,
    };
  }
  const lastModified = parseHttpDate(value("last-modified") ?? "");
  const heuristic = heuristicallyCacheableStatuses.has(response.status) || directives.has("public");
  if (heuristic && lastModified !== undefined && date !== undefined && date.time >= lastModified.time) {
    const seconds = Math.round((date.time - lastModified.time) / 10_000);
    return {
      lifetimeSeconds: seconds,
      source: "heuristic",
      reason: `No explicit freshness, so a cache may guess: 10% of the ${duration(Math.round((date.time - lastModified.time) / 1000))} since Last-Modified is ${duration(seconds)} (a typical fraction, not a rule; caches differ).`,
      rfc: rfcReference(9111, "4.2.2"),
      validateEachTime,
    };
  }
  return {
    lifetimeSeconds: undefined,
    source: "none",
    reason: heuristic
      ? "No explicit freshness and no Last-Modified (with Date) to guess from: a cache stores it but validates before reusing it."
      : `No explicit freshness, and ${response.status} is not cacheable by default: caches do not reuse it.`,
    rfc: rfcReference(9111, heuristic ? "4.2.2" : "3"),
    validateEachTime,
  };
}
