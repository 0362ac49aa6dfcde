import type { Exchange, HttpRequestRecord } from "../http/index.ts";
import type { SandboxTransport } from "./transport.ts";

/** The outcome of sending one request: the exchange, or a sentence saying why it could not be sent. */
export type ExchangeResult = { ok: true; exchange: Exchange } | { ok: false; message: string };

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
    return { ok: false, message: requestErrorSentence(error) };
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
    return { ok: false, message: `The request was built but no response came back: ${errorText(error)}` };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** fetch() refuses some values outright; say which rule the reader ran into (RFC 9110 §5.5). */
function requestErrorSentence(error: unknown): string {
  const text = errorText(error);
  if (/header|ByteString|code point/i.test(text)) {
    return "A header value contains a character that HTTP cannot carry (only Latin-1 text without line breaks is allowed, RFC 9110 §5.5). Remove it, or encode it first.";
  }
  if (/URL/i.test(text)) return "The address is not a valid URL. Check the path for spaces or stray characters.";
  return `The browser refused to build this request: ${text}`;
}
