import type { IncomingMessage, ServerResponse } from "node:http";
import { MemoryUnavailableError } from "../sandbox/node.ts";
import type { ApiResponder } from "../sandbox/node.ts";
import type { BodyBudget } from "./body-budget.ts";
import type { LiveFeed } from "./live-view.ts";
import { plainResponse } from "./plain-response.ts";
import { readRequestBody } from "./read-request-body.ts";
import { toWebRequest } from "./to-web-request.ts";
import { writeWebResponse } from "./write-web-response.ts";

/** The sentence of a 413, for the request's content and for its announced Content-Length. */
export function tooLargeSentence(maxBodyBytes: number): string {
  return `The request's content is larger than this server accepts (${maxBodyBytes} bytes). The sandbox's endpoints need no more than a few kilobytes: send less.`;
}

/**
 * Answers a request under `<base>api/` with the sandbox's handlers (createApiResponder, the same
 * handler list as the service worker): reserves room for the content in the budget shared by all
 * requests (body-budget.ts; 503 with Retry-After when there is none), reads the content (up to
 * `maxBodyBytes`, else 413 and the connection is closed, since the rest of the content was not
 * read), converts the request, and
 * writes the handlers' Response back, streaming. Resolves to false when the handlers did not
 * answer, so the caller can treat the path as a file path.
 */
/** The length of the content the handlers answer `request` with, or undefined when they do not answer it. */
async function getContentLength(respond: ApiResponder, request: Request): Promise<number | undefined> {
  try {
    const response = await respond(request);
    return response === undefined ? undefined : (await response.arrayBuffer()).byteLength;
  } catch {
    return undefined;
  }
}

export async function answerApi(
  message: IncomingMessage,
  out: ServerResponse,
  url: string,
  respond: ApiResponder,
  maxBodyBytes: number,
  budget: BodyBudget,
  feed?: LiveFeed,
): Promise<boolean> {
  const head = message.method === "HEAD";
  // What this request may buffer, reserved from the budget of all requests before a byte is read.
  const declared = message.headers["content-length"];
  const reservation =
    declared !== undefined ? Number(declared) : message.headers["transfer-encoding"] !== undefined ? maxBodyBytes : 0;
  if (reservation > maxBodyBytes) {
    plainResponse(out, 413, tooLargeSentence(maxBodyBytes), { head, close: true });
    return true;
  }
  if (!budget.tryReserve(reservation)) {
    // The server's memory for request content is spent on other requests: a temporary overload
    // (RFC 9110 §15.6.4), not this request's fault, so 503 and a time to come back.
    const sentence = "The server holds as much request content as it allows right now. Send it again in a moment.";
    plainResponse(out, 503, sentence, { head, close: true, headers: { "Retry-After": "2" } });
    return true;
  }
  try {
    return await answerWithBody(message, out, url, respond, maxBodyBytes, feed);
  } finally {
    budget.release(reservation);
  }
}

async function answerWithBody(
  message: IncomingMessage,
  out: ServerResponse,
  url: string,
  respond: ApiResponder,
  maxBodyBytes: number,
  feed: LiveFeed | undefined,
): Promise<boolean> {
  const head = message.method === "HEAD";
  const read = await readRequestBody(message, maxBodyBytes);
  if (!read.ok) {
    if (read.reason === "too-large") plainResponse(out, 413, tooLargeSentence(maxBodyBytes), { head, close: true });
    else out.destroy();
    return true;
  }
  let response: Response | undefined;
  const started = performance.now();
  try {
    response = await respond(toWebRequest(message, url, read.body));
  } catch (error) {
    if (error instanceof MemoryUnavailableError) {
      // The shared memory (Redis) cannot say whether this value was seen: a temporary condition
      // of the server (RFC 9110 §15.6.4), answered without guessing.
      plainResponse(out, 503, `${error.message} Try again in a moment.`, {
        head,
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      });
      return true;
    }
    console.error(error);
    plainResponse(
      out,
      500,
      "The sandbox failed while answering this request. This is a bug in HTTP Status Lab: the server's console shows where.",
      { head },
    );
    return true;
  }
  if (response === undefined) return false;
  if (head && !response.headers.has("content-length")) {
    // A HEAD answer carries the GET's fields (RFC 9110 §9.3.2), Content-Length included: a
    // handler that leaves it out for HEAD is asked the GET, and its content counted.
    const length = await getContentLength(respond, toWebRequest(message, url, read.body, "GET"));
    if (length !== undefined) response.headers.set("content-length", String(length));
  }
  if (feed?.watching() === true) {
    // The live view's copy (live-view.ts), as sent: a HEAD answer carries no content.
    const sent = head ? new Response(null, response) : response.clone();
    const milliseconds = performance.now() - started;
    void feed.record(toWebRequest(message, url, read.body), read.body, sent, milliseconds).catch(() => {});
  }
  try {
    await writeWebResponse(response, out, head);
  } catch (error) {
    // The status line is out already: all we can do is end the connection, so the client sees a
    // truncated response rather than a complete-looking one.
    console.error(error);
    out.destroy();
  }
  return true;
}
