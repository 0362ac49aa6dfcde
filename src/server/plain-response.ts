import type { ServerResponse } from "node:http";
import { reasonPhrase } from "../http/index.ts";

/**
 * A short plain-text answer from the server itself (400, 405, 413, 500), with the registered
 * reason phrase of RFC 9110 §15 (Node's table still says "Payload Too Large" for 413) and a
 * sentence that tells the reader what to do. `close` ends the connection after it, for requests
 * whose content was not read.
 */
export function plainResponse(
  out: ServerResponse,
  status: number,
  sentence: string,
  options: { head?: boolean; close?: boolean; headers?: Record<string, string> } = {},
): void {
  const body = `${status} ${reasonPhrase(status) ?? ""}\n\n${sentence}\n`;
  out.writeHead(status, reasonPhrase(status), {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    ...(options.close === true ? { Connection: "close" } : {}),
    ...options.headers,
  });
  out.end(options.head === true ? undefined : body);
}
