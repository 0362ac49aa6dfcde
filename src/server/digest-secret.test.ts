import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { loadDigestSecret } from "./digest-secret.ts";

let scratch = "";
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "digest-secret-"));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

test("DIGEST_SECRET wins", async () => {
  expect(await loadDigestSecret({ DIGEST_SECRET: "s3cret" }, [join(scratch, "a")])).toEqual({
    secret: "s3cret",
    from: "DIGEST_SECRET",
  });
});

test("without it, a secret is made once and the same one is read by every later start", async () => {
  const directory = join(scratch, "cache", "http-status-lab");
  const first = await loadDigestSecret({}, [directory]);
  expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(first.from).toBe(join(directory, "digest-secret"));
  expect(await loadDigestSecret({}, [directory])).toEqual(first);
});

test("instances starting at the same moment agree on one secret", async () => {
  const directory = join(scratch, "race");
  const results = await Promise.all(Array.from({ length: 8 }, () => loadDigestSecret({}, [directory])));
  expect(new Set(results.map((result) => result.secret)).size).toBe(1);
});

test("a damaged secret file is replaced", async () => {
  writeFileSync(join(scratch, "digest-secret"), "abc\n");
  const result = await loadDigestSecret({}, [scratch]);
  expect(result.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(readFileSync(join(scratch, "digest-secret"), "utf8").trim()).toBe(result.secret);
});

test("a path that cannot be a directory is skipped for the next one; none left: the public default", async () => {
  const file = join(scratch, "not-a-directory");
  writeFileSync(file, "");
  const blocked = join(file, "inside");
  expect(await loadDigestSecret({}, [blocked])).toEqual({ secret: undefined, from: "the sandbox's public default" });
  const usable = join(scratch, "usable");
  expect((await loadDigestSecret({}, [blocked, usable])).from).toBe(join(usable, "digest-secret"));
});
