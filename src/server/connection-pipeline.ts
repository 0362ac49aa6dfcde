import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { plainResponse } from "./plain-response.ts";
import { requestLogLine } from "./request-log.ts";
import { securityHeaders } from "./security-headers.ts";

/** Pipelined requests a connection may have waiting for an answer (RFC 9112 §9.3.2 lets a server close instead). */
const maxWaitingPerConnection = 32;

/** What the server keeps about one open connection: one object per socket. */
export interface ConnectionState {
  /** Requests it is answering now (0: idle, so close() and a full server may end it). */
  answering: number;
  /** Requests it has made. */
  served: number;
  /** Requests waiting for the one before them. */
  waiting: number;
  /** The end of its last request: the next one starts after it (no pipelined work in parallel). */
  last: Promise<void> | undefined;
  /** Its requests not settled yet: settled all at once when it closes. */
  unsettled: Set<() => void>;
}

/**
 * The connections of one server and the order its requests are answered in: open connections
 * oldest first (a full server closes the oldest idle one to make room), each connection's requests
 * one after another, and the responses whose status line is not out yet (on close(), they say
 * `Connection: close`).
 */
export class ConnectionPipeline {
  readonly connections = new Map<Socket, ConnectionState>();
  readonly pending = new Set<ServerResponse>();
  closing = false;
  private readonly limits: { maxConnections: number; maxRequestsPerConnection: number };
  private readonly answer: (message: IncomingMessage, out: ServerResponse) => Promise<void>;
  private readonly log: ((line: string) => void) | undefined;

  constructor(
    limits: { maxConnections: number; maxRequestsPerConnection: number },
    answer: (message: IncomingMessage, out: ServerResponse) => Promise<void>,
    log: ((line: string) => void) | undefined,
  ) {
    this.limits = limits;
    this.answer = answer;
    this.log = log;
  }

  /** A new connection: admitted, after closing the oldest idle one when the server is full; or refused. */
  admit(socket: Socket): void {
    if (this.connections.size >= this.limits.maxConnections) {
      const oldestIdle = [...this.connections].find(([, state]) => state.answering === 0)?.[0];
      if (oldestIdle === undefined) {
        socket.destroy();
        return;
      }
      oldestIdle.destroy();
      this.connections.delete(oldestIdle);
    }
    const state: ConnectionState = { answering: 0, served: 0, waiting: 0, last: undefined, unsettled: new Set() };
    this.connections.set(socket, state);
    socket.once("close", () => {
      for (const settle of state.unsettled) settle();
      state.unsettled.clear();
      this.connections.delete(socket);
    });
  }

  /** Ends a connection that answers nothing once the server is closing. */
  endIfIdle(socket: Socket): void {
    if (this.closing && this.connections.get(socket)?.answering === 0) socket.end();
  }

  /** Closing: every response not started says `Connection: close`, and so does every later one. */
  startClosing(): void {
    this.closing = true;
    for (const out of this.pending) if (!out.headersSent) out.setHeader("Connection", "close");
  }

  /** Connections answering nothing end now; the others end after their response (endIfIdle). */
  endIdle(): void {
    for (const socket of this.connections.keys()) this.endIfIdle(socket);
  }

  /** One request: queued behind the one before it on its connection, answered, settled and logged once. */
  request(message: IncomingMessage, out: ServerResponse): void {
    const socket = message.socket;
    const state = this.connections.get(socket);
    if (state !== undefined) state.answering++;
    this.pending.add(out);
    for (const [name, value] of Object.entries(securityHeaders("data"))) out.setHeader(name, value);
    const settle = this.settler(message, out, state);
    out.once("close", settle.settle);
    state?.unsettled.add(settle.settle);
    // The last request a connection may make is answered with `Connection: close` (RFC 9112
    // §9.6); what it pipelined after that is dropped with the connection. (Node's own
    // maxRequestsPerSocket would do the same, and add `max=` to every Keep-Alive field.)
    const served = state === undefined ? 1 : ++state.served;
    if (this.closing || served >= this.limits.maxRequestsPerConnection) out.setHeader("Connection", "close");
    this.queue(message, out, state, settle);
  }

  /**
   * Pipelined requests wait for the one before them; those of a connection that is gone are
   * dropped. A client with more than maxWaitingPerConnection requests sent and unanswered is not
   * reading its answers (no browser pipelines): its connection is closed, and with it every request
   * it queued, so a flood costs the server neither files nor memory.
   */
  private queue(
    message: IncomingMessage,
    out: ServerResponse,
    state: ConnectionState | undefined,
    settle: { settle: () => void; finished: Promise<void> },
  ): void {
    const socket = message.socket;
    const before = state?.last;
    if (state !== undefined) state.last = settle.finished;
    if (before === undefined || state === undefined) {
      this.run(message, out);
      return;
    }
    state.waiting++;
    if (state.waiting > maxWaitingPerConnection) socket.destroy();
    void before.then(() => {
      state.waiting--;
      if (socket.destroyed) settle.settle();
      else this.run(message, out);
    });
  }

  private run(message: IncomingMessage, out: ServerResponse): void {
    this.answer(message, out).catch((error: unknown) => {
      console.error(error);
      if (out.headersSent) out.destroy();
      else plainResponse(out, 500, "The server failed while answering. The server's console shows why.");
    });
  }

  /** Once per request: when its response is over, or its connection is gone before it started. */
  private settler(message: IncomingMessage, out: ServerResponse, state: ConnectionState | undefined) {
    const started = performance.now();
    let settled = false;
    let done = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const settle = () => {
      if (settled) return;
      settled = true;
      state?.unsettled.delete(settle);
      this.pending.delete(out);
      if (state !== undefined && this.connections.has(message.socket)) state.answering--;
      this.endIfIdle(message.socket);
      if (this.log !== undefined && out.headersSent) {
        this.log(requestLogLine(message.method ?? "", message.url ?? "", out.statusCode, performance.now() - started));
      }
      done();
    };
    return { settle, finished };
  }
}
