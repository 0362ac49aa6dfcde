import fc from "fast-check";
import { expect, test } from "vitest";
import { parseChallenges, type Challenge } from "./auth-field.ts";
import { expectGrammarError } from "./test-support.ts";

/** The parse of a field that holds one challenge. */
const only = (challenge: Challenge) => ({ ok: true, challenges: [challenge] });

test("RFC 9110 §11.6.1 example: two challenges, quoted-pair unescaped, names lower-cased", () => {
  expect(parseChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"')).toEqual({
    ok: true,
    challenges: [
      { scheme: "Newauth", params: { realm: "apps", type: "1", title: 'Login to "apps"' } },
      { scheme: "Basic", params: { realm: "simple" } },
    ],
  });
});

test("RFC 7617 §2.1 example with charset", () => {
  expect(parseChallenges('Basic realm="foo", charset="UTF-8"')).toEqual(
    only({ scheme: "Basic", params: { realm: "foo", charset: "UTF-8" } }),
  );
});

test("RFC 6750 §3 example", () => {
  expect(
    parseChallenges('Bearer realm="example", error="invalid_token", error_description="The access token expired"'),
  ).toEqual({
    ok: true,
    challenges: [
      {
        scheme: "Bearer",
        params: { realm: "example", error: "invalid_token", error_description: "The access token expired" },
      },
    ],
  });
});

test("RFC 7616 §3.9.1 example: two Digest challenges, and parameter names in any case", () => {
  const value =
    'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Digest REALM="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
  const result = parseChallenges(value);
  expect(
    result.ok && result.challenges.map((c) => [c.scheme, c.params["algorithm"], c.params["realm"], c.params["qop"]]),
  ).toEqual([
    ["Digest", "SHA-256", "http-auth@example.org", "auth, auth-int"],
    ["Digest", "MD5", "http-auth@example.org", "auth, auth-int"],
  ]);
});

test("the scheme keeps the case it was written in", () => {
  expect(parseChallenges("bAsIc realm=x")).toEqual(only({ scheme: "bAsIc", params: { realm: "x" } }));
});

test("empty list elements and surrounding whitespace are ignored (RFC 9110 §5.6.1.2)", () => {
  expect(parseChallenges(' , ,Basic realm="x" ,, , Bearer , ')).toEqual({
    ok: true,
    challenges: [
      { scheme: "Basic", params: { realm: "x" } },
      { scheme: "Bearer", params: {} },
    ],
  });
  expect(parseChallenges("")).toEqual({ ok: true, challenges: [] });
  expect(parseChallenges(" \t ")).toEqual({ ok: true, challenges: [] });
});

test("schemes without parameters, one after another", () => {
  expect(parseChallenges("Negotiate, NTLM,Basic")).toEqual({
    ok: true,
    challenges: [
      { scheme: "Negotiate", params: {} },
      { scheme: "NTLM", params: {} },
      { scheme: "Basic", params: {} },
    ],
  });
});

test("token68 with padding, and a token68 that is a bare token", () => {
  expect(parseChallenges("Negotiate a87421000492aa874209af8bc028==, Foo abc, Bar x/y+z=")).toEqual({
    ok: true,
    challenges: [
      { scheme: "Negotiate", params: {}, token68: "a87421000492aa874209af8bc028==" },
      { scheme: "Foo", params: {}, token68: "abc" },
      { scheme: "Bar", params: {}, token68: "x/y+z=" },
    ],
  });
});

test("abc= alone is a token68, abc=def is a parameter", () => {
  expect(parseChallenges("Basic realm= ,")).toEqual(only({ scheme: "Basic", params: {}, token68: "realm=" }));
  expect(parseChallenges("Foo abc=")).toEqual(only({ scheme: "Foo", params: {}, token68: "abc=" }));
  expect(parseChallenges("Foo abc=, Bar")).toEqual({
    ok: true,
    challenges: [
      { scheme: "Foo", params: {}, token68: "abc=" },
      { scheme: "Bar", params: {} },
    ],
  });
  expect(parseChallenges("Foo abc=def")).toEqual(only({ scheme: "Foo", params: { abc: "def" } }));
});

test("BWS around = is allowed in parameters (RFC 9110 §11.2)", () => {
  expect(parseChallenges('Foo a = b, c\t=\t"d"')).toEqual(only({ scheme: "Foo", params: { a: "b", c: "d" } }));
});

test("a space then a comma after the scheme opens its parameter list with an empty element", () => {
  expect(parseChallenges('Basic , realm="x"')).toEqual(only({ scheme: "Basic", params: { realm: "x" } }));
});

