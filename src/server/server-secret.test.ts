import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { loadServerSecret } from "./server-secret.ts";

let scratch = "";
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "server-secret-"));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const strong = "7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a";

test("SERVER_SECRET wins", async () => {
  expect(await loadServerSecret({ SERVER_SECRET: strong }, [join(scratch, "a")])).toEqual({
    ok: true,
    secret: strong,
    from: "SERVER_SECRET",
  });
});

test("a SERVER_SECRET shorter than 32 bytes, or a placeholder, is refused with what to do", async () => {
  const short = await loadServerSecret({ SERVER_SECRET: "x" }, [join(scratch, "a")]);
  expect(short).toEqual({ ok: false, message: expect.stringContaining("SERVER_SECRET is 1 bytes long") as string });
  if (!short.ok) expect(short.message).toContain("openssl rand -hex 32");
  const zeros = await loadServerSecret({ SERVER_SECRET: "0".repeat(64) }, [join(scratch, "a")]);
  expect(zeros.ok).toBe(false);
  // The neighbour: 32 bytes of varied text is a key.
  expect((await loadServerSecret({ SERVER_SECRET: strong.slice(0, 32) }, [])).ok).toBe(true);
  expect((await loadServerSecret({ SERVER_SECRET: strong.slice(0, 31) }, [])).ok).toBe(false);
});

test("a secret folder other users can write, or a secret file they can read, is refused with what to do", async () => {
  const open = join(scratch, "open");
  mkdirSync(open, { mode: 0o700 });
  chmodSync(open, 0o777);
  const refused = await loadServerSecret({}, [open]);
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.message).toContain(`chmod 700 ${open}`);
  chmodSync(open, 0o700);
  expect((await loadServerSecret({}, [open])).ok).toBe(true);

  chmodSync(join(open, "server-secret"), 0o644);
  const readable = await loadServerSecret({}, [open]);
  expect(readable.ok).toBe(false);
  if (!readable.ok) expect(readable.message).toContain("can be read or written by other users. Delete it");
});

test("a secret file of zeros is replaced by a random one", async () => {
  const directory = join(scratch, "zeros");
  mkdirSync(directory, { mode: 0o700 });
  writeFileSync(join(directory, "server-secret"), `${"0".repeat(64)}\n`, { mode: 0o600 });
  const result = await loadServerSecret({}, [directory]);
  expect(result.ok && result.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(result.ok && result.secret).not.toBe("0".repeat(64));
});

test("without it, a secret is made once and the same one is read by every later start", async () => {
  const directory = join(scratch, "cache", "http-status-lab");
  const first = await loadServerSecret({}, [directory]);
  expect(first.ok && first.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(first.ok && first.from).toBe(join(directory, "server-secret"));
  expect(await loadServerSecret({}, [directory])).toEqual(first);
});

test("instances starting at the same moment agree on one secret", async () => {
  const directory = join(scratch, "race");
  const results = await Promise.all(Array.from({ length: 8 }, () => loadServerSecret({}, [directory])));
  expect(new Set(results.map((result) => result.ok && result.secret)).size).toBe(1);
});

test("a damaged secret file is replaced", async () => {
  writeFileSync(join(scratch, "server-secret"), "abc\n", { mode: 0o600 });
  const result = await loadServerSecret({}, [scratch]);
  expect(result.ok && result.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(readFileSync(join(scratch, "server-secret"), "utf8").trim()).toBe(result.ok && result.secret);
});

test("a path that cannot be a directory is skipped for the next one; none left: the public default", async () => {
  const file = join(scratch, "not-a-directory");
  writeFileSync(file, "");
  const blocked = join(file, "inside");
  expect(await loadServerSecret({}, [blocked])).toEqual({
    ok: true,
    secret: undefined,
    from: "the sandbox's public default",
  });
  const usable = join(scratch, "usable");
  const next = await loadServerSecret({}, [blocked, usable]);
  expect(next.ok && next.from).toBe(join(usable, "server-secret"));
});

test("DIGEST_SECRET, the older name, is still read; both names set to different values are refused with what to do", async () => {
  expect(await loadServerSecret({ DIGEST_SECRET: strong }, [])).toEqual({
    ok: true,
    secret: strong,
    from: "DIGEST_SECRET",
  });
  expect(await loadServerSecret({ DIGEST_SECRET: strong, SERVER_SECRET: strong }, [])).toEqual({
    ok: true,
    secret: strong,
    from: "SERVER_SECRET",
  });
  expect((await loadServerSecret({ DIGEST_SECRET: "x" }, [])).ok).toBe(false);
  const both = await loadServerSecret({ DIGEST_SECRET: strong, SERVER_SECRET: `${strong.slice(1)}0` }, []);
  expect(both).toEqual({
    ok: false,
    message: expect.stringContaining("Keep SERVER_SECRET and unset DIGEST_SECRET") as string,
  });
});
