/**
 * The catalogue of the status-code checks (checks.ts runs them): one entry per check, with what it
 * looks at, the statuses it applies to, its category and the requirement it implements, as a row
 * of tests/data/rfc-requirements.json (rfc, section, level, subject: check-catalogue.test.ts
 * holds every row named here to that table). The probe, the inspector, the JUnit report and the
 * status pages' "check your server for this code" links all read this one list.
 */
import { rfcReference, type Citation, type Finding } from "../http/index.ts";

export type CheckCategory =
  | "general"
  | "redirection"
  | "authentication"
  | "methods"
  | "content"
  | "ranges"
  | "validation"
  | "caching"
  | "retry"
  | "oauth";

/** A requirement as the table holds it; level in lower case as the table's keyword reads. */
export interface RequirementRow {
  rfc: number;
  section: string;
  level: "must" | "must not" | "should" | "should not" | "may";
  subject: string;
}

export interface CheckEntry {
  id: string;
  /** What it checks, as a reader of a status page or a CI log sees it. */
  title: string;
  category: CheckCategory;
  /** The statuses it checks; "any" for every response; "active" for a sub-request the probe makes. */
  statuses: readonly number[] | "any" | "active";
  /** For a sub-request: the statuses whose pages name it (what it expects, or what it starts from). */
  about?: readonly number[];
  /** The worst it reports when the requirement is broken. */
  severity: Finding["severity"];
  cite: Citation;
  /** The rows of the requirements table it implements (none for a grammar rule). */
  rows: readonly RequirementRow[];
}

export type CheckFinding = Finding & { check: string; category: CheckCategory };

/** Findings of a lint that is not a status-code check (the OAuth metadata lints, the OAuth client's), as the catalogue check `check`. */
export function findingsAs(check: "oauth-metadata" | "oauth-flow", findings: readonly Finding[]): CheckFinding[] {
  return findings.map((finding) => ({ ...finding, check, category: "oauth" }));
}

const row = (rfc: number, section: string, level: RequirementRow["level"], subject: string): RequirementRow => ({
  rfc,
  section,
  level,
  subject,
});

