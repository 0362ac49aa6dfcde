/** The pure parts of the explorer and the sidebar, built from the registry data. */
import { expect, test } from "vitest";
import { explorerGroups } from "../../src/data/status-explorer-groups.ts";
import { matchCountMessage, matchesStatusQuery } from "../../src/data/status-filter.ts";
import { statusSidebar } from "../../src/data/status-sidebar.ts";
import { statusClassOf } from "../../src/data/status-classes.ts";

const page = (code: number, reasonPhrase: string, standing = "standard", summary = "") => ({
  code,
  reasonPhrase,
  standing,
  summary,
});

test("digits match codes that start with them", () => {
  expect(matchesStatusQuery("40", "404", "")).toBe(true);
  expect(matchesStatusQuery("40", "410", "")).toBe(false);
  expect(matchesStatusQuery("40", "140", "the 40 in the text does not count")).toBe(false);
  expect(matchesStatusQuery(" 4 ", "451", "")).toBe(true);
});

test("a class written as 4xx or 30x matches by its digits", () => {
  expect(matchesStatusQuery("4xx", "418", "")).toBe(true);
  expect(matchesStatusQuery("4XX", "500", "")).toBe(false);
  expect(matchesStatusQuery("30x", "307", "")).toBe(true);
});

test("words must all occur in the text, ignoring case", () => {
  const text = "308 permanent redirect the resource has a new permanent uri";
  expect(matchesStatusQuery("Redirect", "308", text)).toBe(true);
  expect(matchesStatusQuery("permanent uri", "308", text)).toBe(true);
  expect(matchesStatusQuery("permanent cache", "308", text)).toBe(false);
});

test("an empty query matches everything", () => {
  expect(matchesStatusQuery("", "100", "")).toBe(true);
  expect(matchesStatusQuery("   ", "526", "")).toBe(true);
});

test("the live region counts what is visible", () => {
  expect(matchCountMessage(73, 73)).toBe("All 73 codes shown");
  expect(matchCountMessage(10, 73)).toBe("10 codes match");
  expect(matchCountMessage(1, 73)).toBe("1 code matches");
  expect(matchCountMessage(0, 73)).toBe("No codes match");
});

test("the explorer groups pages by class in code order, with badges only where they warn", () => {
  const groups = explorerGroups([
    page(404, "Not Found"),
    page(305, "Use Proxy", "deprecated"),
    page(200, "OK"),
    page(301, "Moved Permanently"),
  ]);
  expect(groups.map((group) => group.title)).toEqual(["2xx Successful", "3xx Redirection", "4xx Client error"]);
  expect(groups[1]?.entries.map((entry) => entry.code)).toEqual([301, 305]);
  expect(groups[1]?.entries.map((entry) => entry.badge?.text)).toEqual([undefined, "deprecated"]);
});

test("the explorer's filter text includes older names and the product behind unofficial codes", () => {
  const [clientErrors] = explorerGroups([
    page(418, "(Unused)", "unused"),
    page(499, "Client Closed Request", "unofficial"),
  ]);
  const teapot = clientErrors?.entries.find((entry) => entry.code === 418);
  const nginx = clientErrors?.entries.find((entry) => entry.code === 499);
  expect(teapot?.filterText).toContain("teapot");
  expect(nginx?.filterText).toContain("nginx");
  expect(nginx?.badge).toEqual({ text: "unofficial", variant: "note" });
});

