/**
 * `npm start`: builds the site if needed, then serves it with the live sandbox API.
 * Options: `npm start -- --help` (cli-options.ts). Stops gracefully on Ctrl-C / SIGTERM.
 */
import { networkInterfaces, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseServerOptions, serverUsage, type ServerOptions } from "./cli-options.ts";
import { loadServerSecret, type ServerSecretSource } from "./server-secret.ts";
import { ensureBuild } from "./ensure-build.ts";
import { precompress } from "./precompress.ts";
import { redisUrlProblem } from "./redis-memory.ts";
import { servedUrls } from "./served-urls.ts";
import { startServer, type RunningServer } from "./start-server.ts";

const projectRoot = resolve(import.meta.dirname, "..", "..");

type ServerSecret = Extract<ServerSecretSource, { ok: true }>;

/** What the server needs before it listens, or the exit code after saying what is wrong. */
type Prepared =
  | {
      ok: true;
      root: string;
      gzipped: Awaited<ReturnType<typeof precompress>>;
      secret: ServerSecret;
      redisUrl: string | undefined;
    }
  | { ok: false; exitCode: number };

/** Builds the site if needed, precompresses it, loads the server secret and checks REDIS_URL. */
async function prepare(options: ServerOptions): Promise<Prepared> {
  const failure = await ensureBuild({ ...options, projectRoot, log: (line) => console.log(line) });
  if (failure !== undefined) {
    console.error(failure);
    return { ok: false, exitCode: 1 };
  }

  const root = resolve(projectRoot, options.outDir);
  const gzipped = await precompress(root);

  const secret = await loadServerSecret(process.env, [
    join(projectRoot, "node_modules", ".cache", "http-status-lab"),
    join(tmpdir(), `http-status-lab-${process.getuid?.() ?? "user"}`),
  ]);
  if (!secret.ok) {
    console.error(secret.message);
    return { ok: false, exitCode: 1 };
  }

  const redisUrl = process.env["REDIS_URL"]?.trim() || undefined;
  const redisProblem = redisUrl === undefined ? undefined : redisUrlProblem(redisUrl);
  if (redisProblem !== undefined) {
    console.error(redisProblem);
    return { ok: false, exitCode: 2 };
  }
  return { ok: true, root, gzipped, secret, redisUrl };
}

/** The sentence for a server that could not listen: a port in use, an address not this machine's, or the error. */
function startFailure(error: unknown, options: ServerOptions): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return `Port ${options.port} is in use on ${options.host}: stop what runs there, or choose another port with PORT=8080 npm start.`;
  if (code === "EADDRNOTAVAIL")
    return `${options.host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its own addresses.`;
  return `The server could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** Stops gracefully on the first SIGINT or SIGTERM, cuts open connections on the second; resolves 0 once stopped. */
function stopOnSignals(running: RunningServer): Promise<number> {
  return new Promise<number>((finished) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        console.log(`\n${signal} again: cutting the connections still open.`);
        running.server.closeAllConnections();
        return;
      }
      stopping = true;
      console.log(`\n${signal}: no new connections; finishing the requests in flight…`);
      void running.close().then(() => {
        console.log("Stopped.");
        finished(0);
      });
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
}

/** Says where the server is, where its secret and memory are, who can reach it, and how to stop it. */
function announce(options: ServerOptions, running: RunningServer, secret: ServerSecret): void {
  const urls = servedUrls(options.host, running.port, options.basePath, networkInterfaces());
  console.log(`\nHTTP Status Lab is serving the site and its live API:`);
  for (const url of urls.site) console.log(`  ${url}    (API: ${url}api/)`);
  const first = urls.site[0] ?? "";
  console.log(`MCP endpoint (Streamable HTTP, behind the sandbox's OAuth): ${first}api/oauth/mcp`);
  console.log(
    `Live view of every exchange, secrets redacted: ${first}live/${urls.exposed && !options.liveView ? " (this machine only; --live-view shows it to others)" : ""}`,
  );
  console.log(
    `Digest nonces and OAuth tokens are signed with ${/^[A-Z_]+$/.test(secret.from) ? secret.from : `the secret in ${secret.from}`}.`,
  );
  console.log(
    running.memory === "process"
      ? "Nonce counts, used codes and DPoP proofs are remembered in this process (REDIS_URL shares them between servers)."
      : `Nonce counts, used codes and DPoP proofs are remembered in ${running.memory}.`,
  );
  if (urls.exposed) {
    console.warn(
      `\nWarning: other machines can reach this server. The sandbox's demo credentials (user:passwd, the demo\n` +
        `Bearer tokens) are public by design: anyone on this network can use them. Serve a class only on a\n` +
        `network you trust, and stop the server after the workshop.`,
    );
  }
  console.log(
    options.quiet
      ? `Press Ctrl-C to stop.`
      : `Press Ctrl-C to stop. Requests are logged below (--quiet: not logged).\n`,
  );
}

async function main(): Promise<number> {
  const parsed = parseServerOptions(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    return 2;
  }
  const { options } = parsed;
  if (options.help) {
    console.log(serverUsage);
    return 0;
  }

  const prepared = await prepare(options);
  if (!prepared.ok) return prepared.exitCode;
  const { root, gzipped, secret, redisUrl } = prepared;

  let running: RunningServer;
  try {
    running = await startServer({
      root,
      basePath: options.basePath,
      port: options.port,
      host: options.host,
      allowedHosts: options.allowedHosts,
      serverSecret: secret.secret,
      redisUrl,
      gzipped,
      limits: options.limits,
      liveView: options.liveView,
      log: options.quiet ? undefined : (line) => console.log(line),
    });
  } catch (error) {
    console.error(startFailure(error, options));
    return 1;
  }

  // Listen for the signals before saying how to send one.
  const stopped = stopOnSignals(running);
  announce(options, running, secret);
  return stopped;
}

process.exitCode = await main();
// Whatever a dependency leaves open (a timer, a handle) must not keep a stopped server's process alive.
setTimeout(() => process.exit(), 1_000).unref();