export const checkCatalogue: readonly CheckEntry[] = [
  {
    id: "location",
    title: "Location names where to go (3xx) or what was created (201), as a URI reference",
    category: "redirection",
    statuses: [201, 301, 302, 303, 307, 308],
    severity: "warning",
    cite: rfcReference(9110, "10.2.2"),
    rows: [
      row(9110, "9.3.3", "should", "a POST that creates a resource answers 201 with Location"),
      row(9110, "15.4.2", "should", "a 301 carries Location with the new permanent URI"),
      row(9110, "15.4.3", "should", "a 302 carries Location with the temporary URI"),
      row(9110, "15.4.8", "should", "a 307 carries Location with the temporary URI"),
      row(9110, "15.4.9", "should", "a 308 carries Location with the new permanent URI"),
    ],
  },
  {
    id: "www-authenticate",
    title: "WWW-Authenticate carries at least one challenge that parses and follows its scheme",
    category: "authentication",
    statuses: [401],
    severity: "error",
    cite: rfcReference(9110, "15.5.2"),
    rows: [row(9110, "15.5.2", "must", "a 401 carries WWW-Authenticate with at least one challenge")],
  },
  {
    id: "proxy-authenticate",
    title: "Proxy-Authenticate carries at least one challenge that parses",
    category: "authentication",
    statuses: [407],
    severity: "error",
    cite: rfcReference(9110, "15.5.8"),
    rows: [row(9110, "15.5.8", "must", "a 407 carries Proxy-Authenticate with a challenge for the proxy")],
  },
  {
    id: "allow",
    title: "Allow lists the methods the resource supports",
    category: "methods",
    statuses: [405],
    severity: "error",
    cite: rfcReference(9110, "15.5.6"),
    rows: [row(9110, "15.5.6", "must", "a 405 carries Allow with the methods the resource supports")],
  },
  {
    id: "content-range",
    title: "Content-Range is present and well-formed (206), with the current length (416)",
    category: "ranges",
    statuses: [206, 416],
    severity: "error",
    cite: rfcReference(9110, "14.4"),
    rows: [
      row(9110, "15.3.7.1", "must", "a single-part 206 carries Content-Range for the enclosed range"),
      row(9110, "15.3.7.2", "must not", "a multipart 206 has no Content-Range in its header section"),
      row(9110, "15.5.17", "should", "a 416 to a byte-range request gives the current length in Content-Range"),
    ],
  },
  {
    id: "no-content",
    title: "No content (204, 304), and no Content-Length on a 204",
    category: "content",
    statuses: [204, 304],
    severity: "error",
    cite: rfcReference(9110, "6.4.1"),
    rows: [row(9110, "8.6", "must not", "no Content-Length in a 1xx or 204 response")],
  },
  {
    id: "same-fields-as-200",
    title: "The Date, ETag, Vary, Cache-Control, Expires and Content-Location a 200 would carry",
    category: "validation",
    statuses: [206, 304],
    severity: "error",
    cite: rfcReference(9110, "15.4.5"),
    rows: [
      row(
        9110,
        "15.4.5",
        "must",
        "a 304 carries the Content-Location, Date, ETag, Vary, Cache-Control and Expires a 200 would have had",
      ),
      row(
        9110,
        "15.3.7",
        "must",
        "a 206 keeps the Date, Cache-Control, ETag, Expires, Content-Location and Vary a 200 would have had",
      ),
    ],
  },
  {
    id: "upgrade",
    title: "Upgrade names the protocol(s) the client must switch to",
    category: "general",
    statuses: [426],
    severity: "error",
    cite: rfcReference(9110, "15.5.22"),
    rows: [row(9110, "15.5.22", "must", "a 426 carries Upgrade naming the required protocol(s)")],
  },
  {
    id: "retry-after",
    title: "Retry-After is an HTTP-date or a number of seconds; noted when a 413, 429 or 503 has none",
    category: "retry",
    statuses: [413, 429, 503],
    severity: "error",
    cite: rfcReference(9110, "10.2.3"),
    rows: [
      row(9110, "15.5.14", "should", "a 413 for a temporary condition carries Retry-After"),
      row(6585, "4", "may", "a 429 can carry Retry-After"),
      row(9110, "15.6.4", "may", "a 503 can carry Retry-After"),
    ],
  },
  {
    id: "date",
    title: "Date is present (2xx, 3xx, 4xx) and an IMF-fixdate",
    category: "general",
    statuses: "any",
    severity: "error",
    cite: rfcReference(9110, "6.6.1"),
    rows: [
      row(9110, "6.6.1", "must", "an origin server with a clock sends Date in every 2xx, 3xx and 4xx response"),
      row(9110, "5.6.7", "must", "a sender generates HTTP-date timestamps in the IMF-fixdate format"),
    ],
  },
  {
    id: "content-type",
    title: "Content-Type is a media type, and present when there is content",
    category: "content",
    statuses: "any",
    severity: "error",
    cite: rfcReference(9110, "8.3"),
    rows: [row(9110, "8.3", "should", "a message with content carries Content-Type")],
  },
  {
    id: "vary",
    title: "Vary is a list of field names (or *) and the same on every answer for the resource",
    category: "caching",
    statuses: "any",
    severity: "error",
    cite: rfcReference(9110, "12.5.5"),
    rows: [],
  },
  {
    id: "head",
    about: [200],
    title: "HEAD answers with the fields GET does, and the same Content-Length",
    category: "methods",
    statuses: "active",
    severity: "error",
    cite: rfcReference(9110, "9.3.2"),
    rows: [
      row(9110, "8.6", "must not", "Content-Length on a HEAD response equals the length a GET would have sent"),
      row(9110, "9.3.2", "should", "a HEAD response carries the header fields a GET would have"),
    ],
  },
  {
    id: "if-none-match",
    about: [200, 304],
    title: "A GET with the ETag received in If-None-Match is answered 304",
    category: "validation",
    statuses: "active",
    severity: "error",
    cite: rfcReference(9110, "13.1.2"),
    rows: [row(9110, "13.1.2", "must", "a false If-None-Match on GET or HEAD is answered 304")],
  },
  {
    id: "if-modified-since",
    about: [200, 304],
    title: "A GET with the Last-Modified received in If-Modified-Since is answered 304",
    category: "validation",
    statuses: "active",
    severity: "warning",
    cite: rfcReference(9110, "13.1.3"),
    rows: [row(9110, "13.1.3", "should", "an unmodified representation since If-Modified-Since is answered 304")],
  },
  {
    id: "range",
    about: [200, 206, 416],
    title: "Range: bytes=0-0 gets a 206 for that byte, or a 200 with Accept-Ranges: none",
    category: "ranges",
    statuses: "active",
    severity: "error",
    cite: rfcReference(9110, "14.2"),
    rows: [row(9110, "14.2", "may", "a server can ignore Range")],
  },
  {
    id: "options",
    about: [200, 405],
    title: "OPTIONS names the methods allowed (Allow)",
    category: "methods",
    statuses: "active",
    severity: "info",
    cite: rfcReference(9110, "9.3.7"),
    rows: [
      row(
        9110,
        "9.3.7",
        "should",
        "a successful OPTIONS response names the optional features that apply, such as Allow",
      ),
    ],
  },
  {
    id: "oauth-metadata",
    title:
      "OAuth discovery: the protected resource metadata (RFC 9728) and the authorization server metadata (RFC 8414) match and offer PKCE S256",
    category: "oauth",
    statuses: "active",
    severity: "error",
    cite: rfcReference(9728, "3.3"),
    rows: [],
  },
  {
    id: "oauth-flow",
    title:
      "OAuth client run (--oauth-client): each exchange of the flow linted as the client reads it (RFC 6749, RFC 7636, RFC 8707, RFC 9728, RFC 8414)",
    category: "oauth",
    statuses: "active",
    severity: "error",
    cite: rfcReference(6749, "4.1"),
    rows: [],
  },
  {
    id: "validator-syntax",
    title: "ETag is an entity tag in double quotes, Last-Modified an IMF-fixdate",
    category: "validation",
    statuses: "any",
    severity: "error",
    cite: rfcReference(9110, "8.8.3"),
    rows: [row(9110, "5.6.7", "must", "a sender generates HTTP-date timestamps in the IMF-fixdate format")],
  },
  {
    id: "validators",
    title: "A 200 to GET carries a validator (ETag or Last-Modified)",
    category: "validation",
    statuses: [200],
    severity: "info",
    cite: rfcReference(9110, "15.3.1"),
    rows: [row(9110, "15.3.1", "should", "a 200 to GET or HEAD carries the validators the origin has")],
  },
];

const byId = new Map(checkCatalogue.map((entry) => [entry.id, entry]));

/** The catalogue entry of a check id (they are fixed: an unknown id is a programming error). */
export function checkEntry(id: string): CheckEntry {
  const entry = byId.get(id);
  if (entry === undefined) throw new Error(`No check "${id}" in the catalogue.`);
  return entry;
}

/** The checks a response with this status gets (its own first, then those every response gets). */
export function checksForStatus(status: number): CheckEntry[] {
  const own = checkCatalogue.filter((entry) => typeof entry.statuses !== "string" && entry.statuses.includes(status));
  return [...own, ...checkCatalogue.filter((entry) => entry.statuses === "any")];
}

/** The sub-requests a status's page names: those that start from it or expect it. */
export function subRequestsAbout(status: number): CheckEntry[] {
  return checkCatalogue.filter((entry) => entry.about?.includes(status) === true);
}
