/**
 * Debian's redis-server for a test: on a free loopback port, no persistence (--save "" and no
 * append-only file, so a restart comes back empty, as the keynote test wants), no protected mode
 * surprises (bound to 127.0.0.1). `stop()` and `start()` again on the same port simulate an outage.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDaemon, stopDaemon } from "./daemon.ts";
import { freePort } from "./httpbin-server.ts";

export const redisServerPath = "/usr/bin/redis-server";

export interface RedisDaemon {
  url: string;
  port: number;
  /** Starts it (again) on the same port, empty. */
  start(): Promise<void>;
  /** Stops it; what it held is gone. */
  stop(): Promise<void>;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

export async function startRedis(): Promise<RedisDaemon> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "http-status-lab-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = await startDaemon(
      redisServerPath,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
        "--logfile",
        "",
        "--loglevel",
        "warning",
      ],
      port,
      join(dir, "none.log"),
    );
  };
  const stop = async () => {
    if (child !== undefined) await stopDaemon(child);
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
