import { expect, test } from "vitest";
import { digestResponse } from "./digest.ts";

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
  const response = await digestResponse({
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
    userhash: true,
  });
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
