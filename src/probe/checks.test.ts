import { describe, expect, test } from "vitest";
import type { Exchange } from "../http/index.ts";
import { checkExchange, type CheckContext } from "./checks.ts";

const date = "Tue, 08 Dec 2026 00:00:00 GMT";

function exchange(
  status: number,
  headers: Array<[string, string]> = [],
  options: { method?: string; body?: string; request?: Array<[string, string]> } = {},
): Exchange {
  return {
    request: { method: options.method ?? "GET", url: "http://127.0.0.1:4440/thing", headers: options.request ?? [] },
    response: { status, statusText: "", headers: [["Date", date], ...headers], body: options.body ?? "" },
  };
}

const ids = (x: Exchange, context?: CheckContext) => checkExchange(x, context).findings.map((f) => f.id);

const reference = exchange(
  200,
  [
    ["Content-Type", "text/plain"],
    ["Content-Length", "5"],
    ["ETag", '"v1"'],
    ["Last-Modified", "Mon, 07 Dec 2026 00:00:00 GMT"],
    ["Cache-Control", "max-age=60"],
    ["Vary", "Accept-Encoding"],
  ],
  { body: "hello" },
);
const kept: Array<[string, string]> = [
  ["ETag", '"v1"'],
  ["Cache-Control", "max-age=60"],
  ["Vary", "Accept-Encoding"],
];

/** A 200 to HEAD with the reference's fields and `length` as its Content-Length. */
const headWithFields = (length: string) =>
  exchange(
    200,
    [
      ["Content-Length", length],
      ...kept,
      ["Content-Type", "text/plain"],
      ["Last-Modified", "Mon, 07 Dec 2026 00:00:00 GMT"],
    ],
    { method: "HEAD" },
  );

