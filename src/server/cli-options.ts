import { siteBase, siteOrigin } from "../site-config.ts";
import { parseAllowedHosts } from "./own-names.ts";
import { parseServerLimits, serverLimitVariables, type ServerLimits } from "./server-limits.ts";

/** What `npm start` was asked to do, from its flags and the environment. */
export interface ServerOptions {
  /** The interface to listen on: `127.0.0.1` unless HOST or `--host` says otherwise. */
  host: string;
  /** The TCP port: 4321 unless PORT or `--port` says otherwise; 0 picks a free one. */
  port: number;
  /** The site's base path (BASE_PATH), always starting and ending with "/". */
  basePath: string;
  /** The canonical origin the build is made for (SITE). */
  site: string;
  /** The build directory (OUT_DIR, as astro.config.mjs reads it), relative to the project. */
  outDir: string;
  /** `--help` was given: print the usage and exit. */
  help: boolean;
  /** `--quiet` (or QUIET=1): no line per request. */
  quiet: boolean;
  /** ALLOWED_HOSTS: names the server answers for on the LAN besides its own (own-names.ts). */
  allowedHosts: string[];
  /** Limits set in the environment (server-limits.ts); the others keep their defaults. */
  limits: Partial<ServerLimits>;
  /** `--live-view` (or LIVE_VIEW=on): the live view is shown to other machines too (src/server/live-view.ts). */
  liveView: boolean;
}

export type ParseServerOptionsResult = { ok: true; options: ServerOptions } | { ok: false; message: string };

export const serverUsage = `Usage: npm start [-- --host <address>] [--port <number>] [--quiet] [--live-view]

Builds the site if dist/ is missing or older than its sources, then serves it with the live
sandbox API under <base>api/, and an MCP endpoint at <base>api/oauth/mcp.

  --host <address>  the interface to listen on (HOST; default 127.0.0.1).
                    0.0.0.0 serves every network interface, for a workshop on a LAN.
  --port <number>   the port (PORT; default 4321; 0 picks a free one).
  --quiet           no log line per request (QUIET=1).
  --live-view       show the live view (<base>live/: every exchange the server answers, secrets
                    redacted) to other machines too (LIVE_VIEW=on); by default, on a LAN, only
                    this machine sees it.
  --help            this text.

Environment: BASE_PATH (default /), SITE, OUT_DIR (default ./dist), SERVER_SECRET (DIGEST_SECRET: its older name), REDIS_URL
(one memory for several servers behind one name), PROBE (the probe page: on by default only on
loopback; on or off), ALLOWED_HOSTS (names the server answers for on a LAN besides its own
addresses and this machine's name, comma-separated), LIVE_VIEW (on: as --live-view), and the
limits ${Object.values(serverLimitVariables)
  .map((variable) => variable.name)
  .join(", ")} (README, Options).`;

function parsePort(text: string, from: string): number | string {
  if (!/^[0-9]{1,5}$/.test(text.trim()) || Number(text) > 65535) {
    return `${from} is "${text}", which is not a port: give a whole number from 0 to 65535 (0 picks a free port).`;
  }
  return Number(text);
}

/**
 * Reads `--host`, `--port` (as `--port 8080` or `--port=8080`), `--quiet`, `--live-view` and `--help` from the
 * arguments, and HOST, PORT, BASE_PATH, SITE, OUT_DIR, QUIET, LIVE_VIEW and the limits from the environment; flags win over the environment.
 * Never throws: a bad value comes back as a sentence that says what to type instead.
 */
export function parseServerOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ParseServerOptionsResult {
  let host = env["HOST"]?.trim() || "127.0.0.1";
  let portText: { text: string; from: string } | undefined =
    env["PORT"] !== undefined && env["PORT"].trim() !== "" ? { text: env["PORT"], from: "PORT" } : undefined;
  let help = false;
  let quiet = env["QUIET"] !== undefined && env["QUIET"] !== "" && env["QUIET"] !== "0";
  let liveView = ["on", "1", "true", "yes"].includes(env["LIVE_VIEW"]?.trim().toLowerCase() ?? "");
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? "";
    const [flag = "", inline] =
      argument.startsWith("--") && argument.includes("=") ? argument.split(/=(.*)/s, 2) : [argument];
    if (flag === "--help" || flag === "-h") {
      help = true;
      continue;
    }
    if (flag === "--quiet" && inline === undefined) {
      quiet = true;
      continue;
    }
    if (flag === "--live-view" && inline === undefined) {
      liveView = true;
      continue;
    }
    if (flag !== "--host" && flag !== "--port") {
      return { ok: false, message: `Unknown argument "${argument}". Run npm start -- --help to see the options.` };
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
      return {
        ok: false,
        message: `${flag} needs a value, for example ${flag === "--host" ? "--host 0.0.0.0" : "--port 8080"}.`,
      };
    }
    if (flag === "--host") host = value;
    else portText = { text: value, from: "--port" };
  }
  const port = portText === undefined ? 4321 : parsePort(portText.text, portText.from);
  if (typeof port === "string") return { ok: false, message: port };
  const limits = parseServerLimits(env);
  if (typeof limits === "string") return { ok: false, message: limits };
  const allowedHosts = parseAllowedHosts(env["ALLOWED_HOSTS"]);
  if (typeof allowedHosts === "string") return { ok: false, message: allowedHosts };
  return {
    ok: true,
    options: {
      host,
      port,
      basePath: siteBase(env),
      site: siteOrigin(env),
      outDir: env["OUT_DIR"]?.trim() || "./dist",
      help,
      quiet,
      limits,
      allowedHosts,
      liveView,
    },
  };
}
