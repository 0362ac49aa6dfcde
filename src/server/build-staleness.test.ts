import { expect, test } from "vitest";
import { buildStaleness } from "./build-staleness.ts";

const wanted = { basePath: "/", site: "http://localhost:4321" };
const marker = { ...wanted, startedAtMs: 1_000 };

test("a build made for this base path and site, after every input changed, is fresh", () => {
  expect(buildStaleness(marker, { path: "src/a.ts", mtimeMs: 999 }, wanted)).toBeUndefined();
  expect(buildStaleness(marker, { path: "src/a.ts", mtimeMs: 1_000 }, wanted)).toBeUndefined();
  expect(buildStaleness(marker, undefined, wanted)).toBeUndefined();
});

test("no marker: no complete build", () => {
  expect(buildStaleness(undefined, undefined, wanted)).toBe("there is no complete build yet");
});

test("an input saved after the build started makes it stale, and is named", () => {
  expect(buildStaleness(marker, { path: "examples/401/basic-auth.out", mtimeMs: 1_001 }, wanted)).toBe(
    "examples/401/basic-auth.out changed after the last build",
  );
});

test("a build for another base path or site is stale", () => {
  expect(buildStaleness(marker, undefined, { ...wanted, basePath: "/http-status-lab/" })).toBe(
    "the build is for BASE_PATH /, not /http-status-lab/",
  );
  expect(buildStaleness(marker, undefined, { ...wanted, site: "https://x.github.io" })).toBe(
    "the build is for SITE http://localhost:4321, not https://x.github.io",
  );
});