/** [what, a failing exchange, the finding it must give, its passing neighbour, the context]. */
const cases: Array<[string, Exchange, string, Exchange, CheckContext?]> = [
  ["301 without Location", exchange(301), "location-missing", exchange(301, [["Location", "/new"]])],
  ["201 without Location", exchange(201), "location-missing", exchange(201, [["Location", "/items/7"]])],
  [
    "Location with a space",
    exchange(302, [["Location", "/a b"]]),
    "location-invalid",
    exchange(302, [["Location", "/a%20b"]]),
  ],
  [
    "401 without a challenge",
    exchange(401),
    "status-401-without-www-authenticate",
    exchange(401, [["WWW-Authenticate", 'Basic realm="x"']]),
  ],
  [
    "407 without a challenge",
    exchange(407),
    "status-407-without-proxy-authenticate",
    exchange(407, [["Proxy-Authenticate", 'Basic realm="x"']]),
  ],
  [
    "Basic challenge without realm",
    exchange(401, [["WWW-Authenticate", "Basic"]]),
    "basic-realm-missing",
    exchange(401, [["WWW-Authenticate", 'Basic realm="x"']]),
  ],
  ["405 without Allow", exchange(405), "allow-missing", exchange(405, [["Allow", "GET, HEAD"]])],
  [
    "Allow that is no list of methods",
    exchange(405, [["Allow", "GET; HEAD"]]),
    "allow-invalid",
    exchange(405, [["Allow", "GET,HEAD"]]),
  ],
  ["426 without Upgrade", exchange(426), "upgrade-missing", exchange(426, [["Upgrade", "HTTP/3.0"]])],
  [
    "206 without Content-Range",
    exchange(206, [["Content-Type", "text/plain"]], { body: "h" }),
    "content-range-missing",
    exchange(
      206,
      [
        ["Content-Type", "text/plain"],
        ["Content-Range", "bytes 0-0/5"],
      ],
      { body: "h" },
    ),
  ],
  [
    "206 with last past the length",
    exchange(206, [["Content-Range", "bytes 0-5/5"]]),
    "content-range-invalid",
    exchange(206, [["Content-Range", "bytes 0-4/5"]]),
  ],
  [
    "multipart 206 with Content-Range",
    exchange(206, [
      ["Content-Type", "multipart/byteranges; boundary=x"],
      ["Content-Range", "bytes 0-0/5"],
    ]),
    "content-range-on-multipart",
    exchange(206, [["Content-Type", "multipart/byteranges; boundary=x"]]),
  ],
  [
    "416 without the length",
    exchange(416, [["Content-Range", "bytes 0-0/5"]]),
    "content-range-416-without-length",
    exchange(416, [["Content-Range", "bytes */5"]]),
  ],
  ["204 with content", exchange(204, [], { body: "x" }), "content-on-204", exchange(204)],
  ["204 with Content-Length", exchange(204, [["Content-Length", "0"]]), "content-length-on-204", exchange(204)],
  ["304 with content", exchange(304, [], { body: "x" }), "content-on-304", exchange(304)],
  [
    "304 without the 200's ETag",
    exchange(304, [
      ["Cache-Control", "max-age=60"],
      ["Vary", "Accept-Encoding"],
    ]),
    "fields-missing-on-304",
    exchange(304, kept),
    { reference },
  ],
  [
    "206 without the 200's Cache-Control",
    exchange(206, [
      ["Content-Range", "bytes 0-0/5"],
      ["ETag", '"v1"'],
      ["Vary", "Accept-Encoding"],
    ]),
    "fields-missing-on-206",
    exchange(206, [["Content-Range", "bytes 0-0/5"], ...kept]),
    { reference },
  ],
  [
    "Retry-After that is neither date nor seconds",
    exchange(429, [["Retry-After", "soon"]]),
    "retry-after-invalid",
    exchange(429, [["Retry-After", "30"]]),
  ],
  [
    "Retry-After in the asctime form",
    exchange(503, [["Retry-After", "Sun Nov  6 08:49:37 1994"]]),
    "retry-after-obsolete-date",
    exchange(503, [["Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"]]),
  ],
  ["429 without Retry-After", exchange(429), "retry-after-absent", exchange(429, [["Retry-After", "1"]])],
  ["413 without Retry-After", exchange(413), "retry-after-absent", exchange(413, [["Retry-After", "60"]])],
  [
    "HEAD with another Content-Length",
    headWithFields("6"),
    "head-content-length-differs",
    headWithFields("5"),
    { reference, active: "head" },
  ],
  [
    "HEAD without GET's fields",
    exchange(200, [["Content-Length", "5"]], { method: "HEAD" }),
    "head-fields-missing",
    headWithFields("5"),
    { reference, active: "head" },
  ],
  [
    "Content-Type that is no media type",
    exchange(
      200,
      [
        ["Content-Type", "text"],
        ["ETag", '"a"'],
      ],
      { body: "x" },
    ),
    "content-type-invalid",
    exchange(
      200,
      [
        ["Content-Type", 'text/plain; charset="utf-8"'],
        ["ETag", '"a"'],
      ],
      { body: "x" },
    ),
  ],
  [
    "content without Content-Type",
    exchange(200, [["ETag", '"a"']], { body: "x" }),
    "content-type-missing",
    exchange(200, [["ETag", '"a"']]),
  ],
  [
    "Vary that is no list of names",
    exchange(200, [
      ["Vary", "Accept Encoding"],
      ["ETag", '"a"'],
    ]),
    "vary-invalid",
    exchange(200, [
      ["Vary", "Accept, Accept-Encoding"],
      ["ETag", '"a"'],
    ]),
  ],
  [
    "304 with another Vary",
    exchange(304, [
      ["ETag", '"v1"'],
      ["Cache-Control", "max-age=60"],
      ["Vary", "Accept"],
    ]),
    "vary-inconsistent",
    exchange(304, [
      ["ETag", '"v1"'],
      ["Cache-Control", "max-age=60"],
      ["Vary", "accept-encoding"],
    ]),
    { reference },
  ],
  [
    "If-None-Match ignored",
    exchange(200, [], { request: [["If-None-Match", '"v1"']] }),
    "if-none-match-not-304",
    exchange(304, [], { request: [["If-None-Match", '"v1"']] }),
    { active: "if-none-match" },
  ],
  [
    "If-Modified-Since ignored",
    exchange(200),
    "if-modified-since-not-304",
    exchange(304),
    { active: "if-modified-since" },
  ],
  [
    "a 206 for other bytes than asked",
    exchange(206, [["Content-Range", "bytes 1-1/5"]]),
    "range-wrong-bytes",
    exchange(206, [["Content-Range", "bytes 0-0/5"]]),
    { active: "range" },
  ],
  [
    "Range ignored without Accept-Ranges: none",
    exchange(200, [["Content-Type", "text/plain"]], { body: "hello" }),
    "range-ignored",
    exchange(
      200,
      [
        ["Accept-Ranges", "none"],
        ["Content-Type", "text/plain"],
      ],
      { body: "hello" },
    ),
    { active: "range" },
  ],
  [
    "OPTIONS without Allow",
    exchange(204, [], { method: "OPTIONS" }),
    "options-without-allow",
    exchange(204, [["Allow", "GET, HEAD, OPTIONS"]], { method: "OPTIONS" }),
    { active: "options" },
  ],
  ["ETag without its quotes", exchange(200, [["ETag", "abc"]]), "etag-invalid", exchange(200, [["ETag", 'W/"abc"']])],
  [
    "Last-Modified in the asctime form",
    exchange(200, [["Last-Modified", "Sun Nov  6 08:49:37 1994"]]),
    "last-modified-invalid",
    exchange(200, [["Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT"]]),
  ],
  ["200 to GET without a validator", exchange(200), "no-validator", exchange(200, [["ETag", '"a"']])],
];

