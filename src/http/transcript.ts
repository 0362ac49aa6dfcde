/** Exchanges as records and as HTTP/1.1 text: the records, reason phrases, request-targets, transcripts. */
import registry from "../data/http-status-codes.json" with { type: "json" };

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
 * The raw text of a response (RFC 9112 §4): `HTTP/1.1 401 Unauthorized`, taking the reason phrase
 * from the registry when statusText is empty, then fields, an empty line, the body. A response that
 * says it came over HTTP/2 or HTTP/3 (`httpVersion`, as a pasted `curl -i` shows it) keeps its
 * version and its status line without a reason phrase, as curl prints it: those versions carry none
 * (RFC 9113 §8.3.2, RFC 9114 §4.3.2).
 */
export function formatResponseTranscript(response: HttpResponseRecord): string {
  const version = /^\d(?:\.\d)?$/.test(response.httpVersion ?? "") ? response.httpVersion! : "1.1";
  const phrase = version.startsWith("1") ? responsePhrase(response) : response.statusText;
  const statusLine = `HTTP/${version} ${oneLine(String(response.status))}${phrase ? ` ${oneLine(String(phrase))}` : version.startsWith("1") ? " " : ""}`;
  return `${statusLine}${CRLF}${fieldLines(response.headers ?? [])}${CRLF}${response.body ?? ""}`;
}

/** The request and the response of an exchange, separated by one empty line. */
export function formatTranscript(exchange: Exchange): string {
  const request = formatRequestTranscript(exchange.request);
  const separator = request.endsWith(CRLF + CRLF) ? "" : CRLF + CRLF;
  return `${request}${separator}${formatResponseTranscript(exchange.response)}`;
}

/**
 * The reason phrase to show for a response: the one it carried, or the registry's when it carried
 * none (HTTP/2 has no reason phrase, RFC 9113 §8.3.2; a reader still wants the words).
 */
export function responsePhrase(response: { status: number; statusText?: string }): string {
  return response.statusText || reasonPhrase(response.status) || "";
}

/** `401 Unauthorized`: the status and its phrase (responsePhrase), or the status alone. */
export function statusAndPhrase(response: { status: number; statusText?: string }): string {
  return `${response.status} ${responsePhrase(response)}`.trim();
}

/** A request as the sandbox built it: header fields in order, repeated names kept. */
export type HttpRequestRecord = { method: string; url: string; headers: Array<[string, string]>; body?: string };

/** A response as it arrived: statusText may be "" (HTTP/2 has none; the transcript fills it in). */
export type HttpResponseRecord = {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
  /** The version the response arrived over, "1.1" when absent; "2" or "3" as curl -i prints it. */
  httpVersion?: string;
};

/** One request and its response: what the transcript, the sequence diagram and codegen are made from. */
export type Exchange = {
  request: HttpRequestRecord;
  response: HttpResponseRecord;
  durationMs?: number;
  note?: string;
  /** Which server answered, by its name in a diagram with several (SequenceDiagramOptions.servers). */
  server?: string;
};

/**
 * The reason phrases of the IANA HTTP Status Code Registry (src/data/http-status-codes.json, the
 * one home of registry facts), as RFC 9110 §15 and the other registering RFCs name them: 413
 * Content Too Large, 422 Unprocessable Content, 306 "(Unused)", 104's temporary registration
 * included. Where the registry's Description is an annotation, the row's `sentPhrase` is sent
 * instead: 418 "I'm a teapot" (RFC 2324 §2.3.2), the phrase its page teaches.
 */
const phrases: ReadonlyMap<number, string> = new Map(
  registry.codes.map((row) => [row.code, ("sentPhrase" in row ? row.sentPhrase : undefined) ?? row.reasonPhrase]),
);

/** The registered reason phrase of a status code, or "" for an unregistered one (RFC 9110 §15). */
export function reasonPhrase(status: number): string {
  return phrases.get(status) ?? "";
}

/**
 * Splits a request URL into the request-target in origin-form (RFC 9112 §3.2.1: path and query,
 * never the fragment) and the Host value (RFC 9110 §7.2), if the URL is absolute. A relative URL
 * such as "/api/bearer?x=1" gives its path and query and no host. Never throws.
 */
export function requestTarget(url: string): { target: string; host: string | undefined; origin: string | undefined } {
  const withoutFragment = url.split("#", 1)[0] ?? "";
  try {
    const parsed = new URL(withoutFragment);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return { target: `${parsed.pathname}${parsed.search}`, host: parsed.host, origin: parsed.origin };
    }
  } catch {
    // not an absolute URL: fall through
  }
  if (withoutFragment === "") return { target: "/", host: undefined, origin: undefined };
  return { target: withoutFragment, host: undefined, origin: undefined };
}
