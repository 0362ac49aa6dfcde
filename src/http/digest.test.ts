import { expect, test } from "vitest";
import { digestAlgorithm, digestAuthorization, digestChain, digestResponse, digestUserhash } from "./digest.ts";

/** RFC 7616 §3.9.1's example. */
const mufasa = {
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

/** RFC 7616 §3.9.2's example (SHA-512-256 as erratum 4897 corrects it). */
const doe = {
  algorithm: "SHA-512-256",
  username: "J\u00e4s\u00f8n Doe",
  password: "Secret, or not?",
  realm: "api@example.org",
  method: "GET",
  uri: "/doe.json",
  nonce: "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
  cnonce: "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
  nc: "00000001",
  qop: "auth",
  opaque: "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS",
};

test("names are case-insensitive and canonicalised; empty is MD5", () => {
  expect(digestAlgorithm("sha-512-256-SESS")?.name).toBe("SHA-512-256-sess");
  expect(digestAlgorithm("")?.name).toBe("MD5");
  expect(digestAlgorithm("SHA-1")).toBeUndefined();
  expect(digestAlgorithm("-sess")).toBeUndefined();
});

test("SHA-512-256 is SHA-512/256 (FIPS 180-4), not truncated SHA-512", () => {
  // FIPS 180-4 example: SHA-512/256("abc")
  expect(digestAlgorithm("SHA-512-256")?.hash("abc")).toBe(
    "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
  );
  expect(digestAlgorithm("MD5")?.hash("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
});

const input = { ...mufasa, algorithm: "MD5" };

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

test("RFC 7616 §3.9.1: MD5", async () => {
  expect(await digestResponse({ ...mufasa, algorithm: "MD5" })).toBe("8ca523f5e9506fed4657c9700eebdbec");
});

test("RFC 7616 §3.9.1: SHA-256, algorithm name in any case", async () => {
  expect(await digestResponse({ ...mufasa, algorithm: "SHA-256" })).toBe(
    "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
  );
  expect(await digestResponse({ ...mufasa, algorithm: "sha-256" })).toBe(
    "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
  );
});

test("RFC 7616 §3.9.2 as corrected by erratum 4897: SHA-512-256 with a UTF-8 user name and userhash", async () => {
  const response = await digestResponse({ ...doe, userhash: true });
  // The RFC prints ae66e67d…; SHA-512/256 proper (FIPS 180-4) gives the erratum's value, also
  // computed independently with Python's hashlib.new("sha512_256").
  expect(response).toBe("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5");
});

test("-sess forms, auth-int and the RFC 2069 form without qop (values computed with Python's hashlib)", async () => {
  const expected: Array<[string, Partial<typeof mufasa> & { entityBody?: string }, string]> = [
    ["MD5-sess", {}, "e783283f46242139c486a698fec7211d"],
    ["SHA-256-sess", {}, "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"],
    ["SHA-512-256-sess", {}, "3f2a34f923c38b0fb26dce2fdfc2ce326c23cecf86fbb1444f3e51fbbc2cb92e"],
    [
      "MD5",
      { qop: "auth-int", method: "POST", nc: "00000002", entityBody: '{"a":1}' },
      "d409bccba7733a91cae74c045ff546d7",
    ],
    [
      "SHA-256",
      { qop: "auth-int", method: "POST", nc: "00000002", entityBody: '{"a":1}' },
      "80cc0fe81f1fb7e21de78754ca9b815d5e75ed91d48ed8f039be9da01f18a66a",
    ],
    [
      "SHA-512-256",
      { qop: "auth-int", method: "POST", nc: "00000002", entityBody: '{"a":1}' },
      "f0b50ed8f5048952ca91d45de74546ac47c2241eda2dfa6b056d7e8be4fa2981",
    ],
    ["MD5", { qop: "" }, "7b2cc3b30e75b4777ea31027084363fd"],
    ["SHA-256", { qop: "" }, "a1306b0595a6c7fe96c448631fb5cfbd5107bd1fe1da729d978dd7446b812363"],
    ["SHA-512-256", { qop: "" }, "93e9122020ea0624d2ca801426d5bfbeb93d10ff4cc24cb410af3920fa4730e7"],
  ];
  for (const [algorithm, changes, response] of expected) {
    expect(await digestResponse({ ...mufasa, ...changes, algorithm }), `${algorithm} ${JSON.stringify(changes)}`).toBe(
      response,
    );
  }
});

test("rejects unusable input with a sentence", async () => {
  await expect(digestResponse({ ...mufasa, algorithm: "SHA-1" })).rejects.toThrow("not one of MD5");
});

test("RFC 7616 §3.9.2 (erratum 4897): the userhash of Jäsøn Doe", () => {
  expect(digestUserhash("J\u00e4s\u00f8n Doe", "api@example.org", "SHA-512-256")).toBe(
    "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b",
  );
  expect(digestUserhash("J\u00e4s\u00f8n Doe", "api@example.org", "SHA-512-256-sess")).toBe(
    "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b",
  );
});

test("unknown algorithm", () => {
  expect(() => digestUserhash("u", "r", "SHA-1")).toThrow(RangeError);
});

test("RFC 7616 §3.9.1: the MD5 Authorization field, parameter for parameter", async () => {
  expect(
    await digestAuthorization({ ...mufasa, algorithm: "MD5", opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS" }),
  ).toBe(
    'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  );
});

test("RFC 7616 §3.9.2 (erratum 4897): userhash replaces the name", async () => {
  const value = await digestAuthorization({ ...doe, userhash: true });
  expect(value).toContain('username="793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b"');
  expect(value).toContain('response="3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5"');
  expect(value).toMatch(/, userhash=true$/);
});

test("RFC 7616 §3.4.4: a non-ASCII name without userhash goes in username*", async () => {
  const value = await digestAuthorization(doe);
  expect(value).toMatch(/^Digest username\*=UTF-8''J%C3%A4s%C3%B8n%20Doe, /);
  expect(value).toContain('response="3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5"');
});

test("without qop: no nc or qop, cnonce only if given", async () => {
  const value = await digestAuthorization({ ...doe, algorithm: "MD5", username: "u", qop: "", cnonce: "" });
  expect(value).not.toMatch(/nc=|qop=|cnonce=/);
  expect(await digestAuthorization({ ...doe, algorithm: "MD5-sess", username: "u", qop: "" })).toContain(
    'cnonce="NTg6',
  );
});
