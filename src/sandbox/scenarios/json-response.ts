import type { JsonBodyType } from "msw";
import { reasonPhrase } from "../../http/index.ts";

/**
 * How every sandbox handler makes its response: the status line carries the registry's reason
 * phrase (RFC 9110 §15, src/data through reasonPhrase), or none for an unregistered code. msw's
 * HttpResponse would fill an empty statusText from its own table (which says, for example,
 * "Payload Too Large" for 413 and names unregistered codes), so the handlers build plain
 * Responses here instead, and every transport (service worker, in-page, Node) says the same.
 */
export function sandboxResponse(body: BodyInit | null, status: number, headers: HeadersInit = {}): Response {
  return new Response(body, { status, statusText: reasonPhrase(status), headers });
}

/** A JSON response (Content-Type and Content-Length set unless given), through sandboxResponse. */
export function jsonResponse(status: number, body: JsonBodyType, headers: HeadersInit = {}): Response {
  const text = JSON.stringify(body);
  const fields = new Headers(headers);
  if (!fields.has("Content-Type")) fields.set("Content-Type", "application/json");
  if (!fields.has("Content-Length")) fields.set("Content-Length", String(new TextEncoder().encode(text).length));
  return sandboxResponse(text, status, fields);
}
