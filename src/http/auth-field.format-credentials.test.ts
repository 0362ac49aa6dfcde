import { expect, test } from "vitest";
import { formatCredentials } from "./auth-field.ts";
import { parseCredentials } from "./auth-field.ts";

test("Digest credentials quote what RFC 7616 §3.4 says and leave algorithm, nc and qop bare", () => {
  const credentials = {
    scheme: "Digest",
    params: {
      username: "Mufasa",
      realm: "r",
      uri: "/",
      algorithm: "MD5",
      nonce: "n",
      nc: "00000001",
      cnonce: "c",
      qop: "auth",
      response: "abc",
      opaque: "o",
    },
  };
  const value = formatCredentials(credentials);
  expect(value).toBe(
    'Digest username="Mufasa", realm="r", uri="/", algorithm=MD5, nonce="n", nc=00000001, cnonce="c", qop=auth, response="abc", opaque="o"',
  );
  expect(parseCredentials(value)).toEqual({ ok: true, credentials });
});

test("token68 credentials", () => {
  expect(formatCredentials({ scheme: "Basic", params: {}, token68: "QWxhZGRpbjpvcGVuIHNlc2FtZQ==" })).toBe(
    "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
  );
});
