/**
 * Debian's httpbin (python3-httpbin 0.7.0, Flask) on a free loopback port, as the reference the
 * sandbox API's paths come from. `python3 -m httpbin.core --host --port` runs Werkzeug's server;
 * `gunicorn` (when installed) runs the same app the way httpbin.org deploys it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";

export interface RunningHttpbin {
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the kernel picks it; the tiny race is acceptable for tests). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export const gunicornPath = "/usr/bin/gunicorn";
export const hasGunicorn = existsSync(gunicornPath);

/**
 * Starts httpbin and waits (at most `readyWithinMs`) until it answers `/status/200`.
 * `server: "werkzeug"` is httpbin's own `__main__`; `"gunicorn"` runs `workers` sync workers.
 */
export async function startHttpbin(
  options: { server?: "werkzeug" | "gunicorn"; workers?: number; readyWithinMs?: number } = {},
): Promise<RunningHttpbin> {
  const port = await freePort();
  const args =
    options.server === "gunicorn"
      ? [
          gunicornPath,
          [
            "--bind",
            `127.0.0.1:${port}`,
            "--workers",
            String(options.workers ?? 1),
            "--log-level",
            "warning",
            "httpbin:app",
          ],
        ]
      : ["/usr/bin/python3", ["-m", "httpbin.core", "--host", "127.0.0.1", "--port", String(port)]];
  const [command, commandArgs] = args as [string, string[]];
  const child = spawn(command, commandArgs, {
    stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyWithinMs ?? 15_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${origin}/status/200`, { signal: AbortSignal.timeout(1_000) })).status === 200) {
        return { origin, child, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`httpbin (${command}) did not answer on ${origin} in time. Its stderr:\n${stderr}`);
}
