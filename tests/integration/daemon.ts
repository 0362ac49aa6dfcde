/**
 * A system server (nginx, apache2) in the foreground for a test: started in its own process group,
 * ready once it accepts connections on its loopback port, stopped with SIGTERM to the group
 * (SIGKILL after 5 s). Shared by server-configs.test.ts and probe.test.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      answer(true);
    });
    socket.once("error", () => answer(false));
  });
}

/** Starts a server in the foreground, in its own process group, and waits until it accepts connections. */
export async function startDaemon(command: string, args: string[], port: number, log: string): Promise<ChildProcess> {
  const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await canConnect(port)) return child;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  killGroup(child, "SIGKILL");
  const errorLog = existsSync(log) ? readFileSync(log, "utf8") : "";
  throw new Error(`${command} did not start listening on port ${port}:\n${output}\n${errorLog}`);
}

/** Stops a server started by startDaemon: SIGTERM to its process group, SIGKILL after 5 s. */
export async function stopDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * nginx and Apache httpd, each in the foreground on a configuration of `dir` (nginx.conf,
 * apache.conf, a logs folder), as the probe's tests start them side by side.
 */
export function startNginxAndApache(
  dir: string,
  ports: { nginx: number; apache: number },
): Promise<[ChildProcess, ChildProcess]> {
  return Promise.all([
    startDaemon(
      "/usr/sbin/nginx",
      ["-p", `${dir}/`, "-e", `${dir}/logs/nginx.log`, "-c", `${dir}/nginx.conf`],
      ports.nginx,
      `${dir}/logs/nginx.log`,
    ),
    startDaemon(
      "/usr/sbin/apache2",
      ["-f", `${dir}/apache.conf`, "-DFOREGROUND"],
      ports.apache,
      `${dir}/logs/apache.log`,
    ),
  ]);
}
