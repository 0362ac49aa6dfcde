/**
 * The status-code checks: a pure function over one exchange (request and response, as the probe
 * and the inspector hold them) that returns cited findings, each naming the check of the
 * catalogue (check-catalogue.ts) it comes from. What a response must share with another answer for
 * the same resource (a 304's or 206's fields, HEAD against GET, Vary) is checked when the caller
 * gives that answer as `reference`; what a sub-request the probe made must show (a 304 to
 * If-None-Match, a 206 to Range) when the caller says which sub-request it was (`active`).
 * The 401 and 407 challenges are readAuthResponse's findings (the one implementation), in the same shape.
 */
import {
  combinedField,
  isEntityTag,
  parseContentRange,
  parseHttpDate,
  parseMediaType,
  parseRetryAfter,
  parseTokenList,
  readAuthResponse,
  rfcReference,
  statusAndPhrase,
  type Citation,
  type Exchange,
  type Finding,
  type HeaderList,
} from "../http/index.ts";
import { checkEntry, type CheckFinding } from "./check-catalogue.ts";

/** Which sub-request of the probe an exchange is, when it is one (active-checks.ts). */
export type ActiveKind = "head" | "if-none-match" | "if-modified-since" | "range" | "options";

export interface CheckContext {
  /** The plain GET's answer for the same URL (a 200), for what this answer must share with it. */
  reference?: Exchange;
  /** The reference's body was read whole (not cut at the probe's cap), so its length is known. */
  referenceComplete?: boolean;
  active?: ActiveKind;
  /** The response may be an excerpt (a paste in the inspector): a missing Date is not reported. */
  excerpt?: boolean;
}

export interface CheckResult {
  findings: CheckFinding[];
  /** The catalogue ids of the checks that applied to this exchange, passed or not. */
  checked: string[];
}

/** A finding of `check`, citing RFC 9110 §`cite`, another citation, or the check's own when omitted. */
type Add = (
  check: string,
  id: string,
  severity: Finding["severity"],
  message: string,
  cite?: string | Citation,
) => void;

const field = (headers: HeaderList, name: string) => combinedField(headers, name)?.value;
const bytes = (text: string) => new TextEncoder().encode(text).length;

function collector(): { result: CheckResult; add: Add; ran: (check: string) => void } {
  const result: CheckResult = { findings: [], checked: [] };
  const ran = (check: string) => {
    if (!result.checked.includes(check)) result.checked.push(check);
  };
  const add: Add = (check, id, severity, message, cite) => {
    const entry = checkEntry(check);
    ran(check);
    const rfc = cite === undefined ? entry.cite : typeof cite === "string" ? rfcReference(9110, cite) : cite;
    result.findings.push({ id, severity, message, rfc, check, category: entry.category });
  };
  return { result, add, ran };
}

/**
 * Checks one exchange against what its status code requires on the wire (the catalogue's rows
 * of tests/data/rfc-requirements.json) and what every response should get right. Never throws.
 */
export function checkExchange(exchange: Exchange, context: CheckContext = {}): CheckResult {
  const { result, add, ran } = collector();
  const { response } = exchange;
  checkAuthentication(response, add, ran);
  checkLocation(exchange, add, ran);
  checkStatusFields(response, add, ran);
  checkNoContent(response, add, ran);
  checkRetryAfter(response, add, ran);
  checkDate(response, context.excerpt === true, add, ran);
  checkContentType(response, add, ran);
  checkValidatorSyntax(response, add, ran);
  checkVary(exchange, context, add, ran);
  if (context.reference !== undefined) checkSameFields(exchange, context.reference, add, ran);
  if (context.active !== undefined) checkActive(exchange, context, add, ran);
  else if (response.status === 200 && exchange.request.method.toUpperCase() === "GET") {
    ran("validators");
    if (field(response.headers, "etag") === undefined && field(response.headers, "last-modified") === undefined) {
      add(
        "validators",
        "no-validator",
        "info",
        "This 200 carries neither ETag nor Last-Modified, so a cache cannot revalidate it: each reuse after it goes stale is a full download.",
      );
    }
  }
  return result;
}

/** 401 and 407: readAuthResponse's findings (challenges and their schemes), as checks. */
function checkAuthentication(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const check = response.status === 407 ? "proxy-authenticate" : "www-authenticate";
  const hasField =
    field(response.headers, "www-authenticate") !== undefined ||
    field(response.headers, "proxy-authenticate") !== undefined;
  if (response.status !== 401 && response.status !== 407 && !hasField) return;
  ran(check);
  for (const finding of readAuthResponse(response).findings) {
    add(check, finding.id, finding.severity, finding.message, finding.rfc);
  }
}

