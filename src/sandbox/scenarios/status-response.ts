import { jsonResponse, sandboxResponse } from "./json-response.ts";
import {
  demoETag,
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
export function statusResponse(status: number, method: string, apiRoot: string, request?: Headers): Response {
  const head = method.toUpperCase() === "HEAD";
  if (status === 304) {
    const answer = revalidation(method, request?.get("If-None-Match") ?? null);
    if (answer !== 304) return answer;
  }
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

/**
 * Whether an If-None-Match value matches the sandbox's representation, whose ETag is demoETag:
 * "*", or a list holding that tag, compared weakly (RFC 9110 §13.1.2 and §8.8.3.2: W/ is ignored).
 */
function noneMatchFails(value: string): boolean {
  const opaque = demoETag;
  return value.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === opaque;
  });
}

/**
 * `status/304`: 304 answers only a conditional request (RFC 9110 §15.4.5). A GET or HEAD whose
 * If-None-Match matches the representation's ETag gets 304 (§13.1.2: the condition is false); any
 * other method with such a tag gets 412 (§13.1.2: "respond with a 412"); a request without one
 * gets the representation, 200 with its ETag, and a note saying what to send for a 304.
 */
function revalidation(method: string, ifNoneMatch: string | null): Response | 304 {
  const used = method.toUpperCase();
  const safe = used === "GET" || used === "HEAD";
  const matched = ifNoneMatch !== null && noneMatchFails(ifNoneMatch);
  if (matched && safe) return 304;
  if (matched) {
    const body = {
      status: 412,
      reason: reasonPhrase(412),
      requestedStatus: 304,
      note: `If-None-Match matched ${demoETag} on a ${used}: only GET and HEAD get 304; any other method gets 412 (RFC 9110 §13.1.2).`,
    };
    return jsonResponse(412, body, { ETag: demoETag });
  }
  const headers = { ETag: demoETag, "X-Requested-Status": "304" };
  const body = {
    status: 200,
    reason: reasonPhrase(200),
    requestedStatus: 304,
    note: `A 304 answers only a conditional GET or HEAD (RFC 9110 §15.4.5). This request had no If-None-Match matching ${demoETag}, so here is the representation with its ETag; send If-None-Match: ${demoETag} to get 304.`,
  };
  return used === "HEAD" ? sandboxResponse(null, 200, headers) : jsonResponse(200, body, headers);
}
