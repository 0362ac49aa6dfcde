import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolve } from "node:path";
import { createApiResponder, type SandboxOptions } from "../sandbox/node.ts";
import { apiRoot, siteBase } from "../site-config.ts";
import { tooLargeSentence } from "./answer-api.ts";
import { answerRequest, type Site } from "./answer-request.ts";
import { plainResponse } from "./plain-response.ts";

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
  /** More handler options (a clock, token lifetimes), for tests. */
  sandbox?: SandboxOptions;
  /** The most request content accepted, in bytes (default 1 MiB); more is answered 413. */
  maxBodyBytes?: number;
  /** How long a client may take to send the header section (default 10 s); then 408 and close. */
  headersTimeoutMs?: number;
  /** How long a client may take to send the whole request (default 30 s); then 408 and close. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection is kept open (default 5 s). */
  keepAliveTimeoutMs?: number;
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
 * HTTP details: GET and HEAD for files (405 otherwise), every method for the API; keep-alive;
 * request content capped (413, also before `100-continue`); slow clients get 408 after
 * headersTimeoutMs / requestTimeoutMs; `/` redirects to the base path when there is one.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const basePath = siteBase({ BASE_PATH: options.basePath });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 30_000, headersTimeout);
  const site: Site = {
    root: resolve(options.root),
    basePath,
    apiRoot: apiRoot(basePath),
    respond: createApiResponder(basePath, {
      ...options.sandbox,
      ...(options.digestSecret === undefined ? {} : { digestSecret: options.digestSecret }),
    }),
    maxBodyBytes,
    fallbackHost: `${options.host.includes(":") ? `[${options.host}]` : options.host}:${options.port}`,
  };
  let closing = false;
  /** Open connections and how many requests each is answering: close() ends those answering none. */
  const connections = new Map<Socket, number>();
  /** Responses whose status line is not out yet: on close(), they are told to say `Connection: close`. */
  const pending = new Set<ServerResponse>();
  const endIfIdle = (socket: Socket) => {
    if (closing && connections.get(socket) === 0) socket.end();
  };

  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // How often Node looks for slow clients: often enough for short timeouts in tests.
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeout / 4))),
    },
    (message, out) => {
      const socket = message.socket;
      connections.set(socket, (connections.get(socket) ?? 0) + 1);
      pending.add(out);
      out.once("close", () => {
        pending.delete(out);
        if (connections.has(socket)) connections.set(socket, (connections.get(socket) ?? 1) - 1);
        endIfIdle(socket);
      });
      if (closing) out.setHeader("Connection", "close");
      answerRequest(site, message, out).catch((error: unknown) => {
        console.error(error);
        if (out.headersSent) out.destroy();
        else plainResponse(out, 500, "The server failed while answering. The server's console shows why.");
      });
    },
  );

  server.on("connection", (socket: Socket) => {
    connections.set(socket, 0);
    socket.once("close", () => connections.delete(socket));
  });

  // `Expect: 100-continue` (curl sends it for content over 1 MiB): refuse too-large content before
  // the client sends it (RFC 9110 §10.1.1), otherwise invite it and answer as usual.
  server.on("checkContinue", (message: IncomingMessage, out: ServerResponse) => {
    if (Number(message.headers["content-length"] ?? 0) > maxBodyBytes) {
      plainResponse(out, 413, tooLargeSentence(maxBodyBytes), { close: true, head: message.method === "HEAD" });
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
