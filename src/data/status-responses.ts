/**
 * What the response for each status code carries beside its status line: the one table of
 * per-code response facts (ARCHITECTURE.md, "One home for each fact"). The handlers
 * (src/sandbox/scenarios/status-response.ts) send it, the sample generator (scripts/sample-traits.ts)
 * prints its fields, every status page's diagram draws its code's response from it (the
 * `{{response}}` placeholder, src/diagrams/diagram-source.ts), and tests send every registry row
 * through the handlers and check every diagram against it.
 */

/**
 * The facts of one exchange that a field's value depends on. The sandbox's handler gives its own
 * (sandboxExchange); a status page's diagram gives those of the exchange it draws, in its front
 * matter's `diagram.exchange`, and takes every field and fixed value from this table
 * (src/diagrams/diagram-source.ts). A fact a row needs and the exchange lacks is an error.
 */
export interface ExchangeFacts {
  /** The URI the response names in Location (201, 300, the redirects). */
  location?: string | undefined;
  /** The challenge 401's WWW-Authenticate and 407's Proxy-Authenticate carry. */
  challenge?: string | undefined;
  /** The methods the target resource supports, as 405's Allow lists them. */
  allow?: string | undefined;
  /** The first and last octet a 206 sends (RFC 9110 §14.1.1: counted from 0, both included). */
  firstByte?: number | undefined;
  lastByte?: number | undefined;
  /** The length of the whole representation, in octets. */
  length?: number | undefined;
  /** The media type of the representation a 206 sends part of. */
  contentType?: string | undefined;
  /** The protocols a 426 requires, as its Upgrade names them (RFC 9110 §7.8). */
  upgrade?: string | undefined;
}

/** A fact a row's field needs: the exchange's, or an error that names it. */
function need<K extends keyof ExchangeFacts>(
  exchange: ExchangeFacts,
  fact: K,
  field: string,
): NonNullable<ExchangeFacts[K]> {
  const value = exchange[fact];
  if (value === undefined)
    throw new RangeError(`${field} depends on the exchange's ${fact}, and the exchange does not give it.`);
  return value;
}

/** The representation `status/206` sends a part of and `status/416` cannot satisfy. */
export const demoRepresentation = "HTTP Status Lab: this text is the whole representation.\n";
/** The entity tag of the representation `status/304` revalidates (RFC 9110 §8.8.3). */
export const demoETag = '"33a64df5"';
/** How many octets of it a 206 sends. */
export const demoPartLength = 16;
const representationLength = new TextEncoder().encode(demoRepresentation).length;

/** Methods a resource can list in Allow; the sandbox's 405 lists every one except the one just used. */
const allowable = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * The exchange of the sandbox's `status/{code}`: its request's method, the path of `status/200`
 * under the API root (the Location it names), its Basic challenge, and the demo representation
 * (its first octets for a 206, its length for a 416). Its 426 asks for TLS, RFC 2817 §4.2's example.
 */
export function sandboxExchange(request: { method: string; location: string; challenge: string }): ExchangeFacts {
  const used = request.method.toUpperCase();
  const safe = (name: string) => name === "GET" || name === "HEAD";
  return {
    location: request.location,
    challenge: request.challenge,
    allow: allowable.filter((name) => name !== used && !(safe(used) && safe(name))).join(", "),
    firstByte: 0,
    lastByte: demoPartLength - 1,
    length: representationLength,
    contentType: "text/plain; charset=utf-8",
    upgrade: "TLS/1.0, HTTP/1.1",
  };
}

export interface ResponseTraits {
  /** Header fields the response carries, in order: a fixed value, or one made from the exchange. */
  fields: Readonly<Record<string, string | ((exchange: ExchangeFacts) => string)>>;
  /** "none": no content (204, 205, 304); "part": the first octets of the demo representation (206). */
  body?: "none" | "part";
  /** Why, with the RFC section that asks for it; the handler's JSON body repeats it. */
  note?: string;
  /**
   * The request fields the code answers to, which its exchange sends (samples, try-it, tests):
   * 304 answers only a conditional GET or HEAD (RFC 9110 §15.4.5), here If-None-Match with the
   * ETag the sandbox's representation has. Without them the handler answers what the condition
   * gives instead (status-response.ts).
   */
  requestFields?: Readonly<Record<string, string>>;
}

/** The RFC 9110 section of each redirect whose server should send Location (§15.4.4 asks no such thing of 303). */
const redirectSections: Readonly<Record<number, string>> = {
  301: "15.4.2",
  302: "15.4.3",
  307: "15.4.8",
  308: "15.4.9",
};

const redirect = (status: number): ResponseTraits => ({
  fields: { Location: (exchange) => need(exchange, "location", "Location") },
  note: `The server SHOULD send Location with the URI to follow (RFC 9110 §${redirectSections[status] ?? "15.4"}).`,
});

/**
 * The fields each code needs to make sense, with the RFC section that asks for them. Codes not
 * listed need none (or nothing a demo can honestly fill in).
 */
