import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { hostname as machineName, networkInterfaces } from "node:os";
import { resolve } from "node:path";
import {
  createApiResponder,
  createProcessMemory,
  defaultServerSecret,
  type SandboxMemory,
  type SandboxOptions,
} from "../sandbox/node.ts";
import { withBehaviourEndpoints } from "./behaviour-endpoints.ts";
import { apiRoot, liveServerTiming, siteBase } from "../site-config.ts";
import { tooLargeSentence } from "./answer-api.ts";
import { answerRequest, type Site } from "./answer-request.ts";
import { BodyBudget } from "./body-budget.ts";
import { createFileCache } from "./file-cache.ts";
import { deriveOAuthSigningKey } from "./oauth-signing-key.ts";
import { serverClientMetadata } from "./client-metadata-fetch.ts";
import { ownNames, type OwnNames } from "./own-names.ts";
import { plainResponse } from "./plain-response.ts";
import { createRedisMemory } from "./redis-memory.ts";
import { isLoopbackHost } from "./served-urls.ts";
import { ConnectionPipeline } from "./connection-pipeline.ts";
import { LiveFeed } from "./live-view.ts";
import { withMcpEndpoint, type McpEndpoint } from "../mcp/mcp-endpoint.ts";
import { loggedTarget } from "./request-log.ts";
import { securityHeaders } from "./security-headers.ts";
import { clientErrorResponse, serverLimitDefaults, type ServerLimits } from "./server-limits.ts";

// For scripts and tests that run the server as npm start does: the gzip copies it makes at start
// and the fields it adds to every response (ARCHITECTURE.md, Layers: start-server.ts is an entry point).
export { precompress } from "./precompress.ts";
export { securityHeaders } from "./security-headers.ts";
// For tests that share one Redis memory between servers, or check it against the in-process one.
export { createRedisMemory, redisUrlProblem } from "./redis-memory.ts";

export interface StartServerOptions {
  /** The built site (dist/). */
  root: string;
  /** The base path the site was built for; the API is at `<basePath>api/`. */
  basePath: string;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /**
   * Whether other machines can reach the server (LAN mode): then a request whose Host is not one
   * of its own names is answered 421 (own-names.ts), and the probe is off or public-only. Default:
   * true unless `host` is a loopback address; tests set it on a server bound to 127.0.0.1.
   */
  lan?: boolean;
  /** Names the instructor configured (ALLOWED_HOSTS) besides the machine's own names and addresses. */
  allowedHosts?: readonly string[];
  /** Digest nonce key (see server-secret.ts); default: the sandbox's public default. */
  serverSecret?: string | Uint8Array | undefined;
  /** Files of `root` with a `.gz` copy beside them (precompress.ts); default none. */
  gzipped?: ReadonlySet<string>;
  /** One line per request (request-log.ts); default: none. */
  log?: ((line: string) => void) | undefined;
  /** The limits below, each with its default in serverLimitDefaults (server-limits.ts). */
  limits?: Partial<ServerLimits>;
  /** More handler options (a clock, token lifetimes), for tests. */
  sandbox?: SandboxOptions;
  /** On close(), how long in-flight requests may take before their connections are cut (default 10 s). */
  shutdownGraceMs?: number;
  /**
   * REDIS_URL: keep what the handlers remember in Redis (redis-memory.ts), shared by every server
   * given the same URL; default: in this process (src/sandbox/memory.ts).
   */
  redisUrl?: string | undefined;
  /**
   * Certificate authorities (PEM) the OAuth authorization server trusts, instead of the system's,
   * when it fetches a Client ID Metadata Document (client-metadata-fetch.ts): a test's own https server.
   */
  clientMetadataCa?: string | undefined;
  /**
   * `--live-view` (LIVE_VIEW=on): the live view (`<base>live/`, live-view.ts) is shown to other
   * machines too; by default only to this machine when the server is in LAN mode.
   */
  liveView?: boolean;
}

