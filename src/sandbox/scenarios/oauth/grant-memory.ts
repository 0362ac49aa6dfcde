import type { OnceKeyspace } from "../../memory.ts";

/**
 * What the token endpoint remembers about each grant (one authorization code and every token
 * issued from it: a "family", named by the code's id and carried in every token as `fid`), so that
 * the sandbox keeps the replay rules it teaches:
 *
 * - refresh tokens rotate on every use, and a refresh token used a second time revokes the whole
 *   family (RFC 9700 §4.14.2 "refresh token rotation", RFC 6749 §10.4): the thief and the client
 *   cannot both go on, so the server stops both;
 * - an authorization code used a second time revokes what was issued from it (RFC 6749 §4.1.2:
 *   the server SHOULD revoke those tokens), access tokens included, so the resources answer
 *   401 invalid_token.
 *
 * Both are values used once, kept in two keyspaces of the sandbox's memory (src/sandbox/memory.ts),
 * so several live servers sharing Redis keep one set of families: a refresh token is used once as
 * "<family> <generation>" (a signed token of generation g exists only once g - 1 was used, so a
 * second use of any generation is a reuse), and a revoked family is marked in the other keyspace.
 * Bounded as those keyspaces are: a record lives as long as the newest refresh token could
 * (a day), and past 10,000 records the one closest to expiry is forgotten first; a forgotten
 * refresh token's reuse is then not detected (decisions/oauth-sandbox.md).
 */
export type RefreshVerdict = "rotate" | "reused" | "revoked";

export type GrantKeyspaces = { refreshTokens: OnceKeyspace; revokedGrants: OnceKeyspace };

export type GrantMemory = {
  /**
   * A refresh token of generation `generation` was shown: "rotate" (first use; the next is
   * generation + 1), "reused" (used before: the family is revoked now), or "revoked".
   * `expiresAt` is when the family's newest refresh token could expire (ms).
   */
  refresh(family: string, generation: number, expiresAt: number, now: number): Promise<RefreshVerdict>;
  /** The code of this family was replayed: revoke everything issued from it (RFC 6749 §4.1.2). */
  revoke(family: string, expiresAt: number, now: number): Promise<void>;
  /** Whether tokens of this family were revoked (the resources check access tokens with it). */
  isRevoked(family: string, expiresAt: number, now: number): Promise<boolean>;
  /** Whether the refresh token of this generation was used already (rotated away), without using it. */
  isSpent(family: string, generation: number, expiresAt: number, now: number): Promise<boolean>;
};

export function createGrantMemory({ refreshTokens, revokedGrants }: GrantKeyspaces): GrantMemory {
  const revoke = async (family: string, expiresAt: number, now: number) => {
    await revokedGrants.use(family, expiresAt, now);
  };
  return {
    async refresh(family, generation, expiresAt, now) {
      if (await revokedGrants.has(family, expiresAt, now)) return "revoked";
      if ((await refreshTokens.use(`${family} ${generation}`, expiresAt, now)) === "fresh") return "rotate";
      await revoke(family, expiresAt, now);
      return "reused";
    },
    revoke,
    isRevoked: (family, expiresAt, now) => Promise.resolve(revokedGrants.has(family, expiresAt, now)),
    isSpent: (family, generation, expiresAt, now) =>
      Promise.resolve(refreshTokens.has(`${family} ${generation}`, expiresAt, now)),
  };
}
