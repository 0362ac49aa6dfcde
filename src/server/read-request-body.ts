import type { IncomingMessage } from "node:http";

export type ReadBodyResult =
  { ok: true; body: Buffer<ArrayBuffer> } | { ok: false; reason: "too-large" } | { ok: false; reason: "aborted" };

/**
 * Reads a request's content into memory, up to `maxBytes`. Stops as soon as the content is larger
 * (whether Content-Length said so or chunked framing revealed it), so a client cannot make the
 * server hold more than `maxBytes` for one request: the caller answers 413 (RFC 9110 §15.5.14).
 */
export function readRequestBody(message: IncomingMessage, maxBytes: number): Promise<ReadBodyResult> {
  const declared = Number(message.headers["content-length"] ?? "0");
  if (declared > maxBytes) return Promise.resolve({ ok: false, reason: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: ReadBodyResult) => {
      message.off("data", onData);
      message.off("end", onEnd);
      message.off("error", onError);
      message.off("close", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ ok: false, reason: "too-large" });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, reason: "aborted" });
    const onClose = () => {
      if (!message.complete) finish({ ok: false, reason: "aborted" });
    };
    message.on("data", onData);
    message.on("end", onEnd);
    message.on("error", onError);
    message.on("close", onClose);
  });
}
