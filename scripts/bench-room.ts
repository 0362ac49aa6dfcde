/**
 * `npm run bench -- --room`: a class on the live server. Each student waits a think time (uniform
 * around `--think` seconds), then does a round: the 401 page, Basic (401, then 200 with
 * credentials), Digest (401, then 200 with the answer to its challenge), and starts again. Printed
 * per setup: rounds per second, round time p50 / p99, and errors (a round with a status it should
 * not have, or no answer).
 *
 * Two setups, one after the other: one `npm start`, and `--servers` (default 3) `npm start`s
 * sharing Redis (REDIS_URL) and SERVER_SECRET behind nginx with deploy/nginx/keynote.conf, which
 * serves the site itself.
 *
 *   node scripts/bench.ts --room [--students 300] [--seconds 20] [--think 4] [--servers 3]
 *
 * The load comes from this process, on the same machine: on a 2-core machine it competes with
 * the servers, so the figures are a floor, and comparable only between setups of one run.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { digestAuthorization, parseChallenges } from "../src/http/index.ts";
import { ensureBuild } from "../src/server/ensure-build.ts";
import { freePort, startService, stopAll, type Service } from "./bench-processes.ts";
import { keynoteConf, nginxMainConf } from "./keynote-conf.ts";

const projectRoot = resolve(import.meta.dirname, "..");
const outDir = "dist-room";
const site = "http://127.0.0.1";
const secret = "0d3f5a7c9e1b2d4f6a8c0e2b4d6f8a1c3e5b7d9f2a4c6e8b1d3f5a7c9e2b4d6f";
const basic = "Basic dXNlcjpwYXNzd2Q="; // user:passwd
const digestPath = "/api/digest-auth/auth/user/passwd";

type Setup = { name: string; origin: string; stop: () => void };
export type RoomResult = {
  setup: string;
  students: number;
  seconds: number;
  thinkSeconds: number;
  rounds: number;
  roundsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  firstError?: string;
};

const option = (args: readonly string[], name: string, fallback: number) => {
  const at = args.indexOf(name);
  const value = at === -1 ? Number.NaN : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const say = (line: string) => console.error(`· ${line}`);

async function startNodeServer(env: Record<string, string>): Promise<{ service: Service; port: number }> {
  const port = await freePort();
  const service = await startService(process.execPath, [join(projectRoot, "src/server/main.ts")], {
    cwd: projectRoot,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      QUIET: "1",
      BASE_PATH: "/",
      SITE: site,
      OUT_DIR: `./${outDir}`,
      SERVER_SECRET: secret,
      ...env,
    },
    readyUrl: `http://127.0.0.1:${port}/api/status/200`,
    timeoutMs: 60_000,
  });
  return { service, port };
}

async function oneServer(): Promise<Setup> {
  const { service, port } = await startNodeServer({});
  return { name: "1 server", origin: `http://127.0.0.1:${port}`, stop: () => service.stop() };
}

async function severalServers(count: number): Promise<Setup> {
  const redisPort = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), "bench-room-"));
  chmodSync(scratch, 0o755);
  const redis = await startService(
    "/usr/bin/redis-server",
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", scratch],
    { readyPort: redisPort, timeoutMs: 10_000 },
  );
  const servers: Array<{ service: Service; port: number }> = [];
  for (let i = 0; i < count; i++) servers.push(await startNodeServer({ REDIS_URL: `redis://127.0.0.1:${redisPort}` }));
  const port = await freePort();
  writeFileSync(
    join(scratch, "keynote.conf"),
    keynoteConf(
      servers.map((server) => server.port),
      port,
      join(projectRoot, outDir),
    ),
  );
  writeFileSync(join(scratch, "nginx.conf"), nginxMainConf(scratch, join(scratch, "keynote.conf")));
  const nginx = await startService("/usr/sbin/nginx", ["-c", join(scratch, "nginx.conf"), "-p", scratch], {
    readyUrl: `http://127.0.0.1:${port}/`,
    timeoutMs: 15_000,
  });
  return {
    name: `${count} servers + Redis behind nginx`,
    origin: `http://127.0.0.1:${port}`,
    stop: () => {
      nginx.stop();
      for (const server of servers) server.service.stop();
      redis.stop();
      setTimeout(() => rmSync(scratch, { recursive: true, force: true }), 3_000).unref();
    },
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** Runs the room against `setup` and measures its rounds. */
async function runRoom(setup: Setup, students: number, seconds: number, thinkSeconds: number): Promise<RoomResult> {
  // One connection per student, kept alive, as a browser keeps one to the site.
  const agent = new Agent({ keepAlive: true, maxSockets: students });
  const { hostname, port } = new URL(setup.origin);
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; challenge: string }>((answered, failed) => {
      const outgoing = request({ agent, host: hostname, port, path, headers, timeout: 30_000 }, (incoming) => {
        incoming.resume();
        incoming.on("error", failed);
        incoming.on("end", () =>
          answered({ status: incoming.statusCode ?? 0, challenge: String(incoming.headers["www-authenticate"] ?? "") }),
        );
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer to ${path} within 30 s`)));
      outgoing.on("error", failed);
      outgoing.end();
    });
  const expectStatus = (what: string, got: number, wanted: number) => {
    if (got !== wanted) throw new Error(`${what}: ${got}, not ${wanted}`);
  };
  const round = async () => {
    expectStatus("the 401 page", (await get("/status/401/")).status, 200);
    expectStatus("Basic without credentials", (await get("/api/basic-auth/user/passwd")).status, 401);
    expectStatus(
      "Basic with credentials",
      (await get("/api/basic-auth/user/passwd", { Authorization: basic })).status,
      200,
    );
    const challenged = await get(digestPath);
    expectStatus("Digest without credentials", challenged.status, 401);
    const parsed = parseChallenges(challenged.challenge);
    const params = parsed.ok ? parsed.challenges[0]?.params : undefined;
    if (params === undefined) throw new Error("Digest: no challenge");
    const authorization = await digestAuthorization({
      algorithm: params["algorithm"] ?? "MD5",
      username: "user",
      password: "passwd",
      realm: params["realm"] ?? "",
      method: "GET",
      uri: digestPath,
      nonce: params["nonce"] ?? "",
      nc: "00000001",
      cnonce: crypto.randomUUID().slice(0, 16),
      qop: "auth",
      ...(params["opaque"] === undefined ? {} : { opaque: params["opaque"] }),
    });
    expectStatus("Digest with credentials", (await get(digestPath, { Authorization: authorization })).status, 200);
  };

  const durations: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const endAt = performance.now() + seconds * 1000;
  const think = () => new Promise((wait) => setTimeout(wait, thinkSeconds * 1000 * (0.5 + Math.random())));
  const student = async () => {
    // Students arrive over the first think time, not all in the same millisecond.
    await new Promise((wait) => setTimeout(wait, Math.random() * thinkSeconds * 1000));
    while (performance.now() < endAt) {
      const started = performance.now();
      try {
        await round();
        durations.push(performance.now() - started);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      await think();
    }
  };
  await Promise.all(Array.from({ length: students }, student));
  agent.destroy();
  durations.sort((a, b) => a - b);
  return {
    setup: setup.name,
    students,
    seconds,
    thinkSeconds,
    rounds: durations.length,
    roundsPerSecond: durations.length / seconds,
    p50Ms: percentile(durations, 50),
    p99Ms: percentile(durations, 99),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

export async function benchRoom(args: readonly string[]): Promise<RoomResult[]> {
  const students = option(args, "--students", 300);
  const seconds = option(args, "--seconds", 20);
  const thinkSeconds = option(args, "--think", 4);
  const count = option(args, "--servers", 3);
  const failure = await ensureBuild({ projectRoot, outDir, basePath: "/", site, log: say });
  if (failure !== undefined) throw new Error(failure);
  const results: RoomResult[] = [];
  for (const start of [oneServer, () => severalServers(count)]) {
    const setup = await start();
    try {
      say(`${setup.name}: ${students} students, think ${thinkSeconds} s, for ${seconds} s…`);
      results.push(await runRoom(setup, students, seconds, thinkSeconds));
    } finally {
      setup.stop();
      await new Promise((wait) => setTimeout(wait, 1_000));
    }
  }
  const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : "–");
  console.log("\nsetup | students | rounds/s | round p50 ms | round p99 ms | errors");
  console.log("--- | --: | --: | --: | --: | --:");
  for (const result of results) {
    console.log(
      `${result.setup} | ${result.students} | ${result.roundsPerSecond.toFixed(1)} | ${fixed(result.p50Ms)} | ${fixed(result.p99Ms)} | ${result.errors}${result.firstError === undefined ? "" : ` (${result.firstError})`}`,
    );
  }
  stopAll();
  return results;
}
