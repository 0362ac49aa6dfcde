import type { ServerResponse } from "node:http";
import { responsePhrase } from "../http/index.ts";
import { responseFields } from "./response-fields.ts";

/**
 * The status line's reason phrase: the response's own, else the registry's (src/data through
 * responsePhrase), else none. Never Node's own table: an unregistered code (509) gets an empty
 * phrase, as through every other transport (RFC 9112 §4: the reason-phrase may be empty).
 */
const reasonOf = (response: Response): string => responsePhrase(response);

/** Bodies up to this length, announced by Content-Length, are written in one piece. */
const smallBodyBytes = 64 * 1024;

/**
 * Writes a Web Response to Node's ServerResponse: the status line with the response's own reason
 * phrase, its header fields (see responseFields), and its body streamed chunk by chunk with
 * back-pressure. A HEAD response gets the same fields and no content (RFC 9110 §9.3.2). If the
 * client goes away, the body stream is cancelled.
 */
export async function writeWebResponse(response: Response, out: ServerResponse, head: boolean): Promise<void> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (!head && response.body !== null && declared <= smallBodyBytes) {
    // A small body of known length (the handlers' JSON answers): read whole, then the status
    // line, the fields and the content leave in one write instead of a read loop of chunks.
    const bytes = new Uint8Array(await response.arrayBuffer());
    out.writeHead(response.status, reasonOf(response), responseFields(response.headers));
    out.end(bytes);
    return;
  }
  out.writeHead(response.status, reasonOf(response), responseFields(response.headers));
  if (head || response.body === null) {
    await response.body?.cancel();
    out.end();
    return;
  }
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => {});
  out.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || out.destroyed) break;
      if (!out.write(value)) {
        await new Promise<void>((resume) => {
          const go = () => {
            out.off("drain", go);
            out.off("close", go);
            resume();
          };
          out.on("drain", go);
          out.on("close", go);
        });
      }
    }
  } finally {
    out.off("close", onClose);
  }
  out.end();
}
