import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { createFileCache } from "./file-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "file-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until the cache answers (its fill is asynchronous), at most a second. */
async function cached(cache: ReturnType<typeof createFileCache>, path: string) {
  for (let i = 0; i < 50; i++) {
    const bytes = cache.bytes(path, statSync(path));
    if (bytes !== undefined) return bytes;
    await sleep(20);
  }
  return undefined;
}

test("a small file is answered from memory after its first read; once it changes on disk, never the old bytes", async () => {
  const cache = createFileCache();
  const path = join(dir, "page.html");
  writeFileSync(path, "first version\n");
  expect(cache.bytes(path, statSync(path))).toBeUndefined();
  expect((await cached(cache, path))?.toString()).toBe("first version\n");
  // Same size, new bytes and a new date: the stat no longer matches, so memory is not used.
  writeFileSync(path, "other version\n");
  utimesSync(path, new Date(2_000_000_000_000), new Date(2_000_000_000_000));
  expect(cache.bytes(path, statSync(path))).toBeUndefined();
  expect((await cached(cache, path))?.toString()).toBe("other version\n");
  expect(cache.size).toBe("other version\n".length);
});

test("bounded: a file over the per-file size is never held, and past the total the least recently used goes first", async () => {
  const cache = createFileCache({ maxFileBytes: 100, maxTotalBytes: 250 });
  const big = join(dir, "big.bin");
  writeFileSync(big, Buffer.alloc(101));
  cache.bytes(big, statSync(big));
  await sleep(100);
  expect(cache.bytes(big, statSync(big))).toBeUndefined();
  expect(cache.size).toBe(0);

  const files = ["a", "b", "c"].map((name) => join(dir, name));
  for (const file of files) writeFileSync(file, Buffer.alloc(100, file));
  const [a = "", b = "", c = ""] = files;
  expect(await cached(cache, a)).toBeDefined();
  expect(await cached(cache, b)).toBeDefined();
  cache.bytes(a, statSync(a)); // a is now used more recently than b
  expect(await cached(cache, c)).toBeDefined();
  expect(cache.size).toBe(200);
  expect(cache.bytes(a, statSync(a))).toBeDefined();
  expect(cache.bytes(b, statSync(b))).toBeUndefined();
});
