/**
 * The one piece of Digest server state: for each nonce in use, the highest nonce count seen, so a
 * repeated or lower nc is refused (RFC 7616 §3.4, §5.5).
 *
 * Bounded by time first, then by size:
 * - Records are filed by the second their nonce was issued (`bucketMs`). A record whose nonce has
 *   outlived `lifetimeMs` is dropped at no risk (the server answers such a nonce stale before it
 *   asks this memory), a whole second at a time.
 * - At most `maxNonces` records (default 100,000: every nonce of a sustained 333 logins a second
 *   over a 5-minute lifetime; about 15 MB of strings and map entries in V8). Only past that is a
 *   live record given up, and then the densest second of issue goes first (ties: the oldest), so a
 *   flood of logins evicts its own nonces before a quiet client's. A nonce whose second was given
 *   up is answered "evicted" (the server says stale=true: the client retries with a new nonce,
 *   one extra round trip) until it would have expired anyway; dropping never reopens a replay.
 */
export type DigestReplayMemory = {
  /** Records nc for a nonce issued at `issuedAt`; "replayed" if nc is not above the highest seen, "evicted" if its record was given up. */
  record(
    nonce: string,
    issuedAt: number,
    nc: number,
    now: number,
    lifetimeMs: number,
  ): "fresh" | "replayed" | "evicted";
  readonly size: number;
};

export function createDigestReplayMemory(options: { maxNonces?: number; bucketMs?: number } = {}): DigestReplayMemory {
  const maxNonces = Math.max(1, options.maxNonces ?? 100_000);
  const bucketMs = Math.max(1, options.bucketMs ?? 1000);
  /** Second of issue → (nonce → highest nc). */
  const buckets = new Map<number, Map<string, number>>();
  /** Seconds of issue whose records were given up while still live. */
  const evicted = new Set<number>();
  let size = 0;
  let sweptAt = Number.NEGATIVE_INFINITY;

  /** True when every nonce a bucket can hold has outlived the lifetime. */
  const expired = (bucket: number, now: number, lifetimeMs: number) => (bucket + 1) * bucketMs - 1 < now - lifetimeMs;

  const sweep = (now: number, lifetimeMs: number) => {
    for (const [bucket, nonces] of buckets) {
      if (!expired(bucket, now, lifetimeMs)) continue;
      buckets.delete(bucket);
      size -= nonces.size;
    }
    for (const bucket of evicted) if (expired(bucket, now, lifetimeMs)) evicted.delete(bucket);
    sweptAt = now;
  };

  const evictDensest = () => {
    let chosen: number | undefined;
    let most = 0;
    for (const [bucket, nonces] of buckets) {
      if (nonces.size > most || (nonces.size === most && chosen !== undefined && bucket < chosen)) {
        chosen = bucket;
        most = nonces.size;
      }
    }
    if (chosen === undefined) return;
    buckets.delete(chosen);
    size -= most;
    evicted.add(chosen);
  };

  return {
    record(nonce, issuedAt, nc, now, lifetimeMs) {
      if (now - sweptAt >= bucketMs || size >= maxNonces) sweep(now, lifetimeMs);
      const bucket = Math.floor(issuedAt / bucketMs);
      if (evicted.has(bucket)) return "evicted";
      let nonces = buckets.get(bucket);
      const seen = nonces?.get(nonce);
      if (seen !== undefined && nc <= seen) return "replayed";
      if (nonces === undefined) {
        nonces = new Map();
        buckets.set(bucket, nonces);
      }
      if (seen === undefined) size += 1;
      nonces.set(nonce, nc);
      while (size > maxNonces) evictDensest();
      return evicted.has(bucket) ? "evicted" : "fresh";
    },
    get size() {
      return size;
    },
  };
}