export const statusResponses: Readonly<Record<number, ResponseTraits>> = {
  201: {
    fields: { Location: (exchange) => need(exchange, "location", "Location") },
    note: "Location names the resource just created (RFC 9110 §15.3.2).",
  },
  204: { fields: {}, body: "none", note: "A 204 response has no content (RFC 9110 §15.3.5)." },
  205: { fields: {}, body: "none", note: "A server MUST NOT send content in a 205 response (RFC 9110 §15.3.6)." },
  206: {
    fields: {
      "Content-Range": (exchange) =>
        `bytes ${need(exchange, "firstByte", "Content-Range")}-${need(exchange, "lastByte", "Content-Range")}/${need(exchange, "length", "Content-Range")}`,
      "Content-Type": (exchange) => need(exchange, "contentType", "Content-Type"),
    },
    body: "part",
    note: "A single-part 206 carries Content-Range and only the octets it names (RFC 9110 §15.3.7, §14.4).",
  },
  300: {
    fields: { Location: (exchange) => need(exchange, "location", "Location") },
    note: "A server with a preferred choice SHOULD name it in Location (RFC 9110 §15.4.1).",
  },
  301: redirect(301),
  302: redirect(302),
  303: {
    fields: { Location: (exchange) => need(exchange, "location", "Location") },
    note: "A 303 sends the client to the resource named in Location, to retrieve with GET (RFC 9110 §15.4.4).",
  },
  304: {
    fields: { ETag: demoETag },
    body: "none",
    requestFields: { "If-None-Match": demoETag },
    note: "A 304 has no content; it carries the validators a 200 would have had (RFC 9110 §15.4.5).",
  },
  305: {
    fields: {},
    note: "305 Use Proxy is deprecated (RFC 9110 §15.4.6): a response that picks the client's proxy is a security risk, so clients ignore it.",
  },
  306: { fields: {}, note: "306 is reserved and no longer used (RFC 9110 §15.4.7)." },
  307: redirect(307),
  308: redirect(308),
  401: {
    fields: { "WWW-Authenticate": (exchange) => need(exchange, "challenge", "WWW-Authenticate") },
    note: "A 401 MUST carry WWW-Authenticate with at least one challenge (RFC 9110 §15.5.2).",
  },
  405: {
    fields: { Allow: (exchange) => need(exchange, "allow", "Allow") },
    note: "A 405 MUST carry Allow with the methods the resource supports (RFC 9110 §15.5.6).",
  },
  407: {
    fields: { "Proxy-Authenticate": (exchange) => need(exchange, "challenge", "Proxy-Authenticate") },
    note: "A 407 MUST carry Proxy-Authenticate with a challenge for the proxy (RFC 9110 §15.5.8).",
  },
  408: {
    fields: { Connection: "close" },
    note: 'A server that closes the connection after its 408 SHOULD say so with the "close" connection option (RFC 9112 §9.6).',
  },
  416: {
    fields: { "Content-Range": (exchange) => `bytes */${need(exchange, "length", "Content-Range")}` },
    note: "A 416 to a byte-range request SHOULD carry Content-Range with the representation's length (RFC 9110 §15.5.17).",
  },
  418: {
    fields: {},
    note: "418 is reserved: RFC 2324's teapot was an April joke, and the code stays unused (RFC 9110 §15.5.19).",
  },
  426: {
    fields: { Upgrade: (exchange) => need(exchange, "upgrade", "Upgrade"), Connection: "Upgrade" },
    note: "A 426 MUST carry Upgrade naming the protocols required (RFC 9110 §15.5.22), and Upgrade needs the Upgrade connection option (§7.8); the values are RFC 2817 §4.2's example.",
  },
  429: { fields: { "Retry-After": "30" }, note: "A 429 MAY carry Retry-After (RFC 6585 §4)." },
  451: {
    fields: { Link: '<https://example.org/legal/blocking>; rel="blocked-by"' },
    note: 'A 451 SHOULD name the entity implementing the block (not the one demanding it) in a Link with rel="blocked-by" (RFC 7725 §4).',
  },
  503: {
    fields: { "Retry-After": "600" },
    note: "A 503 MAY carry Retry-After to say how long to wait (RFC 9110 §15.6.4).",
  },
  511: { fields: {}, note: "A 511 SHOULD contain a link where the user can log in to the network (RFC 6585 §6)." },
};

/** The traits of a code's response: the table's row, or no fields. */
export function statusResponseTraits(status: number): ResponseTraits {
  return statusResponses[status] ?? { fields: {} };
}

/** The header fields of a code's response, values filled in for one exchange. */
export function statusResponseFields(status: number, exchange: ExchangeFacts): Record<string, string> {
  return Object.fromEntries(
    Object.entries(statusResponseTraits(status).fields).map(([name, value]) => [
      name,
      typeof value === "function" ? value(exchange) : value,
    ]),
  );
}

/**
 * The fields a sample prints beside the status: the table's, but Content-Type (it describes the
 * content, not the code) and a Connection option that only accompanies another field (426's
 * Upgrade needs it; 408's "close" is the point).
 */
export function printedFields(status: number): string[] {
  const names = Object.keys(statusResponseTraits(status).fields).filter((name) => name !== "Content-Type");
  return names.length > 1 ? names.filter((name) => name !== "Connection") : names;
}

/** The 3xx codes whose response names a Location (300, 301, 302, 303, 307, 308). */
export const redirectsWithLocation: readonly number[] = Object.keys(statusResponses)
  .map(Number)
  .filter((code) => code >= 300 && code < 400 && "Location" in statusResponseTraits(code).fields);