test("quoted strings keep tabs, spaces, obs-text and escaped characters", () => {
  expect(parseChallenges('X a="\t é \\\\ \\a", b=""')).toEqual(
    only({ scheme: "X", params: { a: "\t é \\ a", b: "" } }),
  );
});

test("a parameter named __proto__ is kept as data", () => {
  const result = parseChallenges('X __proto__="p", constructor=c');
  expect(result.ok && Object.entries(result.challenges[0]?.params ?? {})).toEqual([
    ["__proto__", "p"],
    ["constructor", "c"],
  ]);
});

test("a missing = reports the character after the parameter name", () => {
  expect(parseChallenges('Basic realm"x"')).toEqual({
    ok: false,
    error: { message: 'Expected "=" after the parameter name "realm" at character 12, found """.', offset: 11 },
  });
  expect(parseChallenges('Basic realm="x", charset "UTF-8"')).toEqual({
    ok: false,
    error: { message: 'Expected "=" after the parameter name "charset" at character 26, found """.', offset: 25 },
  });
});

test("a duplicated parameter is an error at its second occurrence (RFC 9110 §11.2)", () => {
  const result = parseChallenges('Basic realm="a", REALM="b"');
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.offset).toBe(17);
    expect(result.error.message).toContain('"realm"');
    expect(result.error.message).toContain("§11.2");
  }
});

test("the same name in two different challenges is fine", () => {
  expect(parseChallenges('Basic realm="a", Bearer realm="b"').ok).toBe(true);
});

test("a token68 followed by parameters is an error", () => {
  const result = parseChallenges("Foo abc==, realm=x");
  expect(result).toMatchObject({ ok: false, error: { offset: 11 } });
  if (!result.ok) expect(result.error.message).toContain("token68");
});

test.each([
  ['Basic realm="x', 14, "closing"],
  ['Basic realm="a\u0001b"', 14, "U+0001"],
  ['Basic realm="a\\', 15, "closing"],
  ['Basic realm="a\\\u0000"', 15, "backslash"],
  ["Basic\trealm=x", 5, "space"],
  ["Basic  \trealm=x", 7, "only spaces"],
  ['Basic realm="x" charset=y', 16, '","'],
  ["Basic realm= @", 13, "value"],
  ["Basic realm = @", 14, "value"],
  ["Basic realm=@", 12, "value"],
  ['realm="x"', 0, "scheme before"],
  ['Basic, realm="x"', 7, "space"],
  ["@", 0, "scheme"],
  ["Basic a/b c", 10, "token68"],
  ['Basic "x"', 6, "parameter name"],
  ["Foo abc== def", 10, "token68"],
  ["Foo a b", 6, '"="'],
  ['Basic realm="x", @', 17, "parameter name or"],
  ['Basic realm="€"', 13, "Latin-1"],
  ["Basic @", 6, "parameter name"],
])("errors point at the character that broke the grammar: %j at offset %i, saying %s", (value, offset, words) => {
  expectGrammarError(parseChallenges(value), offset, words);
  expectGrammarError(parseChallenges(value), offset, `character ${offset + 1}`);
});

test("never throws, whatever the string", () => {
  const alphabet = fc.constantFrom(..."Basic realm=\"\\,; \t=abc/+-_~!#$%&'*.^`|\u0000\u007f\u00ff\u0100\n\r");
  for (const arbitrary of [fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: alphabet, maxLength: 60 })]) {
    fc.assert(
      fc.property(arbitrary, (value) => {
        const result = parseChallenges(value);
        if (!result.ok) {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(value.length);
          expect(result.error.message).toMatch(/\.$/);
        }
      }),
      { numRuns: 2000 },
    );
  }
});

test("time is linear: 100 kB adversarial values parse well under a second", () => {
  const size = 100_000;
  const values = [
    `Basic ${"a=".repeat(size / 2)}`,
    `Basic ${"a=b, ".repeat(size / 5)}`,
    `Basic ${Array.from({ length: size / 8 }, (_, i) => `p${i}=v`).join(", ")}`,
    `Basic realm="${'\\"'.repeat(size / 2)}"`,
    `Basic realm="${"\\".repeat(size)}`,
    `Basic ${'"'.repeat(size)}`,
    `Negotiate ${"A".repeat(size)}${"=".repeat(size)}`,
    `Negotiate ${"A".repeat(size)}${"=".repeat(size)} x`,
    `${",".repeat(size)}Basic`,
    `${"Basic, ".repeat(size / 7)}`,
    `Basic ${" ".repeat(size)}x`,
    `X ${"a ".repeat(size / 2)}`,
    `X a${" ".repeat(size)}=`,
  ];
  for (const value of values) {
    const start = performance.now();
    parseChallenges(value);
    expect(performance.now() - start, value.slice(0, 20)).toBeLessThan(1000);
  }
});
