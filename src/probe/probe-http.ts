import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import type { HttpRequestRecord } from "../http/index.ts";
import { addressProblem, parseAddress } from "./address-policy.ts";
import type { ProbeSend, ProbeSendResult } from "./probe-types.ts";

/** Resolves a host name to its addresses (all of them): node:dns by default, injected in tests. */
export type Resolve = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface ProbeHttpOptions {
  /**
   * "any": every address (the CLI, a server on loopback); "public-only": refuse private ones;
   * "public-and-loopback": public ones and this machine's loopback, nothing else (the live server's
   * Client ID Metadata Document fetches on loopback, as that draft's SSRF section allows).
   */
  targets: "any" | "public-only" | "public-and-loopback";
  /** Per request: connect, send, and read the whole answer (default 10 s). */
  requestTimeoutMs?: number;
  /** The whole probe: no request starts, and none goes on, after this (default 30 s). */
  totalTimeoutMs?: number;
  /** Most bytes of a response body kept (default 256 KiB); the rest is not read. */
  maxBodyBytes?: number;
  /** Most requests in the whole probe (default 20). */
  maxRequests?: number;
  resolve?: Resolve;
  /** Accept a certificate the system does not trust (a local test server): default false. */
  insecure?: boolean;
  /** Certificate authorities to trust instead of the system's (PEM), for a test's own https server. */
  ca?: string;
}

const defaultResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The probe's transport over real HTTP/1.1 (node:http, node:https), bounded: a per-request and a
 * total deadline, a body cap and a request count. With `targets: "public-only"` the host is
 * resolved first and every address it resolves to is checked (address-policy.ts) before any
 * connection is opened; the connection is then pinned to the checked address (the socket's lookup
 * answers with it), so a second, different DNS answer cannot send it elsewhere (DNS rebinding).
 * TLS still verifies the certificate for the host name.
 */
