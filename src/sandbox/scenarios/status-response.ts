import { HttpResponse } from "msw";
import { basicChallenge, formatChallenge, reasonPhrase } from "../../http/index.ts";
import { sandboxRealm } from "./realm.ts";

/** The representation `status/206` sends a part of and `status/416` cannot satisfy. */
const representation = "HTTP Status Lab: this text is the whole representation.\n";
const partLength = 16;

/** Methods a resource can list in Allow; for 405, every one of them except the one just used. */
const allowable = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The RFC 9110 section of each redirect whose server should send Location (§15.4.4 asks no such thing of 303). */
const redirectSections: Readonly<Record<number, string>> = {
  301: "15.4.2",
  302: "15.4.3",
  307: "15.4.8",
  308: "15.4.9",
};

/** What one status code needs beside its status line. */
type StatusParts = { headers: Record<string, string>; note?: string; body?: "none" | "part" };

/**
 * The header fields each code needs to make sense, with the RFC section that asks for them.
 * Codes not listed need none (or nothing a demo can honestly fill in).
 */
function statusParts(status: number, method: string, apiRoot: string): StatusParts {
  // A path, also when the handlers were built on an absolute root (msw/node in tests).
  const redirectTarget = new URL(`${apiRoot}status/200`, "http://localhost").pathname;
  const challenge = formatChallenge(basicChallenge({ realm: sandboxRealm, charset: "UTF-8" }));
  switch (status) {
    case 201:
      return {
        headers: { Location: redirectTarget },
        note: "Location names the resource just created (RFC 9110 §15.3.2).",
      };
    case 204:
      return { headers: {}, body: "none", note: "A 204 response has no content (RFC 9110 §15.3.5)." };
    case 205:
      return {
        headers: {},
        body: "none",
        note: "A server MUST NOT send content in a 205 response (RFC 9110 §15.3.6).",
      };
    case 206:
      return {
        headers: {
          "Content-Range": `bytes 0-${partLength - 1}/${new TextEncoder().encode(representation).length}`,
          "Content-Type": "text/plain; charset=utf-8",
        },
        body: "part",
        note: "A single-part 206 carries Content-Range and only the octets it names (RFC 9110 §15.3.7, §14.4).",
      };
    case 303:
      return {
        headers: { Location: redirectTarget },
        note: "A 303 sends the client to the resource named in Location, to retrieve with GET (RFC 9110 §15.4.4).",
      };
    case 301:
    case 302:
    case 307:
    case 308:
      return {
        headers: { Location: redirectTarget },
        note: `The server SHOULD send Location with the URI to follow (RFC 9110 §${redirectSections[status] ?? "15.4"}).`,
      };
    case 304:
      return {
        headers: { ETag: '"status-lab-v1"' },
        body: "none",
        note: "A 304 has no content; it carries the validators a 200 would have had (RFC 9110 §15.4.5).",
      };
    case 305:
      return {
        headers: {},
        note: "305 Use Proxy is deprecated (RFC 9110 §15.4.6): a response that picks the client's proxy is a security risk, so clients ignore it.",
      };
    case 306:
      return { headers: {}, note: "306 is reserved and no longer used (RFC 9110 §15.4.7)." };
    case 401:
      return {
        headers: { "WWW-Authenticate": challenge },
        note: "A 401 MUST carry WWW-Authenticate with at least one challenge (RFC 9110 §15.5.2).",
      };
    case 405: {
      const used = method.toUpperCase();
      const allowed = allowable.filter(
        (name) => name !== used && !((used === "GET" || used === "HEAD") && (name === "GET" || name === "HEAD")),
      );
      return {
        headers: { Allow: allowed.join(", ") },
        note: "A 405 MUST carry Allow with the methods the resource supports (RFC 9110 §15.5.6).",
      };
    }
    case 407:
      return {
        headers: { "Proxy-Authenticate": challenge },
        note: "A 407 MUST carry Proxy-Authenticate with a challenge for the proxy (RFC 9110 §15.5.8).",
      };
    case 408:
      return {
        headers: { Connection: "close" },
        note: 'A server that closes the connection after its 408 SHOULD say so with the "close" connection option (RFC 9112 §9.6).',
      };
    case 416:
      return {
        headers: { "Content-Range": `bytes */${new TextEncoder().encode(representation).length}` },
        note: "A 416 to a byte-range request SHOULD carry Content-Range with the representation's length (RFC 9110 §15.5.17).",
      };
    case 418:
      return {
        headers: {},
        note: "418 is reserved: RFC 2324's teapot was an April joke, and the code stays unused (RFC 9110 §15.5.19).",
      };
    case 426:
      return {
        headers: { Upgrade: "TLS/1.0, HTTP/1.1", Connection: "Upgrade" },
        note: "A 426 MUST carry Upgrade naming the protocols required (RFC 9110 §15.5.22), and Upgrade needs the Upgrade connection option (§7.8); the values are RFC 2817 §4.2's example.",
      };
    case 429:
      return { headers: { "Retry-After": "60" }, note: "A 429 MAY carry Retry-After (RFC 6585 §4)." };
    case 451:
      return {
        headers: { Link: '<https://example.org/legal/blocking>; rel="blocked-by"' },
        note: 'A 451 SHOULD name the entity implementing the block (not the one demanding it) in a Link with rel="blocked-by" (RFC 7725 §4).',
      };
    case 503:
      return {
        headers: { "Retry-After": "60" },
        note: "A 503 MAY carry Retry-After to say how long to wait (RFC 9110 §15.6.4).",
      };
    case 511:
      return {
        headers: {},
        note: "A 511 SHOULD contain a link where the user can log in to the network (RFC 6585 §6).",
      };
    default:
      return { headers: {} };
  }
}

/**
 * The response `status/{code}` sends for one code, 100–599: that status with its registered
 * reason phrase (RFC 9110 §15), the header fields the code needs (see statusParts), and a JSON
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
    const init = { status: 200, statusText: reasonPhrase(200), headers: { "X-Requested-Status": String(status) } };
    return head ? new HttpResponse(null, init) : HttpResponse.json(body, init);
  }
  const parts = statusParts(status, method, apiRoot);
  const init = { status, statusText: reasonPhrase(status), headers: parts.headers };
  if (parts.body === "none") return new HttpResponse(null, init);
  if (parts.body === "part")
    return new HttpResponse(head ? null : new TextEncoder().encode(representation).slice(0, partLength), init);
  const body: Record<string, string | number> = { status, reason: reasonPhrase(status) };
  if (parts.note !== undefined) body["note"] = parts.note;
  return head
    ? new HttpResponse(null, { ...init, headers: { ...parts.headers, "Content-Type": "application/json" } })
    : HttpResponse.json(body, init);
}
