import { readFile, stat } from "node:fs/promises";
import type { Stats } from "node:fs";

/**
 * The bytes of the site's small files, kept in memory so that a request for one costs no open,
 * read and close (three trips through libuv's thread pool; decisions/static-files.md). `send`
 * still stats the file for every request and answers from that stat (validators, 304, ranges,
 * HEAD); this cache only stands in for the file's bytes, and only while the file on disk has the
 * same identity, size and times as when it was read: a rebuild, an edit or a deleted file is never
 * answered from memory.
 *
 * Bounded: files up to `maxFileBytes` (256 KiB: a status page is about 135 KiB), at most
 * `maxTotalBytes` together (16 MiB), least recently used given up first.
 */
export interface FileCache {
  /** The file's bytes if they are cached for exactly this stat, else undefined (and a fill is started). */
  bytes(path: string, seen: Stats): Buffer | undefined;
  /** Bytes held now. */
  readonly size: number;
}

/** What identifies one version of a file: a rebuild or an edit changes at least one of these. */
function version(seen: Stats): string {
  return `${seen.dev}:${seen.ino}:${seen.size}:${seen.mtimeMs}:${seen.ctimeMs}`;
}

export function createFileCache(options: { maxFileBytes?: number; maxTotalBytes?: number } = {}): FileCache {
  const maxFileBytes = options.maxFileBytes ?? 256 * 1024;
  const maxTotalBytes = options.maxTotalBytes ?? 16 * 1024 * 1024;
  /** Path → its bytes and the version they were read at; Map order is use order (oldest first). */
  const entries = new Map<string, { version: string; bytes: Buffer }>();
  const filling = new Set<string>();
  let size = 0;

  const drop = (path: string) => {
    const entry = entries.get(path);
    if (entry === undefined) return;
    entries.delete(path);
    size -= entry.bytes.length;
  };

  /** Reads the file and keeps it only if it is still the version `seen` before and after the read. */
  const fill = async (path: string, wanted: string) => {
    filling.add(path);
    try {
      const bytes = await readFile(path);
      if (version(await stat(path)) !== wanted || bytes.length > maxFileBytes) return;
      drop(path);
      entries.set(path, { version: wanted, bytes });
      size += bytes.length;
      for (const [oldest] of entries) {
        if (size <= maxTotalBytes) break;
        drop(oldest);
      }
    } catch {
      // Gone or unreadable: send answers from the disk, as without a cache.
    } finally {
      filling.delete(path);
    }
  };

  return {
    bytes(path, seen) {
      const wanted = version(seen);
      const entry = entries.get(path);
      if (entry !== undefined && entry.version === wanted) {
        entries.delete(path);
        entries.set(path, entry);
        return entry.bytes;
      }
      if (entry !== undefined) drop(path);
      if (seen.isFile() && seen.size <= maxFileBytes && !filling.has(path)) void fill(path, wanted);
      return undefined;
    },
    get size() {
      return size;
    },
  };
}