export interface RunningServer {
  server: Server;
  /** `http://<host>:<port>` as bound (IPv6 in brackets). */
  origin: string;
  port: number;
  /** Where the handlers' memory lives: "process", or "redis (redis://host:port)". */
  memory: string;
  /**
   * Graceful shutdown: stops accepting connections, closes idle ones, lets requests in flight
   * finish (their responses say `Connection: close`), and cuts what is left after the grace time.
   */
  close(): Promise<void>;
}

/** A page's fields: its security fields and the metric that says the live server served it (site-config.ts). */
const livePageFields: Readonly<Record<string, string>> = Object.freeze({
  ...securityHeaders("page"),
  "Server-Timing": liveServerTiming,
});

/** What answerRequest needs to know about the site and the server (answer-request.ts, Site), and the MCP endpoint in it. */
function siteFor(
  options: StartServerOptions,
  basePath: string,
  limits: ServerLimits,
  shared: { memory: SandboxMemory; oauthSigningKey: NonNullable<SandboxOptions["oauthSigningKey"]> },
): { site: Site; mcp: McpEndpoint } {
  const { maxBodyBytes } = limits;
  const lan = options.lan ?? !isLoopbackHost(options.host);
  const clientMetadata = serverClientMetadata({ root: resolve(options.root), lan, ca: options.clientMetadataCa });
  const feed = new LiveFeed();
  const api = withBehaviourEndpoints(
    createApiResponder(basePath, {
      clientMetadata,
      ...options.sandbox,
      ...shared,
      ...(options.serverSecret === undefined ? {} : { serverSecret: options.serverSecret }),
    }),
    basePath,
  );
  // The site's names are known with its port, after listening (startServer): asked each time.
  const mcp = withMcpEndpoint(api, { basePath, isOwnHost: (host) => site.isOwnHost(host), maxBodyBytes });
  const site: Site = {
    root: resolve(options.root),
    basePath,
    gzipped: options.gzipped ?? new Set(),
    fieldsFor: (kind) => (kind === "page" ? livePageFields : securityHeaders(kind)),
    fileCache: createFileCache(),
    apiRoot: apiRoot(basePath),
    // The MCP endpoint in front of the sandbox's handlers (src/mcp); answer-api.ts records every answer for the live view.
    respond: mcp.respond,
    maxBodyBytes,
    bodyBudget: new BodyBudget(limits.bodyBudgetBytes),
    fallbackHost: `${options.host.includes(":") ? `[${options.host}]` : options.host}:${options.port}`,
    lan,
    isOwnHost: ownNamesOf(options, options.port),
    liveView: { feed, open: options.liveView === true },
  };
  return { site, mcp };
}

/** The names this server answers for, listening on `port` (own-names.ts). */
function ownNamesOf(options: StartServerOptions, port: number): OwnNames {
  return ownNames({
    boundHost: options.host,
    boundPort: port,
    allowedHosts: options.allowedHosts ?? [],
    interfaces: networkInterfaces(),
    machineName: machineName(),
  });
}

/** The requests that never reach the pipeline: refused by Node's parser, CONNECT, and Expect: 100-continue. */
function answerWhatNodeRefuses(server: Server, log: ((line: string) => void) | undefined, maxBodyBytes: number): void {
  // A request Node's parser refuses (malformed, header section too large, too slow): answered
  // with a status and a sentence, never thrown. Node's own answer has no reason or security fields.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const answered = clientErrorResponse(error.code);
    const busy = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (answered !== undefined && socket.writable && (busy === undefined || busy === null || !busy.headersSent)) {
      socket.end(answered.bytes);
      log?.(`- (${answered.what}) ${answered.status}`);
    } else socket.destroy();
  });

  // CONNECT asks for a tunnel, which this server does not make (RFC 9110 §9.3.6): 405.
  server.on("connect", (message: IncomingMessage, socket: Socket) => {
    socket.on("error", () => {});
    socket.end(clientErrorResponse("CONNECT")?.bytes ?? "");
    log?.(`CONNECT ${loggedTarget(message.url ?? "", "CONNECT")} 405`);
  });

  // `Expect: 100-continue` (curl sends it for content over 1 MiB): refuse too-large content before
  // the client sends it (RFC 9110 §10.1.1), otherwise invite it and answer as usual.
  server.on("checkContinue", (message: IncomingMessage, out: ServerResponse) => {
    if (Number(message.headers["content-length"] ?? 0) > maxBodyBytes) {
      plainResponse(out, 413, tooLargeSentence(maxBodyBytes), {
        close: true,
        head: message.method === "HEAD",
        headers: securityHeaders("data"),
      });
      return;
    }
    out.writeContinue();
    server.emit("request", message, out);
  });
}

