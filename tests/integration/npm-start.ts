/**
 * `npm start` (src/server/main.ts) as a child process over a fixture project, for the tests that
 * need the real entry point: its flags, its output, its RSS and descriptors.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildMarkerName } from "../../src/server/ensure-build.ts";

/**
 * A build directory holding `files`, with the marker of a build that is fresh for BASE_PATH /
 * (dated after every source), so `npm start` serves it without building.
 */
export function writeBuiltProject(prefix: string, files: Readonly<Record<string, string | Buffer>>): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content);
  }
  writeFileSync(
    join(project, buildMarkerName),
    JSON.stringify({ basePath: "/", site: "http://localhost:4321", startedAtMs: Date.now() + 3_600_000 }),
  );
  return project;
}

export interface NpmStart {
  child: ChildProcessWithoutNullStreams;
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string;
}

/**
 * Starts `node src/server/main.ts <args>` serving `project` on a free port, with only PATH and
 * `env` in its environment; `prefix` runs it under another command (`prlimit …`).
 */
export function spawnNpmStart(
  project: string,
  args: string[],
  env: Record<string, string> = {},
  prefix: string[] = [],
): NpmStart {
  const command = [...prefix, process.execPath, "src/server/main.ts", ...args];
  const child = spawn(command[0] ?? process.execPath, command.slice(1), {
    env: { PATH: process.env["PATH"], OUT_DIR: project, PORT: "0", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end();
  let printed = "";
  child.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  return { child, output: () => printed };
}

export interface RunningNpmStart extends NpmStart {
  /** Where it listens, as http://127.0.0.1:<port>. */
  origin: string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop: () => Promise<void>;
}

/** Starts `npm start` as `spawnNpmStart` does and waits (at most `timeoutMs`) until it prints its address. */
export async function startNpmStart(
  project: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<RunningNpmStart> {
  const started = spawnNpmStart(project, args, env);
  const { child, output } = started;
  const port = await new Promise<string>((resolve, reject) => {
    const guard = setTimeout(() => fail(`npm start printed no address within ${timeoutMs} ms`), timeoutMs);
    const watch = () => {
      const found = /http:\/\/localhost:(\d+)\//.exec(output())?.[1];
      if (found === undefined) return;
      clearTimeout(guard);
      child.stdout.off("data", watch);
      child.stderr.off("data", watch);
      resolve(found);
    };
    function fail(why: string) {
      child.kill("SIGKILL");
      reject(new Error(`${why}:\n${output()}`));
    }
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("close", () => fail("npm start exited"));
  });
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return {
    ...started,
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
