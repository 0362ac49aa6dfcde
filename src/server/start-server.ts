import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolve } from "node:path";
import { createApiResponder, type SandboxOptions } from "../sandbox/node.ts";
import { apiRoot, liveServerTiming, siteBase } from "../site-config.ts";
import { tooLargeSentence } from "./answer-api.ts";
import { answerRequest, type Site } from "./answer-request.ts";
import { BodyBudget } from "./body-budget.ts";
import { createFileCache } from "./file-cache.ts";
import { plainResponse } from "./plain-response.ts";
import { requestLogLine } from "./request-log.ts";
import { securityHeaders } from "./security-headers.ts";
import { clientErrorResponse, serverLimitDefaults, type ServerLimits } from "./server-limits.ts";

/** Pipelined requests a connection may have waiting for an answer (RFC 9112 §9.3.2 lets a server close instead). */
const maxWaitingPerConnection = 32;

// For scripts and tests that run the server as npm start does: the gzip copies it makes at start
// and the fields it adds to every response (ARCHITECTURE.md, Layers: start-server.ts is an entry point).
export { precompress } from "./precompress.ts";
export { securityHeaders } from "./security-headers.ts";

export interface StartServerOptions {
  /** The built site (dist/). */
  root: string;
  /** The base path the site was built for; the API is at `<basePath>api/`. */
  basePath: string;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Digest nonce key (see digest-secret.ts); default: the sandbox's public default. */
  digestSecret?: string | Uint8Array | undefined;
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
}

export interface RunningServer {
  server: Server;
  /** `http://<host>:<port>` as bound (IPv6 in brackets). */
  origin: string;
  port: number;
  /**
   * Graceful shutdown: stops accepting connections, closes idle ones, lets requests in flight
   * finish (their responses say `Connection: close`), and cuts what is left after the grace time.
   */
  close(): Promise<void>;
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
/** A page's fields: its security fields and the metric that says the live server served it (site-config.ts). */
const livePageFields: Readonly<Record<string, string>> = Object.freeze({
  ...securityHeaders("page"),
  "Server-Timing": liveServerTiming,
});

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const basePath = siteBase({ BASE_PATH: options.basePath });
  const limits: ServerLimits = { ...serverLimitDefaults, ...options.limits };
  const { maxBodyBytes } = limits;
  const headersTimeout = limits.headersTimeoutMs;
  const requestTimeout = Math.max(limits.requestTimeoutMs, headersTimeout);
  const log = options.log;
  const site: Site = {
    root: resolve(options.root),
    basePath,
    gzipped: options.gzipped ?? new Set(),
    fieldsFor: (kind) => (kind === "page" ? livePageFields : securityHeaders(kind)),
    fileCache: createFileCache(),
    apiRoot: apiRoot(basePath),
    respond: createApiResponder(basePath, {
      ...options.sandbox,
      ...(options.digestSecret === undefined ? {} : { digestSecret: options.digestSecret }),
    }),
    maxBodyBytes,
    bodyBudget: new BodyBudget(limits.bodyBudgetBytes),
    fallbackHost: `${options.host.includes(":") ? `[${options.host}]` : options.host}:${options.port}`,
  };
  let closing = false;
  /**
   * Open connections, oldest first, and how many requests each is answering: close() ends those
   * answering none, and a full server closes the oldest of them to make room.
   */
  const connections = new Map<Socket, number>();
  /** Responses whose status line is not out yet: on close(), they are told to say `Connection: close`. */
  const pending = new Set<ServerResponse>();
  /** Per connection, the end of its last request: the next one starts after it (no pipelined work in parallel). */
  const lastOnConnection = new WeakMap<Socket, Promise<void>>();
  /** Per connection, how many requests it has made. */
  const servedOnConnection = new WeakMap<Socket, number>();
  /** Per connection, how many requests wait for the one before them. */
  const waiting = new WeakMap<Socket, number>();
  /** Per connection, the requests not settled yet: settled all at once when it closes. */
  const unsettled = new Map<Socket, Set<() => void>>();
  const endIfIdle = (socket: Socket) => {
    if (closing && connections.get(socket) === 0) socket.end();
  };

