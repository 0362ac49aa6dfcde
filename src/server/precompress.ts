import { readdir, readFile, stat, writeFile, rename } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images, fonts and Pagefind's index are compressed already. */
const compressible = /\.(html|js|mjs|css|svg|json|xml|txt|webmanifest|map)$/i;

/** Below this, gzip's header and the extra round of bookkeeping cost more than they save. */
const smallest = 1024;

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.gz` beside every text file of a built site that gains from it (as nginx's
 * gzip_static expects), once: a copy newer than its file is kept. Resolves to the files that have a
 * copy, relative to `root` with "/" separators, for static-files.ts. Compressing once at start
 * costs each request nothing, where compressing per request (as GitHub Pages does) would cost the
 * live server a core under load. Files it cannot read or write are served uncompressed.
 */
export async function precompress(root: string): Promise<Set<string>> {
  const gzipped = new Set<string>();
  const files = (await filesUnder(root)).filter((file) => compressible.test(file));
  const work = files.map(async (file) => {
    try {
      const source = await stat(file);
      if (source.size < smallest) return;
      const copy = await stat(`${file}.gz`).catch(() => undefined);
      if (copy === undefined || copy.mtimeMs < source.mtimeMs) {
        const compressed = await gzipAsync(await readFile(file), { level: constants.Z_BEST_COMPRESSION });
        if (compressed.length >= source.size) return;
        const temporary = `${file}.gz.${process.pid}.tmp`;
        await writeFile(temporary, compressed);
        await rename(temporary, `${file}.gz`);
      }
      gzipped.add(relative(root, file).split(sep).join("/"));
    } catch {
      // Served uncompressed.
    }
  });
  await Promise.all(work);
  return gzipped;
}
