import type { ServerResponse } from "node:http";
import { responseFields } from "./response-fields.ts";

/**
 * Writes a Web Response to Node's ServerResponse: the status line with the response's own reason
 * phrase, its header fields (see responseFields), and its body streamed chunk by chunk with
 * back-pressure. A HEAD response gets the same fields and no content (RFC 9110 §9.3.2). If the
 * client goes away, the body stream is cancelled.
 */
export async function writeWebResponse(response: Response, out: ServerResponse, head: boolean): Promise<void> {
  out.writeHead(response.status, response.statusText || undefined, responseFields(response.headers));
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
