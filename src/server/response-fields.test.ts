import { expect, test } from "vitest";
import { fieldName, responseFields } from "./response-fields.ts";

test("fieldName spells names as the RFCs do", () => {
  expect(
    ["content-type", "www-authenticate", "proxy-authenticate", "etag", "authentication-info", "x-request-id"].map(
      fieldName,
    ),
  ).toEqual(["Content-Type", "WWW-Authenticate", "Proxy-Authenticate", "ETag", "Authentication-Info", "X-Request-Id"]);
});

test("each Set-Cookie stays a field of its own", () => {
  const headers = new Headers([
    ["Content-Type", "application/json"],
    ["Set-Cookie", "a=1; Path=/"],
    ["Set-Cookie", "b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT"],
  ]);
  expect(responseFields(headers)).toEqual([
    "Content-Type",
    "application/json",
    "Set-Cookie",
    "a=1; Path=/",
    "Set-Cookie",
    "b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT",
  ]);
});

test("two WWW-Authenticate fields, joined by Headers, go out as two fields, each as written", () => {
  const headers = new Headers();
  headers.append("WWW-Authenticate", 'Digest realm="a, b", qop="auth", nonce="n=="');
  headers.append("WWW-Authenticate", 'Basic realm="a, b", charset="UTF-8"');
  headers.append("Proxy-Authenticate", "Basic realm=proxy, Bearer");
  expect(responseFields(headers)).toEqual([
    "Proxy-Authenticate",
    "Basic realm=proxy",
    "Proxy-Authenticate",
    "Bearer",
    "WWW-Authenticate",
    'Digest realm="a, b", qop="auth", nonce="n=="',
    "WWW-Authenticate",
    'Basic realm="a, b", charset="UTF-8"',
  ]);
});

test("a challenge list that does not parse is sent as it is", () => {
  expect(responseFields(new Headers({ "WWW-Authenticate": 'Basic realm="open' }))).toEqual([
    "WWW-Authenticate",
    'Basic realm="open',
  ]);
});
