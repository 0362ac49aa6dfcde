/**
 * What each status page's generated samples send and print (see generate-examples.ts): the one
 * sentence the sample teaches and the request that suits the code (method, request header fields,
 * content). The response fields they print are the code's fields in src/data/status-responses.ts
 * (printedFields), the one table of what each response carries. The sandbox's `status/{code}`
 * answers with the code whatever the request, so the request only has to read like a real one.
 */
import { statusResponseTraits } from "../src/data/status-responses.ts";

/** The request and the output of one code's samples. */
export interface SampleTraits {
  /** What the sample shows about the code, with its RFC section; wrapped into comment lines. */
  note: string;
  /** The request method; GET when absent. A POST, PUT or PATCH carries a small JSON document. */
  method?: "POST" | "PUT" | "DELETE";
  /** Request header fields that make the request read like a real one for this code. */
  requestHeaders?: Record<string, string>;
  /**
   * Response header fields to print beside the status (curl -i prints them all anyway), where they
   * are not the code's own fields of src/data/status-responses.ts: a 1xx's final 200 names the
   * code asked for in X-Requested-Status.
   */
  headers?: string[];
  /** fetch rejects instead of returning the response (the Fetch standard makes it a network error). */
  fetchRejects?: true;
}

/** The JSON document sent by POST and PUT samples. */
export const sampleDocument = { title: "Quarterly report" };

/** The note of the "follow" sample (curl -L) of each redirect that names a Location to follow. */
export const followNotes: Readonly<Record<number, string>> = {
  301: "Following a 301 with -L: curl, like browsers, turns the POST into a GET, as RFC 9110 §15.4.2 allows for historical reasons (--post301 keeps the POST; 308 is the redirect that must).",
  302: "Following a 302 with -L: curl, like browsers, turns the POST into a GET, as RFC 9110 §15.4.3 allows for historical reasons (--post302 keeps the POST; 307 is the redirect that must).",
  303: "Following a 303 with -L: the answer to a POST is fetched with GET (RFC 9110 §15.4.4), so the last request is a GET.",
  307: "Following a 307 with -L: the method and content must not change (RFC 9110 §15.4.8), so curl sends the POST again.",
  308: "Following a 308 with -L: the method and content must not change (RFC 9110 §15.4.9), so curl sends the POST again.",
};

const interim = ["X-Requested-Status"];

/** Cloudflare's 52x: what its edge saw of the origin when it sent the code. */
function cloudflare(what: string): SampleTraits {
  return {
    note: `Cloudflare's edge sends this code when the origin server behind it ${what}; the origin never sends it. It is not registered: a client treats it as 500 (RFC 9110 §15). The sandbox sends the bare number so you can see what a client makes of it.`,
  };
}

