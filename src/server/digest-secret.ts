import { randomBytes } from "node:crypto";
import { mkdir, link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Where the secret came from, for the start-up message. */
export type DigestSecretSource = { secret: string; from: string } | { secret: undefined; from: string };

const secretPattern = /^[0-9a-f]{64}$/;

/** Reads the secret in `directory`, creating it if there is none; undefined if the directory is not writable. */
async function secretIn(directory: string): Promise<string | undefined> {
  const path = join(directory, "digest-secret");
  try {
    const existing = (await readFile(path, "utf8")).trim();
    if (secretPattern.test(existing)) return existing;
  } catch {
    // Not there yet: create it below.
  }
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const fresh = randomBytes(32).toString("hex");
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, `${fresh}\n`, { mode: 0o600 });
    try {
      // link() creates the name only if it does not exist yet, so when two instances start at the
      // same moment one wins and both read its secret; neither can see a half-written file.
      await link(temporary, path);
    } catch {
      const existing = (await readFile(path, "utf8").catch(() => "")).trim();
      // A file we cannot read as a secret (truncated by hand, say) is replaced, atomically.
      if (!secretPattern.test(existing)) await rename(temporary, path);
    }
    await unlink(temporary).catch(() => {});
    const written = (await readFile(path, "utf8")).trim();
    return secretPattern.test(written) ? written : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key for the Digest nonces of the live server (RFC 7616 §3.3 leaves the nonce's making to
 * the server; ours are an HMAC over their issue time, so they need no memory). It must be the
 * same across restarts and across instances, or a client that got a 401 from one would be told its
 * nonce is invalid by the next. In order:
 *   1. DIGEST_SECRET, when set: for several machines behind one name;
 *   2. a random 256-bit secret made once per install, in the first of `directories` that is
 *      writable (node_modules/.cache/http-status-lab/, then a per-user folder of the OS temp dir);
 *   3. none: the sandbox's public default secret, the same everywhere.
 */
export async function loadDigestSecret(
  env: Record<string, string | undefined>,
  directories: readonly string[],
): Promise<DigestSecretSource> {
  const fromEnvironment = env["DIGEST_SECRET"];
  if (fromEnvironment !== undefined && fromEnvironment !== "")
    return { secret: fromEnvironment, from: "DIGEST_SECRET" };
  for (const directory of directories) {
    const secret = await secretIn(directory);
    if (secret !== undefined) return { secret, from: join(directory, "digest-secret") };
  }
  return { secret: undefined, from: "the sandbox's public default" };
}