/**
 * The live server of `npm start`: the built site under its base path, answered as GitHub Pages
 * would (static-files.ts: no rewrites, 404.html for what is missing), and the sandbox API under
 * `<base>api/`, answered by the same handler list as the service worker.
 *
 * It treats every client as hostile (server-limits.ts has each limit and why): a connection's
 * requests are answered one after another, so pipelining cannot make it open more than one file
 * or run more than one handler at a time; a full server makes room for a new connection by
 * closing its oldest connection that is not answering anything; request content is capped per
 * request and in total; slow senders get 408, slow readers are cut after the send timeout; every
 * response carries the security header fields (security-headers.ts); and nothing a client sends
 * reaches the process as an error.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const basePath = siteBase({ BASE_PATH: options.basePath });
  const limits: ServerLimits = { ...serverLimitDefaults, ...options.limits };
  const { maxBodyBytes } = limits;
  const headersTimeout = limits.headersTimeoutMs;
  const requestTimeout = Math.max(limits.requestTimeoutMs, headersTimeout);
  const log = options.log;
  const memory: SandboxMemory =
    options.sandbox?.memory ??
    (options.redisUrl === undefined || options.redisUrl === ""
      ? createProcessMemory()
      : await createRedisMemory(options.redisUrl, { log: (line) => console.error(line) }));
  // Access tokens are signed with a key derived from the secret, so that every server with the
  // same secret accepts them (oauth-signing-key.ts).
  const oauthSigningKey =
    options.sandbox?.oauthSigningKey ?? (await deriveOAuthSigningKey(options.serverSecret ?? defaultServerSecret));
  const { site, mcp } = siteFor(options, basePath, limits, { memory, oauthSigningKey });
  const pipeline = new ConnectionPipeline(limits, (message, out) => answerRequest(site, message, out), log);
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: limits.idleTimeoutMs,
      // A missing Host is answered by answer-request.ts, with a sentence and the security fields.
      requireHostHeader: false,
      // How often Node looks for slow clients: often enough for short timeouts in tests.
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeout / 4))),
    },
    (message, out) => pipeline.request(message, out),
  );
  server.timeout = limits.sendTimeoutMs;

  server.on("connection", (socket: Socket) => pipeline.admit(socket));

  answerWhatNodeRefuses(server, log, maxBodyBytes);

  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(options.port, options.host, () => {
      server.off("error", failed);
      listening();
    });
  }).catch(async (error: unknown) => {
    if (options.sandbox?.memory === undefined) await memory.close();
    throw error;
  });
  const { port, address } = server.address() as AddressInfo;
  site.fallbackHost = `${address.includes(":") ? `[${address}]` : address}:${port}`;
  // With port 0 the port is known only now.
  site.isOwnHost = ownNamesOf(options, port);
  const origin = address.includes(":") ? `http://[${address}]:${port}` : `http://${address}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((done) => {
      pipeline.startClosing();
      const cut = setTimeout(() => {
        for (const socket of pipeline.connections.keys()) socket.destroy();
      }, options.shutdownGraceMs ?? 10_000);
      // The MCP sessions end now (they hold no connection: no SSE streams, decisions/mcp-endpoint.md).
      void mcp.close();
      server.close(() => {
        clearTimeout(cut);
        // A memory this server made is its own to let go of; one it was given is the giver's.
        if (options.sandbox?.memory === undefined) void memory.close().then(done, done);
        else done();
      });
      // Connections waiting for a first or next request end now (Node's closeIdleConnections
      // leaves out those that never sent one); the others end after their response.
      pipeline.endIdle();
    });
    return closed;
  };
  return { server, origin, port, memory: memory.home, close };
}