describe("each check: its failing fixture and the passing neighbour", () => {
  test.each(cases)("%s", (_what, failing, id, passing, context) => {
    expect(ids(failing, context)).toContain(id);
    expect(ids(passing, context)).not.toContain(id);
  });
});

describe("Date on every response", () => {
  test("missing on a 200 is an error; on a 500 it is allowed (RFC 9110 §6.6.1)", () => {
    const bare = (status: number): Exchange => ({
      ...exchange(status),
      response: { ...exchange(status).response, headers: [] },
    });
    expect(ids(bare(200))).toContain("date-missing");
    expect(ids(bare(500))).not.toContain("date-missing");
    // A pasted excerpt may have lost its Date: not reported there.
    expect(ids(bare(200), { excerpt: true })).not.toContain("date-missing");
  });
  test("an rfc850 or broken date is reported; the IMF-fixdate neighbour is not", () => {
    const dated = (value: string): Exchange => ({
      ...exchange(204),
      response: { ...exchange(204).response, headers: [["Date", value]] },
    });
    expect(ids(dated("Sunday, 06-Nov-94 08:49:37 GMT"))).toEqual(["date-obsolete-format"]);
    expect(ids(dated("2026-12-08T00:00:00Z"))).toEqual(["date-invalid"]);
    expect(ids(dated("Mon, 06 Nov 1994 08:49:37 GMT"))).toEqual(["date-invalid"]);
    expect(ids(dated("Sun, 06 Nov 1994 08:49:37 GMT"))).toEqual([]);
  });
});

test("every finding names its check, category and an RFC section; a clean 200 has none and says what ran", () => {
  const result = checkExchange(exchange(405));
  expect(result.findings[0]).toMatchObject({
    id: "allow-missing",
    check: "allow",
    category: "methods",
    severity: "error",
    rfc: { label: "RFC 9110 §15.5.6" },
  });
  const clean = checkExchange(reference);
  expect(clean.findings).toEqual([]);
  expect(clean.checked).toEqual(["date", "content-type", "validator-syntax", "vary", "validators"]);
});