/** The traits of every code that has generated samples (401's samples are written by hand). */
export const sampleTraits: Readonly<Record<number, SampleTraits>> = {
  100: {
    note: '100 Continue tells a client that sent "Expect: 100-continue" to go on and send the content (RFC 9110 §15.2.1).',
    headers: interim,
  },
  101: {
    note: "101 Switching Protocols answers a request with Upgrade, such as a WebSocket handshake; after it the connection speaks the new protocol (RFC 9110 §15.2.2).",
    headers: interim,
  },
  102: {
    note: "102 Processing told a WebDAV client that a long request was still being worked on (RFC 2518 §10.1); RFC 4918 dropped it.",
    headers: interim,
  },
  103: {
    note: "103 Early Hints carries Link fields ahead of the final response, so a browser can start preloading (RFC 8297).",
    headers: interim,
  },
  104: {
    note: "104 Upload Resumption Supported is a temporary registration for resumable uploads (draft-ietf-httpbis-resumable-upload).",
    headers: interim,
  },
  200: { note: "200 OK: for a GET, the content is the representation of the target resource (RFC 9110 §15.3.1)." },
  201: {
    note: "201 Created after a POST: Location names the new resource (RFC 9110 §15.3.2).",
    method: "POST",
  },
  202: {
    note: "202 Accepted: the request was queued, not yet acted upon, and may still fail (RFC 9110 §15.3.3).",
    method: "POST",
  },
  203: {
    note: "203 Non-Authoritative Information: a transforming proxy changed the origin's 200 response (RFC 9110 §15.3.4).",
  },
  204: {
    note: "204 No Content: the PUT succeeded and there is no content to send; a client keeps its current view (RFC 9110 §15.3.5).",
    method: "PUT",
  },
  205: {
    note: "205 Reset Content: the client should reset the form or view that sent the request; the response has no content (RFC 9110 §15.3.6).",
    method: "POST",
  },
  206: {
    note: "206 Partial Content answers a Range request with only the bytes asked for, described by Content-Range (RFC 9110 §15.3.7).",
    requestHeaders: { Range: "bytes=0-15" },
  },
  207: {
    note: "207 Multi-Status carries one status per resource in its body, as a WebDAV server answers PROPFIND (RFC 4918 §11.1).",
  },
  208: {
    note: "208 Already Reported stands inside a 207 body so that a binding's members are not listed twice (RFC 5842 §7.1).",
  },
  226: {
    note: "226 IM Used: the content is the result of instance manipulations, such as a delta, applied to the current instance (RFC 3229 §10.4.1).",
  },
  300: {
    note: "300 Multiple Choices: the resource has several representations and the client may pick one (RFC 9110 §15.4.1).",
  },
  301: {
    note: "301 Moved Permanently: use the URI in Location from now on (RFC 9110 §15.4.2).",
  },
  302: {
    note: "302 Found: the resource is for now at the URI in Location; keep using the original one (RFC 9110 §15.4.3).",
  },
  303: {
    note: "303 See Other after a POST: the answer is at Location, to be fetched with GET (RFC 9110 §15.4.4).",
    method: "POST",
  },
  304: {
    note: "304 Not Modified: the copy whose ETag the client sent in If-None-Match is still current, so no content is sent (RFC 9110 §15.4.5).",
    // A 304 answers only a conditional request: the validator the sandbox's representation has.
    requestHeaders: { ...statusResponseTraits(304).requestFields },
  },
  305: { note: "305 Use Proxy is deprecated (RFC 9110 §15.4.6): clients ignore it, and servers should not send it." },
  306: {
    note: "306 is reserved and unused (RFC 9110 §15.4.7); no server should send it, and a client treats it as 300.",
  },
  307: {
    note: "307 Temporary Redirect: send the same request, same method and content, to the URI in Location (RFC 9110 §15.4.8).",
  },
  308: {
    note: "308 Permanent Redirect: like 301, but the method and content must not change (RFC 9110 §15.4.9).",
  },
  400: {
    note: "400 Bad Request: the server will not process what it sees as a client error, such as malformed syntax (RFC 9110 §15.5.1).",
  },
  402: {
    note: "402 Payment Required is reserved for future use (RFC 9110 §15.5.3); nothing says what a client should do.",
  },
  403: {
    note: "403 Forbidden: the server understood the request and refuses it; other credentials will not change that (RFC 9110 §15.5.4).",
  },
  404: {
    note: "404 Not Found: no current representation of the target, or the server will not say one exists (RFC 9110 §15.5.5).",
  },
  405: {
    note: "405 Method Not Allowed: the server knows DELETE, but this resource does not support it; Allow lists what it does (RFC 9110 §15.5.6).",
    method: "DELETE",
  },
  406: {
    note: "406 Not Acceptable: no representation matches the request's Accept fields (RFC 9110 §15.5.7).",
    requestHeaders: { Accept: "application/xml" },
  },
  407: {
    note: "407 Proxy Authentication Required: a proxy wants credentials; its challenge is in Proxy-Authenticate (RFC 9110 §15.5.8).",
    fetchRejects: true,
  },
  408: {
    note: '408 Request Timeout: the server gave up waiting for the rest of the request and closes the connection (RFC 9110 §15.5.9), hence "Connection: close".',
  },
  409: {
    note: "409 Conflict: the PUT conflicts with the resource's current state, such as an edit of an outdated version (RFC 9110 §15.5.10).",
    method: "PUT",
  },
  410: { note: "410 Gone: the resource is gone for good, and the server knows it (RFC 9110 §15.5.11)." },
  411: {
    note: "411 Length Required: the server refuses content sent without Content-Length (RFC 9110 §15.5.12).",
    method: "POST",
  },
  412: {
    note: "412 Precondition Failed: the If-Match condition was false on the server, so the PUT was not applied (RFC 9110 §15.5.13).",
    method: "PUT",
    requestHeaders: { "If-Match": '"v1"' },
  },
  413: {
    note: "413 Content Too Large: the content is larger than the server is willing to process (RFC 9110 §15.5.14).",
    method: "POST",
  },
  414: { note: "414 URI Too Long: the target URI is longer than the server will interpret (RFC 9110 §15.5.15)." },
  415: {
    note: "415 Unsupported Media Type: this resource does not take content in the format sent (RFC 9110 §15.5.16).",
    method: "POST",
  },
  416: {
    note: "416 Range Not Satisfiable: the range asked for lies past the end; Content-Range gives the length (RFC 9110 §15.5.17).",
    requestHeaders: { Range: "bytes=1000-" },
  },
  417: { note: "417 Expectation Failed: the server cannot meet the request's Expect field (RFC 9110 §15.5.18)." },
  418: {
    note: "418 is unused (RFC 9110 §15.5.19): RFC 2324's teapot was an April Fools' joke, and the code is reserved so that nobody registers it.",
  },
  421: {
    note: "421 Misdirected Request: this server cannot answer for the target URI, typically on a reused connection; retry on a new one (RFC 9110 §15.5.20).",
  },
  422: {
    note: "422 Unprocessable Content: the content is well-formed, but its instructions cannot be carried out (RFC 9110 §15.5.21).",
    method: "POST",
  },
  423: { note: "423 Locked: the resource is locked, as a WebDAV LOCK does (RFC 4918 §11.3)." },
  424: { note: "424 Failed Dependency: the method failed because an action it depended on failed (RFC 4918 §11.4)." },
  425: {
    note: "425 Too Early: the server will not risk processing a request that may be replayed from TLS early data (RFC 8470 §5.2).",
  },
  426: {
    note: "426 Upgrade Required: the server needs another protocol first, named in Upgrade (RFC 9110 §15.5.22).",
  },
  428: {
    note: "428 Precondition Required: the server wants this PUT made conditional, with If-Match, to prevent lost updates (RFC 6585 §3).",
    method: "PUT",
  },
  429: {
    note: "429 Too Many Requests: slow down; Retry-After says how many seconds to wait (RFC 6585 §4).",
  },
  431: {
    note: "431 Request Header Fields Too Large: one header field, or all of them together, are larger than the server accepts (RFC 6585 §5).",
  },
  451: {
    note: '451 Unavailable For Legal Reasons: a legal demand blocks the resource; Link with rel="blocked-by" names who blocks it (RFC 7725 §3, §4).',
  },
  500: { note: "500 Internal Server Error: the server hit a condition it did not expect (RFC 9110 §15.6.1)." },
  501: {
    note: "501 Not Implemented: the server does not support what the request needs, for instance its method, for any resource (RFC 9110 §15.6.2).",
  },
  502: {
    note: "502 Bad Gateway: a gateway or proxy got an invalid response from the server behind it (RFC 9110 §15.6.3).",
  },
  503: {
    note: "503 Service Unavailable: overload or maintenance, for now; Retry-After says when to come back (RFC 9110 §15.6.4).",
  },
  504: {
    note: "504 Gateway Timeout: a gateway or proxy got no answer in time from the server behind it (RFC 9110 §15.6.5).",
  },
  505: {
    note: "505 HTTP Version Not Supported: the server does not support the major version of HTTP the request used (RFC 9110 §15.6.6).",
  },
  506: {
    note: "506 Variant Also Negotiates: the server's transparent content negotiation is misconfigured (RFC 2295 §8.1).",
  },
  507: { note: "507 Insufficient Storage: the server cannot store what the request needs (RFC 4918 §11.5)." },
  508: {
    note: "508 Loop Detected: the server met an infinite loop while handling a Depth: infinity request (RFC 5842 §7.2).",
  },
  510: { note: "510 Not Extended is obsoleted: the extension framework of RFC 2774 it belongs to is historic." },
  511: {
    note: "511 Network Authentication Required: a captive portal wants you to log in to the network first (RFC 6585 §6).",
  },
  444: {
    note: "444 is never sent: nginx's `return 444;` closes the connection without any response, and 444 shows only in its log. The sandbox sends the bare number so you can see how a client treats an unknown 4xx (as 400, RFC 9110 §15).",
  },
  499: {
    note: "499 is never sent: nginx logs it when the client closed the connection before nginx could answer. The sandbox sends the bare number so you can see how a client treats an unknown 4xx (as 400, RFC 9110 §15).",
  },
  520: cloudflare("sent an empty, unknown or unexpected response"),
  521: cloudflare("refused the connection"),
  522: cloudflare("did not complete the TCP handshake in time"),
  523: cloudflare("could not be reached at all (DNS or routing)"),
  524: cloudflare("accepted the connection but sent no response within 100 seconds"),
  525: cloudflare("failed the TLS handshake"),
  526: cloudflare("presented a certificate that does not validate (SSL mode Full (strict))"),
};