test("the sidebar lists only codes that have a page, grouped by class, unofficial codes last", () => {
  const have = new Set([100, 204, 305, 401, 444, 520]);
  const groups = statusSidebar((code) => have.has(code));
  expect(groups.map((group) => group.label)).toEqual([
    "1xx Informational",
    "2xx Successful",
    "3xx Redirection",
    "4xx Client error",
    "Unofficial codes",
  ]);
  expect(groups.flatMap((group) => group.items.map((item) => item.link))).toEqual([
    "/status/100/",
    "/status/204/",
    "/status/305/",
    "/status/401/",
    "/status/444/",
    "/status/520/",
  ]);
  expect(groups[2]?.items[0]).toEqual({
    label: "305 Use Proxy",
    link: "/status/305/",
    badge: { text: "deprecated", variant: "caution" },
  });
  expect(groups[3]?.items[0]).toEqual({ label: "401 Unauthorized", link: "/status/401/" });
  // Unofficial codes carry no badge each: their group's name says it once.
  expect(groups[4]?.items).toEqual([
    { label: "444 No Response", link: "/status/444/" },
    { label: "520 Web Server Returned an Unknown Error", link: "/status/520/" },
  ]);
});

test("the class of a code is its first digit", () => {
  expect(statusClassOf(103)).toBe("1xx");
  expect(statusClassOf(526)).toBe("5xx");
  expect(() => statusClassOf(99)).toThrow(RangeError);
  expect(() => statusClassOf(600)).toThrow(RangeError);
  expect(() => statusClassOf(1000)).toThrow(RangeError);
});

test("the words people type find the code they mean, and not unrelated ones", () => {
  const groups = explorerGroups([
    page(304, "Not Modified"),
    page(401, "Unauthorized"),
    page(404, "Not Found"),
    page(429, "Too Many Requests"),
    page(504, "Gateway Timeout"),
    page(418, "(Unused)", "unused"),
  ]);
  const find = (query: string) =>
    groups
      .flatMap((group) => group.entries)
      .filter((entry) => matchesStatusQuery(query, String(entry.code), entry.filterText))
      .map((entry) => entry.code);
  // 404 is heuristically cacheable (RFC 9110 §15.1); 401 and 429 are not.
  expect(find("cache")).toEqual([304, 404, 504]);
  expect(find("caching")).toEqual([304, 404, 504]);
  expect(find("rate limit")).toEqual([429]);
  expect(find("login")).toEqual([401]);
  expect(find("teapot")).toEqual([418]);
  expect(find("timeouts")).toEqual([504]);
  expect(find("not found")).toEqual([404]);
  expect(find("rate cache")).toEqual([]);
});

test("a word matches at the start of a word of the text, never inside one", () => {
  const text = "207 multi-status a separate status for each of several resources";
  expect(matchesStatusQuery("rate", "207", text)).toBe(false);
  expect(matchesStatusQuery("rate", "429", "429 too many requests rate limit")).toBe(true);
  expect(matchesStatusQuery("sep", "207", text)).toBe(true);
  expect(matchesStatusQuery("status", "207", text)).toBe(true);
  expect(matchesStatusQuery("auth", "401", "401 unauthorized www-authenticate")).toBe(true);
  expect(matchesStatusQuery("auth", "404", "404 not found unauthenticated clients")).toBe(false);
  expect(matchesStatusQuery("limits", "413", "413 content too large size limit")).toBe(true);
});

test("cache, redirect, auth and limit questions find their codes among every page", () => {
  const codes = [
    200, 201, 203, 204, 206, 207, 226, 300, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 407, 408, 410, 413,
    414, 429, 431, 500, 501, 503, 504, 511,
  ];
  const groups = explorerGroups(codes.map((code) => page(code, "", "standard", "")));
  const find = (query: string) =>
    groups
      .flatMap((group) => group.entries)
      .filter((entry) => matchesStatusQuery(query, String(entry.code), entry.filterText))
      .map((entry) => entry.code);
  expect(find("cache")).toEqual([203, 204, 206, 226, 300, 301, 304, 308, 404, 405, 410, 414, 501, 504]);
  expect(find("redirect")).toEqual([300, 301, 302, 303, 307, 308]);
  expect(find("auth")).toEqual([401, 403, 407, 511]);
  expect(find("limit")).toEqual([413, 414, 429, 431]);
});
