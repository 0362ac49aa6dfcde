import { expect, test } from "vitest";
import { digestAuthorization } from "./digest.ts";

test("RFC 7616 §3.9.1: the MD5 Authorization field, parameter for parameter", async () => {
  expect(
    await digestAuthorization({
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
      opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
    }),
  ).toBe(
    'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  );
});

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
