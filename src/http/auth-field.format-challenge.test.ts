import fc from "fast-check";
import { expect, test } from "vitest";
import type { Challenge } from "./auth-field.ts";
import { formatChallenge } from "./auth-field.ts";
import { formatChallenges } from "./auth-field.ts";
import { parseChallenges } from "./auth-field.ts";

test("quotes only where needed, and always realm (RFC 9110 §11.5)", () => {
  expect(formatChallenge({ scheme: "Newauth", params: { realm: "apps", type: "1", title: 'Login to "apps"' } })).toBe(
    'Newauth realm="apps", type=1, title="Login to \\"apps\\""',
  );
});

test("escapes backslash and double quote with a quoted-pair", () => {
  expect(formatChallenge({ scheme: "X", params: { a: 'back\\slash "q"', b: "" } })).toBe(
    'X a="back\\\\slash \\"q\\"", b=""',
  );
});

test("Basic quotes charset as RFC 7617 §2.1 writes it", () => {
  expect(formatChallenge({ scheme: "Basic", params: { realm: "foo", charset: "UTF-8" } })).toBe(
    'Basic realm="foo", charset="UTF-8"',
  );
});

test("Bearer attributes are quoted as in RFC 6750 §3", () => {
  expect(
    formatChallenge({
      scheme: "Bearer",
      params: { realm: "example", error: "invalid_token", error_description: "The access token expired" },
    }),
  ).toBe('Bearer realm="example", error="invalid_token", error_description="The access token expired"');
});

test("Digest quotes realm, nonce, opaque and qop but not algorithm (RFC 7616 §3.3)", () => {
  expect(
    formatChallenge({
      scheme: "Digest",
      params: { realm: "r", qop: "auth", algorithm: "SHA-256", nonce: "n", opaque: "o", stale: "true" },
    }),
  ).toBe('Digest realm="r", qop="auth", algorithm=SHA-256, nonce="n", opaque="o", stale=true');
});

test("token68 and bare schemes", () => {
  expect(formatChallenge({ scheme: "Negotiate", params: {}, token68: "abc==" })).toBe("Negotiate abc==");
  expect(formatChallenge({ scheme: "Negotiate", params: {} })).toBe("Negotiate");
});

test("parameter names are written lower-case", () => {
  expect(formatChallenge({ scheme: "Basic", params: { Realm: "x" } })).toBe('Basic realm="x"');
});

test("refuses, with a sentence, what no field can carry", () => {
  const cases: Array<[Challenge, string]> = [
    [{ scheme: "Basic", params: { realm: "line\r\nbreak" } }, "carriage return"],
    [{ scheme: "Basic", params: { realm: "€uro" } }, "U+20AC"],
    [{ scheme: "Bad scheme", params: {} }, "not a token"],
    [{ scheme: "X", params: { "bad name": "v" } }, "not a token"],
    [{ scheme: "X", params: { a: "1", A: "2" } }, "twice"],
    [{ scheme: "X", params: { a: "1" }, token68: "abc" }, "both"],
    [{ scheme: "X", params: {}, token68: "a=b" }, "token68"],
    [{ scheme: "X", params: { a: `${"x".repeat(50)}\u0000` } }, "…"],
  ];
  for (const [challenge, words] of cases) expect(() => formatChallenge(challenge), words).toThrow(words);
});

test("formatChallenges joins several challenges into one field value", () => {
  const challenges: Challenge[] = [
    { scheme: "Basic", params: { realm: "x" } },
    { scheme: "Negotiate", params: {} },
    { scheme: "Foo", params: {}, token68: "t==" },
  ];
  expect(formatChallenges(challenges)).toBe('Basic realm="x", Negotiate, Foo t==');
  expect(parseChallenges(formatChallenges(challenges))).toEqual({ ok: true, challenges });
});

const tchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...tchars), minLength: 1, maxLength: 12 });
const latin1Printable = fc.oneof(
  fc.constantFrom("\t", '"', "\\", " ", ",", "=", "é", "\u00ff", "\u0080"),
  fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
);
const token68 = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(..."abcXYZ019-._~+/"), minLength: 1, maxLength: 20 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([body, padding]) => body + "=".repeat(padding));
const params = fc
  .uniqueArray(
    fc.tuple(
      token.map((name) => name.toLowerCase()),
      fc.string({ unit: latin1Printable, maxLength: 20 }),
    ),
    { selector: ([name]) => name, maxLength: 6 },
  )
  .map((entries) => Object.fromEntries(entries));
const challenge: fc.Arbitrary<Challenge> = fc.oneof(
  fc.record({ scheme: token, params }),
  fc.record({ scheme: token, params: fc.constant({}), token68 }),
  fc.record({ scheme: fc.constantFrom("Basic", "Bearer", "Digest", "basic", "DIGEST"), params }),
);

test("parse(format(x)) gives x back for every representable challenge list", () => {
  fc.assert(
    fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), (challenges) => {
      expect(parseChallenges(formatChallenges(challenges))).toEqual({ ok: true, challenges });
    }),
    { numRuns: 3000 },
  );
});

test("schemes and names that are Object.prototype keys are plain data", () => {
  const challenges: Challenge[] = [
    { scheme: "constructor", params: { toString: "x" } },
    { scheme: "__proto__", params: {}, token68: "a" },
  ];
  expect(formatChallenges(challenges)).toBe("constructor tostring=x, __proto__ a");
});
