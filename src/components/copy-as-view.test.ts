import { expect, test } from "vitest";
import { copyAsCode, liveUrl } from "./copy-as-code.ts";
import { defaultLiveServer, maxLiveServerLength, readLiveServer, startCommand } from "./copy-as-view.ts";

test("reads an origin, with or without the base path npm start was given", () => {
  expect(readLiveServer(defaultLiveServer)).toEqual({
    ok: true,
    server: { origin: "http://localhost:4321", base: "/" },
  });
  expect(readLiveServer(" http://127.0.0.1:8080/http-status-lab ")).toEqual({
    ok: true,
    server: { origin: "http://127.0.0.1:8080", base: "/http-status-lab/" },
  });
});

test("refuses what is not a live server's address, with a sentence", () => {
  for (const text of [
    "localhost:4321x",
    "not a url",
    "ftp://localhost/",
    "http://user:secret@localhost:4321/",
    "http://localhost:4321/?x=1",
    "https://http-status-lab.github.io/http-status-lab/",
  ]) {
    const read = readLiveServer(text);
    expect(read.ok, text).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/\.$/);
  }
});

test("a 64 kB address is refused with a short sentence that does not repeat it; the longest allowed is read", () => {
  for (const text of [
    "A".repeat(65_536),
    `http://localhost:4321/${"a".repeat(maxLiveServerLength)}`,
    "B".repeat(5_000),
    "C".repeat(2_000),
  ]) {
    const read = readLiveServer(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message.length, read.message).toBeLessThan(200);
  }
  const longest = `http://localhost:4321/${"a".repeat(maxLiveServerLength - 23)}/`;
  expect(longest).toHaveLength(maxLiveServerLength);
  expect(readLiveServer(longest).ok).toBe(true);
});

test("moves the page's API URL to the live server's, keeping path and query", () => {
  const local = { origin: "http://localhost:4321", base: "/" };
  expect(
    liveUrl("https://http-status-lab.github.io/http-status-lab/api/status/418?a=%20b", "/http-status-lab/", local),
  ).toBe("http://localhost:4321/api/status/418?a=%20b");
  expect(liveUrl("http://localhost:4321/api/bearer", "/", { origin: "http://10.0.0.2:9000", base: "/lab/" })).toBe(
    "http://10.0.0.2:9000/lab/api/bearer",
  );
  expect(startCommand(local)).toBe("npm ci && npm start");
  expect(startCommand({ origin: "http://localhost:4321", base: "/lab/" })).toBe("npm ci && BASE_PATH=/lab/ npm start");
});

test("copyAsCode writes the live server's URL for every format", () => {
  const request = { method: "GET", url: "https://x.github.io/lab/api/status/404", headers: [] };
  for (const format of ["curl", "fetch", "python", "php"] as const) {
    const code = copyAsCode(format, { exchange: { request } }, "/lab/", { origin: "http://localhost:4321", base: "/" });
    expect(code).toContain("http://localhost:4321/api/status/404");
    expect(code).not.toContain("github.io");
  }
});
