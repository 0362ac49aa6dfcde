import { expect, test } from "vitest";
import { freshnessOf } from "./freshness.ts";

const date = ["Date", "Tue, 08 Dec 2026 00:00:00 GMT"] as const;
const response = (status: number, ...headers: Array<readonly [string, string]>) => ({
  status,
  headers: [date, ...headers],
});

test("explicit: s-maxage before max-age before Expires minus Date (RFC 9111 §4.2.1)", () => {
  expect(freshnessOf(response(200, ["Cache-Control", "max-age=60, s-maxage=600"]))).toMatchObject({
    lifetimeSeconds: 600,
    source: "s-maxage",
  });
  expect(
    freshnessOf(response(200, ["Cache-Control", "max-age=60"], ["Expires", "Wed, 09 Dec 2026 00:00:00 GMT"])),
  ).toMatchObject({ lifetimeSeconds: 60, source: "max-age" });
  expect(freshnessOf(response(200, ["Expires", "Wed, 09 Dec 2026 00:00:00 GMT"]))).toMatchObject({
    lifetimeSeconds: 86_400,
    source: "expires",
  });
  expect(freshnessOf(response(200, ["Expires", "0"]))).toMatchObject({
    lifetimeSeconds: 0,
    source: "expires",
    rfc: { label: "RFC 9111 §5.3" },
  });
});

test("heuristic: 10% of the time since Last-Modified, only for a code cacheable by default (RFC 9111 §4.2.2)", () => {
  const lastModified = ["Last-Modified", "Sat, 28 Nov 2026 00:00:00 GMT"] as const;
  expect(freshnessOf(response(200, lastModified))).toMatchObject({ lifetimeSeconds: 86_400, source: "heuristic" });
  // Modified in the second it was sent: a lifetime of 0, still a heuristic one.
  expect(freshnessOf(response(200, ["Last-Modified", date[1]]))).toMatchObject({
    lifetimeSeconds: 0,
    source: "heuristic",
  });
  expect(freshnessOf(response(302, lastModified))).toMatchObject({ lifetimeSeconds: undefined, source: "none" });
  expect(freshnessOf(response(302, lastModified, ["Cache-Control", "public"]))).toMatchObject({ source: "heuristic" });
});

test("no-store: not stored; no-cache: a lifetime, validated each time", () => {
  expect(freshnessOf(response(200, ["Cache-Control", "no-store, max-age=60"]))).toMatchObject({
    source: "no-store",
    lifetimeSeconds: undefined,
  });
  expect(freshnessOf(response(200, ["Cache-Control", "no-cache, max-age=60"]))).toMatchObject({
    source: "max-age",
    validateEachTime: true,
  });
});
