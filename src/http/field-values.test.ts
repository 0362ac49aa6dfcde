import { expect, test } from "vitest";
import {
  parseCacheControl,
  parseContentRange,
  parseHttpDate,
  parseMediaType,
  parseRetryAfter,
  parseTokenList,
} from "./field-values.ts";

test("HTTP-date: the three forms of RFC 9110 §5.6.7 read as the same moment; a wrong day name or date is not one", () => {
  const moment = Date.UTC(1994, 10, 6, 8, 49, 37);
  expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toEqual({ time: moment, format: "IMF-fixdate" });
  expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", Date.UTC(2026, 0, 1))).toEqual({
    time: moment,
    format: "rfc850-date",
  });
  expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toEqual({ time: moment, format: "asctime-date" });
  expect(parseHttpDate("Mon, 06 Nov 1994 08:49:37 GMT")).toBeUndefined();
  expect(parseHttpDate("Sun, 31 Nov 1994 08:49:37 GMT")).toBeUndefined();
  expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC")).toBeUndefined();
  expect(parseHttpDate("1994-11-06T08:49:37Z")).toBeUndefined();
});

test("Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), nothing else", () => {
  expect(parseRetryAfter("120")).toEqual({ kind: "delay", seconds: 120 });
  expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT")).toMatchObject({ kind: "date", format: "IMF-fixdate" });
  expect(parseRetryAfter("-1")).toBeUndefined();
  expect(parseRetryAfter("1.5")).toBeUndefined();
});

test("Content-Range (RFC 9110 §14.4): a range, an unknown length, an unsatisfied range; impossible numbers refused", () => {
  expect(parseContentRange("bytes 0-0/5")).toEqual({ kind: "range", unit: "bytes", first: 0, last: 0, complete: 5 });
  expect(parseContentRange("bytes 2-4/*")).toMatchObject({ kind: "range", complete: undefined });
  expect(parseContentRange("bytes */5")).toEqual({ kind: "unsatisfied", unit: "bytes", complete: 5 });
  expect(parseContentRange("bytes 4-2/5")).toBeUndefined();
  expect(parseContentRange("bytes 0-5/5")).toBeUndefined();
  expect(parseContentRange("bytes=0-0/5")).toBeUndefined();
});

test("media type (RFC 9110 §8.3.1): type/subtype and token or quoted parameters", () => {
  expect(parseMediaType('Text/HTML; charset="utf-8"; q=x')).toEqual({
    type: "text/html",
    parameters: [
      ["charset", '"utf-8"'],
      ["q", "x"],
    ],
  });
  expect(parseMediaType('multipart/mixed; boundary="a;b"')?.parameters).toEqual([["boundary", '"a;b"']]);
  expect(parseMediaType("text")).toBeUndefined();
  expect(parseMediaType("text/plain; charset")).toBeUndefined();
  expect(parseMediaType("text/plain; charset=utf 8")).toBeUndefined();
});

test("token lists and Cache-Control directives", () => {
  expect(parseTokenList("GET, HEAD,,OPTIONS")).toEqual(["GET", "HEAD", "OPTIONS"]);
  expect(parseTokenList("GET HEAD")).toBeUndefined();
  const directives = parseCacheControl('public, Max-Age=60, no-cache="Set-Cookie, X"');
  expect([...directives]).toEqual([
    ["public", ""],
    ["max-age", "60"],
    ["no-cache", "Set-Cookie, X"],
  ]);
});
