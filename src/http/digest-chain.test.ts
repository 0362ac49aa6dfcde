import { expect, test } from "vitest";
import { digestChain } from "./digest.ts";

const input = {
  algorithm: "MD5",
  username: "Mufasa",
  password: "Circle of Life",
  realm: "http-auth@example.org",
  method: "GET",
  uri: "/dir/index.html",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
  nc: "00000001",
  qop: "auth",
};

test("shows every step of RFC 7616 §3.4.1 for the §3.9.1 example", () => {
  const chain = digestChain(input);
  expect(chain.ha1Input).toBe("Mufasa:http-auth@example.org:Circle of Life");
  expect(chain.ha1).toBe("3d78807defe7de2157e2b0b6573a855f");
  expect(chain.ha2Input).toBe("GET:/dir/index.html");
  expect(chain.ha2).toBe("39aff3a2bab6126f332b942af96d3366");
  expect(chain.responseInput).toBe(`${chain.ha1}:${input.nonce}:00000001:${input.cnonce}:auth:${chain.ha2}`);
  expect(chain.response).toBe("8ca523f5e9506fed4657c9700eebdbec");
});

test("-sess puts H(user:realm:password), nonce and cnonce into A1 (RFC 7616 §3.4.2)", () => {
  const plain = digestChain(input);
  const sess = digestChain({ ...input, algorithm: "MD5-sess" });
  expect(sess.ha1Input).toBe(`${plain.ha1}:${input.nonce}:${input.cnonce}`);
});

test("auth-int adds H(entity-body) to A2 (RFC 7616 §3.4.3), the empty body when none is given", () => {
  expect(digestChain({ ...input, qop: "auth-int" }).ha2Input).toBe(
    "GET:/dir/index.html:d41d8cd98f00b204e9800998ecf8427e",
  );
});

test("without qop the RFC 2069 form leaves out nc, cnonce and qop", () => {
  const chain = digestChain({ ...input, qop: "" });
  expect(chain.responseInput).toBe(`${chain.ha1}:${input.nonce}:${chain.ha2}`);
});

test("refuses incomplete or unknown input", () => {
  expect(() => digestChain({ ...input, algorithm: "SHA-1" })).toThrow("SHA-1");
  expect(() => digestChain({ ...input, qop: "auth-conf" })).toThrow("auth-conf");
  expect(() => digestChain({ ...input, cnonce: "" })).toThrow("cnonce is required with qop=auth");
  expect(() => digestChain({ ...input, qop: "", cnonce: "", algorithm: "MD5-sess" })).toThrow(
    "cnonce is required with MD5-sess",
  );
  expect(() => digestChain({ ...input, nc: "1" })).toThrow("8 hex digits");
});
