import { reasonPhrase } from "../http/index.ts";
import { securityHeaders } from "./security-headers.ts";

/**
 * What one server lets its clients use. Every value is a default a user may change through the
 * environment (README, Options; parseServerLimits); each is sized for a class on a LAN — a few
 * dozen browsers, each with a handful of connections — against one hostile machine on the same
 * network.
 */
export interface ServerLimits {
  /** Time for a client to send its request line and header fields; then 408 (nginx: 60 s). */
  headersTimeoutMs: number;
  /** Time for a client to send its whole request, content included; then 408. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request (nginx keepalive_timeout: 75 s). */
  idleTimeoutMs: number;
  /** How long a response may make no progress (a client that stops reading); then the connection is cut (nginx send_timeout: 60 s). */
  sendTimeoutMs: number;
  /** Open connections; when full, a new one makes the server close its oldest connection answering nothing. */
  maxConnections: number;
  /** Requests answered on one connection; the last says `Connection: close` (nginx keepalive_requests: 1000). */
  maxRequestsPerConnection: number;
  /** Content of one request (nginx client_max_body_size: 1 MiB); more is 413. */
  maxBodyBytes: number;
  /** Content all requests together may hold in memory (body-budget.ts). */
  bodyBudgetBytes: number;
}

export const serverLimitDefaults: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 5_000,
  sendTimeoutMs: 30_000,
  maxConnections: 4_096,
  maxRequestsPerConnection: 1_000,
  maxBodyBytes: 64 * 1024,
  bodyBudgetBytes: 16 * 1024 * 1024,
};

/** The environment variable of each limit, and the unit it is written in. */
export const serverLimitVariables: Record<keyof ServerLimits, { name: string; unit: "seconds" | "count" | "bytes" }> = {
  headersTimeoutMs: { name: "HEADERS_TIMEOUT", unit: "seconds" },
  requestTimeoutMs: { name: "REQUEST_TIMEOUT", unit: "seconds" },
  idleTimeoutMs: { name: "IDLE_TIMEOUT", unit: "seconds" },
  sendTimeoutMs: { name: "SEND_TIMEOUT", unit: "seconds" },
  maxConnections: { name: "MAX_CONNECTIONS", unit: "count" },
  maxRequestsPerConnection: { name: "MAX_REQUESTS_PER_CONNECTION", unit: "count" },
  maxBodyBytes: { name: "MAX_BODY_BYTES", unit: "bytes" },
  bodyBudgetBytes: { name: "BODY_BUDGET_BYTES", unit: "bytes" },
};

/**
 * The limits set in the environment (see serverLimitVariables), or a sentence naming the first
 * value that is not a positive whole number.
 */
export function parseServerLimits(env: Record<string, string | undefined>): Partial<ServerLimits> | string {
  const limits: Partial<ServerLimits> = {};
  for (const [key, { name, unit }] of Object.entries(serverLimitVariables) as Array<
    [keyof ServerLimits, (typeof serverLimitVariables)[keyof ServerLimits]]
  >) {
    const text = env[name]?.trim();
    if (text === undefined || text === "") continue;
    if (!/^[0-9]{1,10}$/.test(text) || Number(text) === 0) {
      return `${name} is "${text}", which is not a positive whole number of ${unit}: for example ${name}=${unit === "seconds" ? serverLimitDefaults[key] / 1000 : serverLimitDefaults[key]}.`;
    }
    limits[key] = unit === "seconds" ? Number(text) * 1000 : Number(text);
  }
  return limits;
}

/** What the server answers for a request Node's parser refused (by the error's code). */
export interface ClientErrorAnswer {
  status: number;
  what: string;
  /** The whole response, to write to the socket before closing it. */
  bytes: string;
}

const clientErrors: Record<string, { status: number; what: string; sentence: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    what: "header section too large",
    sentence: "The request's header fields are larger than this server reads (16 KiB). Send fewer or shorter fields.",
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    what: "request too slow",
    sentence: "The request took too long to arrive. Send it again, all at once.",
  },
  CONNECT: {
    status: 405,
    what: "CONNECT",
    sentence: "This server makes no tunnels (RFC 9110 §9.3.6); it serves its site and API with GET, POST and the like.",
  },
};

/**
 * The response for a request Node's HTTP parser refused, by the error's code: 431, 408, or 400
 * for anything malformed (RFC 9112 §2.2); undefined when the client is gone (reset, broken pipe)
 * and there is nobody to answer.
 */
export function clientErrorResponse(code: string | undefined): ClientErrorAnswer | undefined {
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ETIMEDOUT") return undefined;
  const known = clientErrors[code ?? ""] ?? {
    status: 400,
    what: "malformed request",
    sentence: "The request is not well-formed HTTP/1.1 (RFC 9112). Check the request line and the header fields.",
  };
  const body = `${known.status} ${reasonPhrase(known.status) ?? ""}\n\n${known.sentence}\n`;
  const fields = {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    Connection: "close",
    ...(known.status === 405 ? { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } : {}),
    ...securityHeaders("data"),
  };
  const head = Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return {
    status: known.status,
    what: known.what,
    bytes: `HTTP/1.1 ${known.status} ${reasonPhrase(known.status) ?? ""}\r\n${head}\r\n${body}`,
  };
}
