/**
 * What the token endpoint remembers about each grant (one authorization code and every token
 * issued from it: a "family"), so that the sandbox keeps the replay rules it teaches:
 *
 * - refresh tokens rotate on every use, and a refresh token used a second time revokes the whole
 *   family (RFC 9700 §4.14.2 "refresh token rotation", RFC 6749 §10.4): the thief and the client
 *   cannot both go on, so the server stops both;
 * - an authorization code used a second time revokes what was issued from it (RFC 6749 §4.1.2:
 *   the server SHOULD revoke those tokens), access tokens included, so the resources answer
 *   401 invalid_token.
 *
 * Bounded like one-time-memory.ts: a family is remembered until its newest refresh token would
 * expire, and past `max` families the one closest to expiry is forgotten first. A forgotten family
 * (or one from before a restart) is trusted again from the refresh token next shown, which starts
 * it over: reuse of a token from before that point is then not detected. With the default bound
 * that takes more than 10,000 grants within one refresh token lifetime (decisions/oauth-sandbox.md).
 * One Map, string keys and small records: it can move behind a shared store (issue 28) as is.
 */
export type FamilyRecord = {
  /** The generation of the refresh token that may be used next (1 after the code was redeemed). */
  current: number;
  revoked: boolean;
  /** When the family's newest token expires (ms): then it is forgotten. */
  expiresAt: number;
};

export type RefreshVerdict = "rotate" | "reused" | "revoked";

export type GrantMemory = {
  /** A code was redeemed: its family starts at generation 1. */
  start(family: string, expiresAt: number, now: number): void;
  /**
   * A refresh token of generation `generation` was shown: "rotate" (it is the current one; the next
   * is generation + 1), "reused" (an older one: the family is revoked now), or "revoked".
   */
  refresh(family: string, generation: number, expiresAt: number, now: number): RefreshVerdict;
  /** The code of this family was replayed: revoke everything issued from it (RFC 6749 §4.1.2). */
  revoke(family: string, expiresAt: number, now: number): void;
  /** Whether tokens of this family were revoked (the resources check access tokens with it). */
  isRevoked(family: string, now: number): boolean;
  readonly size: number;
};

export function createGrantMemory(max = 10_000): GrantMemory {
  const families = new Map<string, FamilyRecord>();
  const forgetExpired = (now: number) => {
    for (const [family, record] of families) if (record.expiresAt <= now) families.delete(family);
  };
  const put = (family: string, record: FamilyRecord, now: number) => {
    forgetExpired(now);
    families.delete(family);
    families.set(family, record);
    while (families.size > Math.max(1, max)) {
      let soonest: string | undefined;
      let soonestAt = Infinity;
      for (const [old, { expiresAt }] of families) {
        if (expiresAt < soonestAt) [soonest, soonestAt] = [old, expiresAt];
      }
      if (soonest === undefined) break;
      families.delete(soonest);
    }
  };
  return {
    start(family, expiresAt, now) {
      put(family, { current: 1, revoked: false, expiresAt }, now);
    },
    refresh(family, generation, expiresAt, now) {
      const record = families.get(family);
      if (record !== undefined && record.expiresAt > now) {
        if (record.revoked) return "revoked";
        if (generation !== record.current) {
          record.revoked = true;
          return "reused";
        }
      }
      put(family, { current: generation + 1, revoked: false, expiresAt }, now);
      return "rotate";
    },
    revoke(family, expiresAt, now) {
      const record = families.get(family);
      put(
        family,
        { current: record?.current ?? 1, revoked: true, expiresAt: Math.max(expiresAt, record?.expiresAt ?? 0) },
        now,
      );
    },
    isRevoked(family, now) {
      const record = families.get(family);
      return record !== undefined && record.expiresAt > now && record.revoked;
    },
    get size() {
      return families.size;
    },
  };
}
