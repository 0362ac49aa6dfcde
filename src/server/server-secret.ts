import { randomBytes } from "node:crypto";
import { link, lstat, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Where the secret came from, for the start-up message; or why none can be used, as a sentence saying what to do. */
export type ServerSecretSource =
  | { ok: true; secret: string; from: string }
  | { ok: true; secret: undefined; from: string }
  | { ok: false; message: string };

/**
 * The shortest key accepted: 32 bytes, the output size of SHA-256, which the nonce's HMAC uses
 * (RFC 2104 §3: a key shorter than the hash output weakens it).
 */
export const minimumSecretBytes = 32;

const secretPattern = /^[0-9a-f]{64}$/;
const makeOne = "openssl rand -hex 32";

/** The file of the secret made once per install, in the first usable directory. */
const secretFileName = "server-secret";

/**
 * Why `secret` cannot be a key, or undefined: fewer than 32 bytes, or so few distinct characters
 * (a file of zeros, "aaaa…") that it is a placeholder, not a random value.
 */
export function weakSecretReason(secret: string): string | undefined {
  const bytes = Buffer.byteLength(secret);
  if (bytes < minimumSecretBytes) return `is ${bytes} bytes long; a key needs at least ${minimumSecretBytes}`;
  if (new Set(secret).size < 8) return "repeats a few characters, like a placeholder; a key must be random";
  return undefined;
}

/** Why other users could read or change what is at `path`, or undefined when only we can. */
async function exposure(path: string, kind: "directory" | "file"): Promise<string | undefined> {
  const info = await lstat(path);
  const uid = process.getuid?.();
  if (kind === "file" && !info.isFile()) return "is not a regular file";
  if (kind === "directory" && !info.isDirectory()) return "is not a directory";
  if (uid !== undefined && info.uid !== uid) return `belongs to another user (uid ${info.uid})`;
  // A directory others may write lets them swap the file; a file others may read gives them the key.
  if (kind === "directory" && (info.mode & 0o022) !== 0) return "can be written by other users";
  if (kind === "file" && (info.mode & 0o077) !== 0) return "can be read or written by other users";
  return undefined;
}

/** The secret in `directory`, created if there is none; undefined if the directory cannot be made; a sentence if it is unsafe. */
async function secretIn(directory: string): Promise<string | undefined | { refused: string }> {
  const path = join(directory, secretFileName);
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch {
    return undefined;
  }
  const folder = await exposure(directory, "directory").catch(() => "cannot be examined");
  if (folder !== undefined) {
    return {
      refused: `The folder of the server secret, ${directory}, ${folder}. Make it yours alone (chmod 700 ${directory}), or delete it and start again: a new secret is made.`,
    };
  }
  const file = await exposure(path, "file").catch((error: NodeJS.ErrnoException) =>
    error.code === "ENOENT" ? undefined : "cannot be examined",
  );
  if (file !== undefined) {
    return {
      refused: `The server secret file ${path} ${file}. Delete it and start again (a new one is made, readable by you alone), or set SERVER_SECRET.`,
    };
  }
  try {
    const existing = (await readFile(path, "utf8")).trim();
    if (secretPattern.test(existing) && weakSecretReason(existing) === undefined) return existing;
  } catch {
    // Not there yet: create it below.
  }
  try {
    const fresh = randomBytes(32).toString("hex");
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, `${fresh}\n`, { mode: 0o600 });
    try {
      // link() creates the name only if it does not exist yet, so when two instances start at the
      // same moment one wins and both read its secret; neither can see a half-written file.
      await link(temporary, path);
    } catch {
      const existing = (await readFile(path, "utf8").catch(() => "")).trim();
      // A file we cannot use as a secret (truncated or zeroed by hand, say) is replaced, atomically.
      if (!secretPattern.test(existing) || weakSecretReason(existing) !== undefined) await rename(temporary, path);
    }
    await unlink(temporary).catch(() => {});
    const written = (await readFile(path, "utf8")).trim();
    return secretPattern.test(written) ? written : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The live server's secret: the key of its Digest nonces (RFC 7616 §3.3 leaves the nonce's making
 * to the server; ours are an HMAC over their issue time, so they need no memory) and, derived from
 * it, of every signed value of the OAuth sandbox (oauth-signing-key.ts). It must be the same
 * across restarts and across instances, or a client that got a 401 or a token from one would be
 * refused by the next. In order:
 *   1. SERVER_SECRET (or DIGEST_SECRET, its older name), when set: for several machines behind one
 *      name; refused when it is too short or a placeholder (weakSecretReason), or when both names
 *      are set to different values;
 *   2. a random 256-bit secret made once per install, in the first of `directories` that can be
 *      made (node_modules/.cache/http-status-lab/, then a per-user folder of the OS temp dir);
 *      refused when other users can write that folder or read the file, since they could then
 *      forge nonces and tokens or choose the key;
 *   3. none: the sandbox's public default secret, the same everywhere.
 * A refusal comes back as a sentence that says what to do.
 */
export async function loadServerSecret(
  env: Record<string, string | undefined>,
  directories: readonly string[],
): Promise<ServerSecretSource> {
  const given = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  const current = given("SERVER_SECRET");
  const older = given("DIGEST_SECRET");
  if (current !== undefined && older !== undefined && current !== older)
    return {
      ok: false,
      message:
        "SERVER_SECRET and DIGEST_SECRET (its older name) are both set, to different values. Keep SERVER_SECRET and unset DIGEST_SECRET.",
    };
  const name = current !== undefined ? "SERVER_SECRET" : "DIGEST_SECRET";
  const fromEnvironment = current ?? older;
  if (fromEnvironment !== undefined) {
    const weak = weakSecretReason(fromEnvironment);
    if (weak !== undefined) {
      return {
        ok: false,
        message: `${name} ${weak}. Set it to a random value of at least ${minimumSecretBytes} bytes, for example the 64 hex digits of \`${makeOne}\`, or unset it to use a secret made for this install.`,
      };
    }
    return { ok: true, secret: fromEnvironment, from: name };
  }
  for (const directory of directories) {
    const secret = await secretIn(directory);
    if (typeof secret === "object") return { ok: false, message: secret.refused };
    if (secret !== undefined) return { ok: true, secret, from: join(directory, secretFileName) };
  }
  return { ok: true, secret: undefined, from: "the sandbox's public default" };
}