const locationSections: Readonly<Record<number, string>> = {
  201: "9.3.3",
  301: "15.4.2",
  302: "15.4.3",
  303: "15.4.4",
  307: "15.4.8",
  308: "15.4.9",
};

/** 3xx and 201: Location present (RFC 9110 §15.4.x, §9.3.3) and a URI reference (§10.2.2). */
function checkLocation(exchange: Exchange, add: Add, ran: (check: string) => void): void {
  const { status, headers } = exchange.response;
  const location = combinedField(headers, "location");
  const section = locationSections[status];
  if (section === undefined && location === undefined) return;
  ran("location");
  if (location === undefined) {
    add(
      "location",
      "location-missing",
      "warning",
      status === 201
        ? "This 201 has no Location, so the client cannot tell where the created resource is (it is then the request's own URL)."
        : `This ${statusAndPhrase({ status })} has no Location, so no client can follow it.`,
      section,
    );
    return;
  }
  let valid = location.lines === 1 && !/[\s<>"{}|\\^`\u0000-\u001f\u007f-\uffff]/.test(location.value);
  if (valid) {
    try {
      new URL(location.value, exchange.request.url);
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    add(
      "location",
      "location-invalid",
      "error",
      `Location is "${location.value.slice(0, 120)}", which is not one URI reference (spaces and other characters outside a URI must be percent-encoded).`,
      "10.2.2",
    );
  }
}

/** 405 Allow, 426 Upgrade, 206 and 416 Content-Range: what those statuses must carry. */
function checkStatusFields(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const { status, headers } = response;
  const allow = field(headers, "allow");
  if (status === 405 || allow !== undefined) ran("allow");
  if (status === 405 && allow === undefined) {
    add(
      "allow",
      "allow-missing",
      "error",
      "This 405 has no Allow field: the client cannot tell which methods would work.",
      "15.5.6",
    );
  }
  if (allow !== undefined && parseTokenList(allow) === undefined) {
    add(
      "allow",
      "allow-invalid",
      "error",
      `Allow is "${allow.slice(0, 120)}", which is not a comma-separated list of method names.`,
      "10.2.1",
    );
  }
  if (status === 426) {
    ran("upgrade");
    if (field(headers, "upgrade") === undefined) {
      add(
        "upgrade",
        "upgrade-missing",
        "error",
        "This 426 has no Upgrade field naming the protocol the client has to switch to.",
        "15.5.22",
      );
    }
  }
  if (status === 206 || status === 416) checkContentRange(response, add, ran);
}

function checkContentRange(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const { status, headers } = response;
  ran("content-range");
  const value = field(headers, "content-range");
  const multipart = parseMediaType(field(headers, "content-type") ?? "")?.type === "multipart/byteranges";
  if (value === undefined) {
    if (status === 206 && !multipart) {
      add(
        "content-range",
        "content-range-missing",
        "error",
        "This single-part 206 has no Content-Range, so the client cannot tell which bytes it got.",
        "15.3.7.1",
      );
    }
    if (status === 416) {
      add(
        "content-range",
        "content-range-416-without-length",
        "warning",
        "This 416 has no Content-Range: bytes */length would tell the client how long the representation is, so it can ask again.",
        "15.5.17",
      );
    }
    return;
  }
  if (status === 206 && multipart) {
    add(
      "content-range",
      "content-range-on-multipart",
      "error",
      "This multipart/byteranges 206 has Content-Range in its header section; each part carries its own instead.",
      "15.3.7.2",
    );
    return;
  }
  const range = parseContentRange(value);
  if (range === undefined) {
    add(
      "content-range",
      "content-range-invalid",
      "error",
      `Content-Range is "${value.slice(0, 120)}", which is not "bytes first-last/length" (or "bytes */length" on a 416), with last below length.`,
      "14.4",
    );
  } else if (status === 416 && range.kind !== "unsatisfied") {
    add(
      "content-range",
      "content-range-416-without-length",
      "warning",
      `This 416's Content-Range is "${value}": it should be "bytes */length", the representation's current length.`,
      "15.5.17",
    );
  } else if (status === 206 && range.kind !== "range") {
    add(
      "content-range",
      "content-range-invalid",
      "error",
      `This 206's Content-Range is "${value}": an unsatisfied range belongs on a 416, a 206 names the bytes it sends.`,
      "14.4",
    );
  }
}

/** 204 and 304: no content; a 204 without Content-Length (RFC 9110 §8.6). */
function checkNoContent(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const { status, headers, body } = response;
  if (status !== 204 && status !== 304) return;
  ran("no-content");
  if (body.length > 0) {
    add(
      "no-content",
      `content-on-${status}`,
      "error",
      `This ${status} arrived with ${bytes(body)} bytes of content; a ${status} ends with its header section and cannot carry any.`,
      status === 204 ? "15.3.5" : "15.4.5",
    );
  }
  if (status === 204 && field(headers, "content-length") !== undefined) {
    add(
      "no-content",
      "content-length-on-204",
      "error",
      "This 204 carries Content-Length; a server must not send it on a 204.",
      "8.6",
    );
  }
}

/** Retry-After's syntax on any response; its absence noted on a 413, 429 and 503. */
function checkRetryAfter(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const { status, headers } = response;
  const value = field(headers, "retry-after");
  const owners: Readonly<Record<number, Citation>> = {
    413: rfcReference(9110, "15.5.14"),
    429: rfcReference(6585, "4"),
    503: rfcReference(9110, "15.6.4"),
  };
  const owner = owners[status];
  if (owner === undefined && value === undefined) return;
  ran("retry-after");
  if (value === undefined) {
    add(
      "retry-after",
      "retry-after-absent",
      "info",
      status === 413
        ? "This 413 has no Retry-After: if the limit is temporary, Retry-After tells the client when to try again."
        : `This ${status} has no Retry-After, so a client has to guess when to try again (it is optional).`,
      owner,
    );
    return;
  }
  const parsed = parseRetryAfter(value);
  if (parsed === undefined) {
    add(
      "retry-after",
      "retry-after-invalid",
      "error",
      `Retry-After is "${value.slice(0, 120)}", neither a number of seconds nor an HTTP-date.`,
    );
  } else if (parsed.kind === "date" && parsed.format !== "IMF-fixdate") {
    add(
      "retry-after",
      "retry-after-obsolete-date",
      "error",
      `Retry-After is "${value}", an obsolete ${parsed.format} form; senders generate the IMF-fixdate form, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".`,
      "5.6.7",
    );
  }
}

/** Date: present on 2xx, 3xx and 4xx (RFC 9110 §6.6.1), an IMF-fixdate (§5.6.7). */
function checkDate(response: Exchange["response"], excerpt: boolean, add: Add, ran: (check: string) => void): void {
  const { status, headers } = response;
  ran("date");
  const date = combinedField(headers, "date");
  if (date === undefined) {
    if (status >= 200 && status < 500 && !excerpt) {
      add(
        "date",
        "date-missing",
        "error",
        `This ${status} has no Date field; an origin server with a clock sends one in every 2xx, 3xx and 4xx response, and caches compute age and heuristic freshness from it.`,
        "6.6.1",
      );
    }
    return;
  }
  const parsed = date.lines === 1 ? parseHttpDate(date.value) : undefined;
  if (parsed === undefined) {
    add(
      "date",
      "date-invalid",
      "error",
      `Date is "${date.value.slice(0, 120)}", which is not one HTTP-date such as "Sun, 06 Nov 1994 08:49:37 GMT".`,
      "5.6.7",
    );
  } else if (parsed.format !== "IMF-fixdate") {
    add(
      "date",
      "date-obsolete-format",
      "error",
      `Date is "${date.value}", the obsolete ${parsed.format} form; senders generate IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".`,
      "5.6.7",
    );
  }
}

/** Content-Type: a media type (RFC 9110 §8.3.1), and present when there is content (§8.3). */
function checkContentType(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const { headers, body, status } = response;
  const value = combinedField(headers, "content-type");
  ran("content-type");
  if (value === undefined) {
    if (body.length > 0 && status !== 204 && status !== 304) {
      add(
        "content-type",
        "content-type-missing",
        "warning",
        "This response has content but no Content-Type, so the client has to guess (sniff) what it is.",
        "8.3",
      );
    }
    return;
  }
  if (value.lines > 1 || parseMediaType(value.value) === undefined) {
    add(
      "content-type",
      "content-type-invalid",
      "error",
      `Content-Type is "${value.value.slice(0, 120)}", which is not one media type such as "text/html; charset=utf-8".`,
      "8.3.1",
    );
  }
}

/** ETag: an entity-tag (RFC 9110 §8.8.3); Last-Modified: an IMF-fixdate (§8.8.2, §5.6.7). */
function checkValidatorSyntax(response: Exchange["response"], add: Add, ran: (check: string) => void): void {
  const etag = combinedField(response.headers, "etag");
  const lastModified = combinedField(response.headers, "last-modified");
  if (etag === undefined && lastModified === undefined) return;
  ran("validator-syntax");
  if (etag !== undefined && (etag.lines > 1 || !isEntityTag(etag.value))) {
    add(
      "validator-syntax",
      "etag-invalid",
      "error",
      `ETag is ${etag.value.slice(0, 120)}, not an entity tag: the opaque tag goes in double quotes ("${etag.value.replace(/"/g, "").slice(0, 60)}", or W/"..." when weak), so a client that sends it back in If-None-Match quoted, as the grammar asks, may never match it.`,
    );
  }
  if (lastModified !== undefined) {
    const parsed = lastModified.lines === 1 ? parseHttpDate(lastModified.value) : undefined;
    if (parsed?.format !== "IMF-fixdate") {
      add(
        "validator-syntax",
        "last-modified-invalid",
        "error",
        `Last-Modified is "${lastModified.value.slice(0, 120)}", not an HTTP-date in the IMF-fixdate form such as "Sun, 06 Nov 1994 08:49:37 GMT".`,
        "5.6.7",
      );
    }
  }
}

/** Vary: field names or "*" (RFC 9110 §12.5.5), and the same as the reference answer's. */
function checkVary(exchange: Exchange, context: CheckContext, add: Add, ran: (check: string) => void): void {
  const value = field(exchange.response.headers, "vary");
  const reference = context.reference === undefined ? undefined : field(context.reference.response.headers, "vary");
  if (value === undefined && reference === undefined) return;
  ran("vary");
  const names = value === undefined ? [] : parseTokenList(value);
  if (names === undefined || (names.includes("*") && names.length > 1)) {
    add(
      "vary",
      "vary-invalid",
      "error",
      `Vary is "${(value ?? "").slice(0, 120)}", which is neither "*" nor a list of field names.`,
    );
    return;
  }
  if (context.reference === undefined || exchange.response.status === 200) return;
  const set = (list: string[]) => [...new Set(list.map((name) => name.toLowerCase()))].sort().join(", ");
  const here = set(names);
  const there = set(reference === undefined ? [] : (parseTokenList(reference) ?? []));
  // A 304 or 206 without Vary at all is reported by checkSameFields; here: a different list.
  if (here !== there && value !== undefined) {
    const head = exchange.request.method.toUpperCase() === "HEAD";
    add(
      "vary",
      "vary-inconsistent",
      head ? "warning" : "error",
      `Vary here is "${here}" but the 200 to GET said "${there || "(none)"}": caches key stored responses by Vary, so every answer for the resource has to say the same.`,
      head ? "9.3.2" : exchange.response.status === 206 ? "15.3.7" : "15.4.5",
    );
  }
}

/** The fields a 304 and a 206 keep from the 200 (RFC 9110 §15.4.5, §15.3.7). */
const keptFields = ["Content-Location", "Date", "ETag", "Vary", "Cache-Control", "Expires"];
/** Fields a HEAD answer shares with GET's (RFC 9110 §9.3.2) that do not depend on generating content. */
const headFields = ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "Expires", "Vary"];

/** A 304, a 206 or a HEAD answer against the 200 to the plain GET. */
function checkSameFields(exchange: Exchange, reference: Exchange, add: Add, ran: (check: string) => void): void {
  const { response } = exchange;
  const had = (name: string) => field(reference.response.headers, name) !== undefined;
  const missing = (names: string[]) => names.filter((name) => had(name) && field(response.headers, name) === undefined);
  if (exchange.request.method.toUpperCase() === "HEAD") {
    checkHead(exchange, reference, add, ran);
    const lost = missing(headFields);
    if (response.status === reference.response.status && lost.length > 0) {
      add(
        "head",
        "head-fields-missing",
        "warning",
        `HEAD left out ${lost.join(", ")}, which GET sent: a client uses HEAD to learn those without the content.`,
        "9.3.2",
      );
    }
    return;
  }
  if (response.status !== 304 && response.status !== 206) return;
  ran("same-fields-as-200");
  const lost = missing(keptFields);
  if (lost.length > 0) {
    add(
      "same-fields-as-200",
      `fields-missing-on-${response.status}`,
      "error",
      `This ${response.status} leaves out ${lost.join(", ")}, which the 200 carried; a ${response.status} carries them as the 200 would, so a cache can ${response.status === 304 ? "update the response it stored" : "combine the parts"}.`,
      response.status === 304 ? "15.4.5" : "15.3.7",
    );
  }
}

/** HEAD: the same status as GET, and a Content-Length equal to GET's (RFC 9110 §8.6). */
function checkHead(exchange: Exchange, reference: Exchange, add: Add, ran: (check: string) => void): void {
  ran("head");
  const { response } = exchange;
  if (response.status !== reference.response.status) {
    add(
      "head",
      "head-status-differs",
      "warning",
      `HEAD answered ${response.status} where GET answered ${reference.response.status}; HEAD is GET without the content.`,
      "9.3.2",
    );
    return;
  }
  const headLength = field(response.headers, "content-length");
  const getLength = field(reference.response.headers, "content-length");
  if (headLength === undefined || !/^\d+$/.test(headLength.trim())) return;
  const expected = getLength !== undefined ? getLength.trim() : undefined;
  if (expected !== undefined && expected !== headLength.trim()) {
    add(
      "head",
      "head-content-length-differs",
      "error",
      `HEAD says Content-Length: ${headLength} but GET sent Content-Length: ${expected}; on HEAD it has to be the length GET would send.`,
      "8.6",
    );
  }
}

/** What each sub-request of the probe has to show (active-checks.ts makes them). */
function checkActive(exchange: Exchange, context: CheckContext, add: Add, ran: (check: string) => void): void {
  const { status } = exchange.response;
  const sent = (name: string) => field(exchange.request.headers, name) ?? "";
  switch (context.active) {
    case "if-none-match":
      ran("if-none-match");
      if (status !== 304) {
        add(
          "if-none-match",
          "if-none-match-not-304",
          status === 200 ? "error" : "warning",
          `Asked with If-None-Match: ${sent("if-none-match")} (the ETag it had just sent), the server answered ${status}, not 304: clients and caches download the unchanged representation again.`,
        );
      }
      return;
    case "if-modified-since":
      ran("if-modified-since");
      if (status !== 304) {
        add(
          "if-modified-since",
          "if-modified-since-not-304",
          "warning",
          `Asked with If-Modified-Since: ${sent("if-modified-since")} (its own Last-Modified), the server answered ${status}, not 304: a client without ETag support downloads it again.`,
        );
      }
      return;
    case "range":
      checkRangeAnswer(exchange, context, add, ran);
      return;
    case "options":
      ran("options");
      if (status >= 200 && status < 300 && field(exchange.response.headers, "allow") === undefined) {
        add(
          "options",
          "options-without-allow",
          "info",
          `OPTIONS answered ${status} without Allow, so a client cannot learn which methods the resource takes.`,
        );
      }
      return;
    default:
      return;
  }
}

/** Range: bytes=0-0 → a 206 for byte 0, or a 200 (ignoring Range is allowed, RFC 9110 §14.2). */
function checkRangeAnswer(exchange: Exchange, context: CheckContext, add: Add, ran: (check: string) => void): void {
  ran("range");
  const { status, headers } = exchange.response;
  if (status === 206) {
    const range = parseContentRange(field(headers, "content-range") ?? "");
    if (range?.kind === "range" && range.first !== 0) {
      add(
        "range",
        "range-wrong-bytes",
        "error",
        `Asked for bytes=0-0, the 206 says it holds bytes ${range.first}-${range.last}.`,
        "14.4",
      );
    }
    return;
  }
  if (status === 200) {
    const accept = (field(headers, "accept-ranges") ?? "").toLowerCase();
    if (accept.split(",").some((unit) => unit.trim() === "none")) return;
    add(
      "range",
      "range-ignored",
      "info",
      accept.includes("bytes")
        ? "The server ignored Range: bytes=0-0 and sent the whole representation, though it says Accept-Ranges: bytes."
        : "The server ignored Range: bytes=0-0 (allowed) without saying Accept-Ranges: none, so a client cannot tell it never will.",
      "14.3",
    );
    return;
  }
  const empty = field(context.reference?.response.headers ?? [], "content-length")?.trim() === "0";
  if (status === 416 && empty) return;
  add(
    "range",
    "range-unexpected-status",
    "warning",
    `Asked for bytes=0-0, the server answered ${status}; a 206 or a 200 was expected.`,
  );
}

/** An ETag value worth sending back: one entity tag (RFC 9110 §8.8.3). */
export const usableEntityTag = (value: string | undefined): value is string =>
  value !== undefined && isEntityTag(value);
