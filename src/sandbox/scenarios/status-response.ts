import { jsonResponse, sandboxResponse } from "./json-response.ts";
import {
  demoPartLength,
  demoRepresentation,
  statusResponseFields,
  sandboxExchange,
  statusResponseTraits,
} from "../../data/status-responses.ts";
import { basicChallenge, formatChallenge, reasonPhrase } from "../../http/index.ts";
import { sandboxRealm } from "./realm.ts";

const challenge = formatChallenge(basicChallenge({ realm: sandboxRealm, charset: "UTF-8" }));

/**
 * The response `status/{code}` sends for one code, 100–599: that status with its registered
 * reason phrase (RFC 9110 §15), the header fields the code needs (src/data/status-responses.ts), and a JSON
 * body `{"status", "reason", "note"?}`, or no body where the code forbids one (204, 205, 304)
 * and for HEAD (RFC 9110 §9.3.2).
 *
 * A 1xx cannot be sent this way: it is an interim response that precedes the final one (RFC 9110
 * §15.2), and fetch's Response (and so msw, the service worker and Node's fetch) cannot carry it.
 * `status/1xx` answers what a server would send after its interim responses: the final 200, with
 * `X-Requested-Status` naming the code asked for and a note saying why.
 */
export function statusResponse(status: number, method: string, apiRoot: string): Response {
  const head = method.toUpperCase() === "HEAD";
  if (status < 200) {
    const body = {
      status: 200,
      reason: reasonPhrase(200),
      requestedStatus: status,
      note: `${status} ${reasonPhrase(status) || "(unregistered)"} is an interim response (RFC 9110 §15.2): a server sends it before the final response, never instead of it, and fetch never shows it. This is the final response that follows.`,
    };
    const headers = { "X-Requested-Status": String(status) };
    return head ? sandboxResponse(null, 200, headers) : jsonResponse(200, body, headers);
  }
  const parts = statusResponseTraits(status);
  // A path, also when the handlers were built on an absolute root (msw/node in tests).
  const location = new URL(`${apiRoot}status/200`, "http://localhost").pathname;
  const headers = statusResponseFields(status, sandboxExchange({ method, location, challenge }));
  if (parts.body === "none") return sandboxResponse(null, status, headers);
  if (parts.body === "part")
    return sandboxResponse(
      head ? null : new TextEncoder().encode(demoRepresentation).slice(0, demoPartLength),
      status,
      headers,
    );
  const body: Record<string, string | number> = { status, reason: reasonPhrase(status) };
  if (parts.note !== undefined) body["note"] = parts.note;
  return head
    ? sandboxResponse(null, status, { ...headers, "Content-Type": "application/json" })
    : jsonResponse(status, body, headers);
}
