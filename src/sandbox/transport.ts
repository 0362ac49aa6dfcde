import { failure, problemOf, type Exchange, type HttpRequestRecord, type Result } from "../http/index.ts";

/** How the sandbox delivers a request to the handlers, and where the answer came from. */
export interface SandboxTransport {
  /**
   * "service-worker": msw's worker answers real fetches; "in-page": msw's getResponse in the page;
   * "node": the same handlers in Node (the live server's API, tests).
   */
  kind: "service-worker" | "in-page" | "node";
  /** Why the in-page fallback is in use, as a sentence for the reader (absent for the worker). */
  reason?: string;
  /**
   * Answers one request as the handler sent it: a 3xx is returned as it is, status and fields, not
   * followed and not hidden behind an opaque redirect (see browser.ts).
   */
  send(request: Request): Promise<Response>;
}

/** The outcome of sending one request: the exchange, or a sentence saying why it could not be sent. */
export type ExchangeResult = Result<{ exchange: Exchange }>;

/**
 * Sends a request record through a transport and records what really happened: the request as
 * built, the response's status, header fields (in order, repeated ones kept) and body, and the
 * time from sending to the complete body.
 */
export async function performExchange(
  transport: SandboxTransport,
  record: HttpRequestRecord,
  origin: string,
): Promise<ExchangeResult> {
  let request: Request;
  try {
    const init: RequestInit = {
      method: record.method,
      headers: record.headers,
      credentials: "omit",
      cache: "no-store",
      redirect: "manual",
    };
    if (record.body !== undefined && record.method !== "GET" && record.method !== "HEAD") init.body = record.body;
    request = new Request(new URL(record.url, origin), init);
  } catch (error) {
    return failure(requestErrorSentence(error));
  }
  const startedAt = performance.now();
  try {
    const response = await transport.send(request);
    const body = record.method === "HEAD" ? "" : await response.text();
    const durationMs = performance.now() - startedAt;
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => headers.push([name, value]));
    return {
      ok: true,
      exchange: {
        request: record,
        response: { status: response.status, statusText: response.statusText, headers, body },
        durationMs,
      },
    };
  } catch (error) {
    return failure(`The request was built but no response came back: ${problemOf(error).message}`);
  }
}

/** fetch() refuses some values outright; say which rule the reader ran into (RFC 9110 §5.5). */
function requestErrorSentence(error: unknown): string {
  const text = problemOf(error).message;
  if (/header|ByteString|code point/i.test(text)) {
    return "A header value contains a character that HTTP cannot carry (only Latin-1 text without line breaks is allowed, RFC 9110 §5.5). Remove it, or encode it first.";
  }
  if (/URL/i.test(text)) return "The address is not a valid URL. Check the path for spaces or stray characters.";
  return `The browser refused to build this request: ${text}`;
}
