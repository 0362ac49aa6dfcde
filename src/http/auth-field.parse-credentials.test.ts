import fc from "fast-check";
import { expect, test } from "vitest";
import { parseCredentials } from "./auth-field.ts";
import { expectGrammarError } from "./test-support.ts";

test("Basic credentials are a token68 (RFC 7617 §2)", () => {
  expect(parseCredentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).toEqual({
    ok: true,
    credentials: { scheme: "Basic", params: {}, token68: "QWxhZGRpbjpvcGVuIHNlc2FtZQ==" },
  });
});

test("Digest credentials are parameters, empty list elements allowed", () => {
  expect(parseCredentials('Digest username="Mufasa",, realm="r" , nc=00000001,')).toEqual({
    ok: true,
    credentials: { scheme: "Digest", params: { username: "Mufasa", realm: "r", nc: "00000001" } },
  });
});

test("a bare scheme is credentials without data", () => {
  expect(parseCredentials("  Negotiate ")).toEqual({ ok: true, credentials: { scheme: "Negotiate", params: {} } });
});

test.each([
  ["", 0, "empty"],
  ["   ", 3, "empty"],
  ["Basic abc, Bearer xyz", 9, "end of the field"],
  ['Digest a="1", Basic xyz', 20, "single scheme"],
  [", Basic abc", 0, "scheme"],
  ["Basic,", 5, "end of the field"],
  ["Basic abc ,", 10, "end of the field"],
  ['Digest a="1", a="2"', 14, "second time"],
])("one field carries one set of credentials: %j at offset %i, saying %s", (value, offset, words) => {
  expectGrammarError(parseCredentials(value), offset, words);
});

test("never throws", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (value) => {
      expect(typeof parseCredentials(value).ok).toBe("boolean");
    }),
    { numRuns: 2000 },
  );
});