export function createProbeSend(options: ProbeHttpOptions): ProbeSend {
  const perRequest = options.requestTimeoutMs ?? 10_000;
  const deadline = Date.now() + (options.totalTimeoutMs ?? 30_000);
  const maxBody = options.maxBodyBytes ?? 256 * 1024;
  const maxRequests = options.maxRequests ?? 20;
  const resolve = options.resolve ?? defaultResolve;
  let sent = 0;

  return async (record: HttpRequestRecord): Promise<ProbeSendResult> => {
    let url: URL;
    try {
      url = new URL(record.url);
    } catch {
      return { ok: false, message: `“${record.url}” is not an absolute URL.` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, message: `Only http and https URLs can be probed, not ${url.protocol}` };
    }
    if (url.username !== "" || url.password !== "") {
      return { ok: false, message: "Put credentials in --user/--password or --token, not in the URL." };
    }
    if (++sent > maxRequests) return { ok: false, message: `Stopped after ${maxRequests} requests.` };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { ok: false, message: "The probe ran out of time." };
    const timeoutMs = Math.min(perRequest, remaining);

    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    let addresses: Array<{ address: string; family: number }>;
    if (isIP(hostname) !== 0) addresses = [{ address: hostname, family: isIP(hostname) }];
    else {
      try {
        addresses = await withTimeout(resolve(hostname), timeoutMs, `Resolving ${hostname} took too long.`);
      } catch (error) {
        return { ok: false, message: `${hostname} could not be resolved: ${errorText(error)}` };
      }
    }
    if (addresses.length === 0) return { ok: false, message: `${hostname} resolves to no address.` };
    if (options.targets !== "any") {
      for (const { address } of addresses) {
        const loopbackAllowed = options.targets === "public-and-loopback" && isLoopbackAddress(address);
        const problem = loopbackAllowed ? undefined : addressProblem(address);
        if (problem !== undefined) {
          return {
            ok: false,
            refused: true,
            problem,
            message: `Refused before connecting: ${hostname} resolves to ${problem} A server others can reach does not probe its own networks.`,
          };
        }
      }
    }
    const pinned = addresses[0]!;
    const lookup: LookupFunction = (_name, lookupOptions, callback) => {
      if (lookupOptions.all === true) callback(null, [{ address: pinned.address, family: pinned.family }]);
      else callback(null, pinned.address, pinned.family);
    };
    return exchange(record, url, hostname, lookup, timeoutMs, maxBody, {
      insecure: options.insecure === true,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
  };
}

/** 127.0.0.0/8 or ::1, judged by number (address-policy.ts), not by text. */
function isLoopbackAddress(address: string): boolean {
  const parsed = parseAddress(address);
  return parsed !== undefined && parsed.range() === "loopback";
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A response read whole, up to `maxBody` bytes; `cut` is called when the cap is reached. */
function readResponse(
  response: IncomingMessage,
  maxBody: number,
  cut: () => void,
  settle: (status: { body: Buffer; truncated: boolean } | { error: unknown }) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  response.on("data", (chunk: Buffer) => {
    if (truncated) return;
    const room = maxBody - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      size = maxBody;
      truncated = true;
      settle({ body: Buffer.concat(chunks), truncated });
      cut();
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  response.on("end", () => settle({ body: Buffer.concat(chunks), truncated }));
  response.on("error", (error) => settle({ error }));
}

function responseResult(
  record: HttpRequestRecord,
  headers: Array<[string, string]>,
  response: IncomingMessage,
  read: { body: Buffer; truncated: boolean },
  started: number,
): ProbeSendResult {
  const responseHeaders: Array<[string, string]> = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    responseHeaders.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
  }
  const result: ProbeSendResult = {
    ok: true,
    exchange: {
      request: { ...record, headers },
      response: {
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? "",
        headers: responseHeaders,
        body: read.body.toString("utf8"),
      },
      durationMs: performance.now() - started,
    },
  };
  if (read.truncated) result.truncated = true;
  return result;
}

/**
 * One request over node:http(s). What Node refuses to send (a field value with CR, LF or a
 * character past U+00FF: ERR_INVALID_CHAR, thrown while the request is made) comes back as a
 * sentence, never as an exception.
 */
function exchange(
  record: HttpRequestRecord,
  url: URL,
  hostname: string,
  lookup: LookupFunction,
  timeoutMs: number,
  maxBody: number,
  tls: { insecure: boolean; ca?: string },
): Promise<ProbeSendResult> {
  const started = performance.now();
  const headers: Array<[string, string]> = [...record.headers];
  if (!headers.some(([name]) => name.toLowerCase() === "user-agent")) {
    headers.push(["User-Agent", "http-status-lab-probe"]);
  }
  const requestOptions = {
    method: record.method,
    headers: Object.fromEntries(headers),
    lookup,
    agent: false as const,
    ...(url.protocol === "https:"
      ? {
          servername: isIP(hostname) === 0 ? hostname : "",
          rejectUnauthorized: !tls.insecure,
          ...(tls.ca === undefined ? {} : { ca: tls.ca }),
        }
      : {}),
  };
  return new Promise((done) => {
    let settled = false;
    const finish = (result: ProbeSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(result);
    };
    let request: ClientRequest | undefined;
    try {
      request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, requestOptions, (response) =>
        readResponse(
          response,
          maxBody,
          () => request?.destroy(),
          (read) =>
            finish(
              "error" in read
                ? { ok: false, message: `The response broke off: ${errorText(read.error)}` }
                : responseResult(record, headers, response, read, started),
            ),
        ),
      );
    } catch (error) {
      settled = true;
      done({ ok: false, message: `The request could not be sent: ${errorText(error)}` });
      return;
    }
    const timer = setTimeout(() => {
      request.destroy();
      finish({
        ok: false,
        message: `No complete answer from ${url.host} within ${Math.round(timeoutMs / 100) / 10} s.`,
      });
    }, timeoutMs);
    request.on("error", (error) => finish({ ok: false, message: `${url.host}: ${errorText(error)}` }));
    // A body goes with the request (the OAuth client mode's POSTs); Node sets its Content-Length.
    request.end(
      record.body !== undefined && record.method !== "GET" && record.method !== "HEAD" ? record.body : undefined,
    );
  });
}
