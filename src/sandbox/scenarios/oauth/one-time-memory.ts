/**
 * Remembers values that may be used only once (authorization codes, RFC 6749 §4.1.2; DPoP proof
 * `jti`s, RFC 9449 §11.1) until they would expire anyway. Bounded: entries leave when they expire,
 * and past `max` live entries the one closest to expiry leaves first, so memory stays bounded
 * whatever a client sends. A value evicted that way could be replayed until its own expiry; with
 * the default bound that takes more than 10,000 fresh values within one value's lifetime.
 */
export type OneTimeMemory = {
  /** "fresh" the first time `key` is seen (and remembers it until `expiresAt`), then "replayed". */
  use(key: string, expiresAt: number, now: number): "fresh" | "replayed";
  /** Whether `key` was used and has not expired (a revocation list asks this without using). */
  has(key: string, expiresAt: number, now: number): boolean;
  readonly size: number;
};

export function createOneTimeMemory(max = 10_000): OneTimeMemory {
  const seen = new Map<string, number>();
  return {
    use(key, expiresAt, now) {
      for (const [old, until] of seen) if (until <= now) seen.delete(old);
      if (seen.has(key)) return "replayed";
      seen.set(key, expiresAt);
      while (seen.size > Math.max(1, max)) {
        let soonest: string | undefined;
        let soonestAt = Infinity;
        for (const [old, until] of seen) {
          if (until < soonestAt) {
            soonest = old;
            soonestAt = until;
          }
        }
        if (soonest === undefined) break;
        seen.delete(soonest);
      }
      return "fresh";
    },
    has(key, _expiresAt, now) {
      const until = seen.get(key);
      return until !== undefined && until > now;
    },
    get size() {
      return seen.size;
    },
  };
}