  const answer = (message: IncomingMessage, out: ServerResponse) => {
    answerRequest(site, message, out).catch((error: unknown) => {
      console.error(error);
      if (out.headersSent) out.destroy();
      else plainResponse(out, 500, "The server failed while answering. The server's console shows why.");
    });
  };

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
    (message, out) => {
      const socket = message.socket;
      const started = performance.now();
      connections.set(socket, (connections.get(socket) ?? 0) + 1);
      pending.add(out);
      for (const [name, value] of Object.entries(securityHeaders("data"))) out.setHeader(name, value);
      let settled = false;
      let done = () => {};
      const finished = new Promise<void>((resolve) => (done = resolve));
      /** Once per request: when its response is over, or its connection is gone before it started. */
      const settle = () => {
        if (settled) return;
        settled = true;
        unsettled.get(socket)?.delete(settle);
        pending.delete(out);
        if (connections.has(socket)) connections.set(socket, (connections.get(socket) ?? 1) - 1);
        endIfIdle(socket);
        if (log !== undefined && out.headersSent) {
          log(requestLogLine(message.method ?? "", message.url ?? "", out.statusCode, performance.now() - started));
        }
        done();
      };
      out.once("close", settle);
      unsettled.get(socket)?.add(settle);
      // The last request a connection may make is answered with `Connection: close` (RFC 9112
      // §9.6); what it pipelined after that is dropped with the connection. (Node's own
      // maxRequestsPerSocket would do the same, and add `max=` to every Keep-Alive field.)
      const served = (servedOnConnection.get(socket) ?? 0) + 1;
      servedOnConnection.set(socket, served);
      if (closing || served >= limits.maxRequestsPerConnection) out.setHeader("Connection", "close");
      // Pipelined requests wait for the one before them; those of a connection that is gone are
      // dropped. A client with more than maxWaitingPerConnection requests sent and unanswered is
      // not reading its answers (no browser pipelines): its connection is closed, and with it
      // every request it queued, so a flood costs the server neither files nor memory.
      const before = lastOnConnection.get(socket);
      lastOnConnection.set(socket, finished);
      if (before === undefined) answer(message, out);
      else {
        const queued = (waiting.get(socket) ?? 0) + 1;
        waiting.set(socket, queued);
        if (queued > maxWaitingPerConnection) socket.destroy();
        void before.then(() => {
          waiting.set(socket, (waiting.get(socket) ?? 1) - 1);
          if (socket.destroyed) settle();
          else answer(message, out);
        });
      }
    },
  );
  server.timeout = limits.sendTimeoutMs;

  server.on("connection", (socket: Socket) => {
    if (connections.size >= limits.maxConnections) {
      let oldestIdle: Socket | undefined;
      for (const [open, answering] of connections) {
        if (answering === 0) {
          oldestIdle = open;
          break;
        }
      }
      if (oldestIdle === undefined) {
        socket.destroy();
        return;
      }
      oldestIdle.destroy();
      connections.delete(oldestIdle);
    }
    connections.set(socket, 0);
    unsettled.set(socket, new Set());
    socket.once("close", () => {
      for (const settle of unsettled.get(socket) ?? []) settle();
      unsettled.delete(socket);
      connections.delete(socket);
    });
  });

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
    log?.(`CONNECT ${message.url?.slice(0, 200) ?? ""} 405`);
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

  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(options.port, options.host, () => {
      server.off("error", failed);
      listening();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  site.fallbackHost = `${address.includes(":") ? `[${address}]` : address}:${port}`;
  const origin = address.includes(":") ? `http://[${address}]:${port}` : `http://${address}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((done) => {
      closing = true;
      for (const out of pending) if (!out.headersSent) out.setHeader("Connection", "close");
      const cut = setTimeout(() => {
        for (const socket of connections.keys()) socket.destroy();
      }, options.shutdownGraceMs ?? 10_000);
      server.close(() => {
        clearTimeout(cut);
        done();
      });
      // Connections waiting for a first or next request end now (Node's closeIdleConnections
      // leaves out those that never sent one); the others end after their response.
      for (const socket of connections.keys()) endIfIdle(socket);
    });
    return closed;
  };
  return { server, origin, port, close };
}
