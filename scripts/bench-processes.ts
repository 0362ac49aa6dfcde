/**
 * Child processes for `npm run bench`, each bounded by a timeout and all stopped when the bench
 * ends, fails or is interrupted: nothing it starts may outlive it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";

const running = new Set<ChildProcess>();

/** Stops every child the bench started (its whole process group: servers fork workers). */
export function stopAll(): void {
  for (const child of running) stopChild(child);
}

function stopChild(child: ChildProcess): void {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  const pid = child.pid;
  setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }, 2_000).unref();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
process.on("exit", stopAll);

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Runs a command to completion (or until `timeoutMs`, when it is killed) and collects its output. */
export function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; timeoutMs: number; cwd?: string },
): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      stopChild(child);
    }, options.timeoutMs);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr, ms: performance.now() - started, timedOut });
    };
    child.on("error", (error) => {
      stderr += String(error);
      finish(null);
    });
    child.on("exit", (code) => finish(code));
  });
}

export interface Service {
  stop(): void;
  output(): string;
}

/**
 * Starts a long-running server and waits until `readyUrl` answers (any HTTP status), or fails
 * after `timeoutMs` with the server's own output.
 */
export async function startService(
  command: string,
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    /** Ready once this URL answers (any HTTP status)… */
    readyUrl?: string;
    /** …or, for a server that speaks no HTTP (redis-server), once this loopback port accepts a connection. */
    readyPort?: number;
    timeoutMs: number;
    cwd?: string;
  },
): Promise<Service> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const service: Service = { stop: () => stopChild(child), output: () => output };
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if (options.readyPort !== undefined) await accepts(options.readyPort);
      else await fetch(options.readyUrl ?? "", { signal: AbortSignal.timeout(2_000) });
      return service;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  service.stop();
  throw new Error(
    `${command} ${args.join(" ")} did not answer ${options.readyUrl ?? `on port ${options.readyPort}`}: ${output.trim().slice(-500)}`,
  );
}

/** Resolves when something accepts a connection on the loopback `port`; rejects otherwise. */
function accepts(port: number): Promise<void> {
  return new Promise((ready, refused) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      ready();
    });
    socket.once("error", refused);
  });
}

/** Resolves to the promise's value, or rejects after `ms` with a sentence naming `what`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
