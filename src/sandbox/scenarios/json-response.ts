import { HttpResponse, type JsonBodyType } from "msw";
import { reasonPhrase } from "../../http/index.ts";

/**
 * A JSON response whose status line carries the registered reason phrase of RFC 9110 §15
 * (msw's own table still says, for example, "Payload Too Large" for 413).
 */
export function jsonResponse(status: number, body: JsonBodyType, headers: HeadersInit = {}): Response {
  return HttpResponse.json(body, { status, statusText: reasonPhrase(status), headers });
}
