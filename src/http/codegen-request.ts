import type { HttpRequestRecord } from "./exchange.ts";

/** What every code generator needs from a request record. */
export type CodegenRequest = {
  method: string;
  url: string;
  /** Fields to send, without Host and Content-Length, which every client derives itself. */
  headers: Array<[string, string]>;
  body: string | undefined;
  /** True when there is a body but no Content-Type: generators stop their tool adding one. */
  suppressContentType: boolean;
};

/**
 * Normalizes a request record for code generation: the URL serialised as fetch sends it (so every
 * tool sends the same bytes the sandbox did), method upper-case (GET when empty), Host and
 * Content-Length dropped (the client sets them from URL and body; a copied value would be wrong
 * or refused), and the body dropped for GET and HEAD, which fetch cannot send anyway.
 */
export function codegenRequest(request: HttpRequestRecord): CodegenRequest {
  const method = String(request.method || "GET").toUpperCase();
  const headers = (request.headers ?? [])
    .filter(([name]) => !["host", "content-length"].includes(String(name).toLowerCase()))
    .map(([name, value]): [string, string] => [String(name), String(value)]);
  const body =
    request.body === undefined || request.body === "" || method === "GET" || method === "HEAD"
      ? undefined
      : String(request.body);
  const suppressContentType = body !== undefined && !headers.some(([name]) => name.toLowerCase() === "content-type");
  return { method, url: serializedUrl(String(request.url ?? "")), headers, body, suppressContentType };
}

/** An absolute URL as the URL Standard serialises it, i.e. as fetch sent it; anything else as is. */
function serializedUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
