/**
 * The one piece of Digest server state: for each nonce in use, the highest nonce count seen, so a
 * repeated or lower nc is refused (RFC 7616 §3.4, §5.5). Entries leave when their nonce expires;
 * when more than `maxNonces` are live the oldest is dropped, and every nonce issued no later than
 * it is from then on treated as stale, so dropping never reopens a replay.
 */
export type DigestReplayMemory = {
  /** Records nc for a nonce issued at `issuedAt`; "replayed" if nc is not above the highest seen, "evicted" if too old to track. */
  record(
    nonce: string,
    issuedAt: number,
    nc: number,
    now: number,
    lifetimeMs: number,
  ): "fresh" | "replayed" | "evicted";
  readonly size: number;
};

export function createDigestReplayMemory(options: { maxNonces?: number } = {}): DigestReplayMemory {
  const maxNonces = Math.max(1, options.maxNonces ?? 10_000);
  const highest = new Map<string, { issuedAt: number; nc: number }>();
  let evictedUpTo = Number.NEGATIVE_INFINITY;
  return {
    record(nonce, issuedAt, nc, now, lifetimeMs) {
      for (const [key, entry] of highest) {
        if (now - entry.issuedAt <= lifetimeMs) break;
        highest.delete(key);
      }
      if (issuedAt <= evictedUpTo) return "evicted";
      const seen = highest.get(nonce);
      if (seen !== undefined && nc <= seen.nc) return "replayed";
      highest.set(nonce, { issuedAt, nc });
      while (highest.size > maxNonces) {
        const [key, entry] = highest.entries().next().value as [string, { issuedAt: number; nc: number }];
        highest.delete(key);
        evictedUpTo = Math.max(evictedUpTo, entry.issuedAt);
      }
      return issuedAt <= evictedUpTo ? "evicted" : "fresh";
    },
    get size() {
      return highest.size;
    },
  };
}
