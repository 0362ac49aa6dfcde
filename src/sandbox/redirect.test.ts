import { expect, test } from "vitest";
import { nextRedirect, redirectsToGet } from "./redirect.ts";

const post = {
  method: "POST",
  url: "http://lab.test/api/form",
  headers: [
    ["Content-Type", "application/json"],
    ["Accept", "*/*"],
  ] as Array<[string, string]>,
  body: "{}",
};
const response = (status: number, location?: string) => ({
  status,
  headers: location === undefined ? [] : ([["Location", location]] as Array<[string, string]>),
});

test("303 turns a POST into a GET without its body and content fields; 307 repeats method and body", () => {
  const seeOther = nextRedirect(post, response(303, "/api/done"), 0, { maxRedirects: 5 });
  expect(seeOther).toMatchObject({
    kind: "follow",
    toGet: true,
    request: { method: "GET", url: "http://lab.test/api/done", headers: [["Accept", "*/*"]] },
  });
  expect(seeOther.kind === "follow" && seeOther.request.body).toBeUndefined();
  const temporary = nextRedirect(post, response(307, "/api/again"), 0, { maxRedirects: 5 });
  expect(temporary).toMatchObject({
    kind: "follow",
    toGet: false,
    request: { ...post, url: "http://lab.test/api/again" },
  });
});

test("the Fetch standard's method rewrite: 301/302 only after a POST, 303 for all but GET and HEAD", () => {
  expect([301, 302, 303, 307, 308].map((status) => redirectsToGet(status, "POST"))).toEqual([
    true,
    true,
    true,
    false,
    false,
  ]);
  expect([redirectsToGet(302, "PUT"), redirectsToGet(303, "PUT"), redirectsToGet(303, "HEAD")]).toEqual([
    false,
    true,
    false,
  ]);
});

test("it stops where it must: no redirect, no Location, not a URL, a target the policy refuses, too many", () => {
  const get = { method: "GET", url: "http://lab.test/api/a", headers: [] };
  const policy = { maxRedirects: 2, allows: (target: URL) => target.origin === "http://lab.test" };
  expect(nextRedirect(get, response(304, "/api/b"), 0, policy).kind).toBe("final");
  expect(nextRedirect(get, response(200), 0, policy).kind).toBe("final");
  expect(nextRedirect(get, response(302), 0, policy).kind).toBe("no-location");
  expect(nextRedirect(get, response(302, "http://[::1"), 0, policy).kind).toBe("not-a-url");
  expect(nextRedirect(get, response(302, "http://elsewhere.test/"), 0, policy).kind).toBe("not-allowed");
  expect(nextRedirect(get, response(302, "/api/b"), 2, policy).kind).toBe("too-many");
  expect(nextRedirect(get, response(302, "/api/b"), 1, policy).kind).toBe("follow");
});
