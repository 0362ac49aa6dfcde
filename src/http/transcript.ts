import type { Exchange, HttpRequestRecord, HttpResponseRecord } from "./exchange.ts";
import { reasonPhrase } from "./reason-phrase.ts";
import { requestTarget } from "./request-target.ts";

const CRLF = "\r\n";

/**
 * Makes a line safe to show as one line of a message: a CR, LF or other control character inside
 * it (which HTTP forbids, RFC 9110 §5.5) is shown as its Control Pictures sign (␍, ␊, ␀...), so
 * a hostile value can never fake a header line in the transcript.
 */
function oneLine(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out +=
      (code < 0x20 && code !== 0x09) || code === 0x7f
        ? String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code)
        : text[i];
  }
  return out;
}

function fieldLines(headers: ReadonlyArray<readonly [string, string]>): string {
  return headers.map(([name, value]) => `${oneLine(String(name))}: ${oneLine(String(value))}${CRLF}`).join("");
}

/**
 * The raw HTTP/1.1 text of a request (RFC 9112 §3, §5): request line in origin-form, a Host
 * field derived from the URL when the record has none, Content-Length when there is a body and
 * no length was recorded, the fields in order, an empty line and the body. Lines end in CRLF.
 */
export function formatRequestTranscript(request: HttpRequestRecord): string {
  const headers: Array<readonly [string, string]> = [...(request.headers ?? [])];
  const has = (name: string) => headers.some(([fieldName]) => String(fieldName).toLowerCase() === name);
  const { target, host } = requestTarget(String(request.url ?? ""));
  if (host !== undefined && !has("host")) headers.unshift(["Host", host]);
  const body = request.body ?? "";
  if (body !== "" && !has("content-length") && !has("transfer-encoding")) {
    headers.push(["Content-Length", String(new TextEncoder().encode(body).length)]);
  }
  const method = oneLine(String(request.method || "GET"));
  return `${method} ${oneLine(target)} HTTP/1.1${CRLF}${fieldLines(headers)}${CRLF}${body}`;
}

/**
 * The raw HTTP/1.1 text of a response (RFC 9112 §4): `HTTP/1.1 401 Unauthorized`, taking the
 * reason phrase from the registry when statusText is empty, then fields, an empty line, the body.
 */
export function formatResponseTranscript(response: HttpResponseRecord): string {
  const phrase = response.statusText || reasonPhrase(response.status);
  return `HTTP/1.1 ${oneLine(String(response.status))} ${oneLine(String(phrase ?? ""))}${CRLF}${fieldLines(response.headers ?? [])}${CRLF}${response.body ?? ""}`;
}

/** The request and the response of an exchange, separated by one empty line. */
export function formatTranscript(exchange: Exchange): string {
  const request = formatRequestTranscript(exchange.request);
  const separator = request.endsWith(CRLF + CRLF) ? "" : CRLF + CRLF;
  return `${request}${separator}${formatResponseTranscript(exchange.response)}`;
}
