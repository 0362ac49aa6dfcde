import { expect, test } from "vitest";
import { digestUserhash } from "./digest.ts";

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
