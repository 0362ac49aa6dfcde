import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { buildMarkerName, ensureBuild, newestBuildInput, readBuildMarker } from "./ensure-build.ts";

let project = "";
const at = (path: string, seconds: number) => utimesSync(join(project, path), seconds, seconds);
const put = (path: string, text: string, seconds: number) => {
  mkdirSync(join(project, path, ".."), { recursive: true });
  writeFileSync(join(project, path), text);
  at(path, seconds);
};

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "ensure-build-"));
  put("src/pages/index.astro", "", 100);
  put("examples/401/curl-challenge.out", "", 200);
  put("astro.config.mjs", "", 50);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** A fake build that writes what astro build would, and counts its runs. */
function fakeBuild() {
  const runs: number[] = [];
  return {
    runs,
    build: async () => {
      runs.push(Date.now());
      put("dist/index.html", "<h1>home</h1>", Date.now() / 1000);
      put("dist/404.html", "<h1>404</h1>", Date.now() / 1000);
      return 0;
    },
  };
}

const options = (build: () => Promise<number>, basePath = "/") => ({
  projectRoot: project,
  outDir: "dist",
  basePath,
  site: "http://localhost:4321",
  log: () => {},
  build,
});

test("newestBuildInput finds the newest file under src/, examples/, public/ and the config files", async () => {
  expect(await newestBuildInput(project)).toEqual({ path: "examples/401/curl-challenge.out", mtimeMs: 200_000 });
  put("package-lock.json", "{}", 300);
  expect(await newestBuildInput(project)).toEqual({ path: "package-lock.json", mtimeMs: 300_000 });
  put("node_modules/x/index.js", "", 400);
  expect((await newestBuildInput(project))?.path).toBe("package-lock.json");
});

test("ensureBuild builds when there is no build, writes the marker, and then does not build again", async () => {
  const fake = fakeBuild();
  expect(await ensureBuild(options(fake.build))).toBeUndefined();
  expect(fake.runs).toHaveLength(1);
  expect(await readBuildMarker(join(project, "dist"))).toMatchObject({ basePath: "/", site: "http://localhost:4321" });
  expect(await ensureBuild(options(fake.build))).toBeUndefined();
  expect(fake.runs).toHaveLength(1);
});

test("ensureBuild rebuilds after an input changes, or for another base path", async () => {
  const fake = fakeBuild();
  await ensureBuild(options(fake.build));
  put("src/content/status/401.mdx", "changed", Date.now() / 1000 + 5);
  await ensureBuild(options(fake.build));
  expect(fake.runs).toHaveLength(2);
  await ensureBuild(options(fake.build, "/http-status-lab/"));
  expect(fake.runs).toHaveLength(3);
});

test("a marker without the pages it describes is no build; a failed build says so and leaves no marker", async () => {
  put(
    `dist/${buildMarkerName}`,
    JSON.stringify({ basePath: "/", site: "http://localhost:4321", startedAtMs: 1e15 }),
    1,
  );
  expect(await readBuildMarker(join(project, "dist"))).toBeUndefined();
  rmSync(join(project, "dist"), { recursive: true });
  mkdirSync(join(project, "dist"));
  expect(await ensureBuild(options(async () => 2))).toBe(
    "The build failed (astro build exited with 2); its output above says why.",
  );
  expect(await readBuildMarker(join(project, "dist"))).toBeUndefined();
});
