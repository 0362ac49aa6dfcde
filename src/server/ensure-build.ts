import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { buildStaleness, type BuildMarker, type NewestInput } from "./build-staleness.ts";
import { parseJsonObject } from "../http/index.ts";

/** The marker `npm start` leaves in the build directory; `astro build` empties the directory, and with it the marker. */
export const buildMarkerName = ".http-status-lab-build.json";

/** What goes into a build, relative to the project: a change to any of them makes the build stale. */
const inputDirectories = ["src", "examples", "public"];
const inputFiles = ["astro.config.mjs", "package-lock.json"];

async function newestIn(
  directory: string,
  projectRoot: string,
  newest: NewestInput | undefined,
): Promise<NewestInput | undefined> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return newest;
  }
  let result = newest;
  for (const entry of entries) {
    const path = join(directory, entry.name);
    // Symbolic links are not followed, so the walk ends even if one points up the tree.
    if (entry.isDirectory()) result = await newestIn(path, projectRoot, result);
    else if (entry.isFile()) {
      const { mtimeMs } = await lstat(path);
      if (result === undefined || mtimeMs > result.mtimeMs) result = { path: relative(projectRoot, path), mtimeMs };
    }
  }
  return result;
}

/** The most recently modified build input of the project, or undefined when there is none. */
export async function newestBuildInput(projectRoot: string): Promise<NewestInput | undefined> {
  let newest: NewestInput | undefined;
  for (const name of inputDirectories) newest = await newestIn(join(projectRoot, name), projectRoot, newest);
  for (const name of inputFiles) {
    try {
      const { mtimeMs } = await lstat(join(projectRoot, name));
      if (newest === undefined || mtimeMs > newest.mtimeMs) newest = { path: name, mtimeMs };
    } catch {
      // An input that does not exist cannot be newer than the build.
    }
  }
  return newest;
}

/** The marker of a complete build in `outDir` (one whose index.html and 404.html exist too), or undefined. */
export async function readBuildMarker(outDir: string): Promise<BuildMarker | undefined> {
  if (!existsSync(join(outDir, "index.html")) || !existsSync(join(outDir, "404.html"))) return undefined;
  try {
    const marker = parseJsonObject(await readFile(join(outDir, buildMarkerName), "utf8"));
    if (marker === undefined) return undefined;
    const { basePath, site, startedAtMs } = marker;
    if (typeof basePath !== "string" || typeof site !== "string" || typeof startedAtMs !== "number") return undefined;
    return { basePath, site, startedAtMs };
  } catch {
    return undefined;
  }
}

/**
 * Runs `astro build` with the Node that runs us (node_modules/.bin may not be on PATH); resolves to
 * its exit code. A SIGINT or SIGTERM sent to us while it runs is passed on, so no build is left
 * running without its parent.
 */
export function runAstroBuild(projectRoot: string, env: Record<string, string | undefined>): Promise<number> {
  const astro = join(projectRoot, "node_modules", "astro", "bin", "astro.mjs");
  return new Promise((done) => {
    const child = spawn(process.execPath, [astro, "build"], { cwd: projectRoot, env, stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    const finish = (code: number) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      done(code);
    };
    child.on("error", () => finish(1));
    child.on("exit", (code, signal) => finish(code ?? (signal === null ? 1 : 128 + (signal === "SIGINT" ? 2 : 15))));
  });
}

export interface EnsureBuildOptions {
  projectRoot: string;
  /** The build directory, absolute or relative to projectRoot. */
  outDir: string;
  basePath: string;
  site: string;
  /** Prints progress: one line before a build. */
  log: (line: string) => void;
  /** Builds; resolves to the exit code. Default: astro build with BASE_PATH, SITE and OUT_DIR set. */
  build?: () => Promise<number>;
}

/**
 * Builds the site unless `outDir` already holds a complete build for this base path and site made
 * after every input last changed (see buildStaleness). Writes the marker only after a successful
 * build, with the time the build started. Resolves to undefined, or to a sentence when the build failed.
 */
export async function ensureBuild(options: EnsureBuildOptions): Promise<string | undefined> {
  const outDir = resolve(options.projectRoot, options.outDir);
  const wanted = { basePath: options.basePath, site: options.site };
  const reason = buildStaleness(await readBuildMarker(outDir), await newestBuildInput(options.projectRoot), wanted);
  if (reason === undefined) return undefined;
  const shown = relative(options.projectRoot, outDir);
  options.log(`Building the site into ${shown === "" || shown.startsWith("..") ? outDir : shown}/ (${reason})…`);
  const startedAtMs = Date.now();
  const build =
    options.build ??
    (() =>
      runAstroBuild(options.projectRoot, {
        ...process.env,
        BASE_PATH: options.basePath,
        SITE: options.site,
        OUT_DIR: outDir,
      }));
  const code = await build();
  if (code !== 0) return `The build failed (astro build exited with ${code}); its output above says why.`;
  const marker: BuildMarker = { ...wanted, startedAtMs };
  await writeFile(join(outDir, buildMarkerName), `${JSON.stringify(marker, null, 2)}\n`);
  return undefined;
}
