import { expect, test } from "vitest";
import { basicChallenge } from "./basic.ts";
import { formatChallenge } from "./auth-field.ts";

test("builds the RFC 7617 §2.1 challenge, charset UTF-8 by default", () => {
  expect(basicChallenge({ realm: "foo" })).toEqual({ scheme: "Basic", params: { realm: "foo", charset: "UTF-8" } });
  expect(formatChallenge(basicChallenge({ realm: "foo", charset: "UTF-8" }))).toBe(
    'Basic realm="foo", charset="UTF-8"',
  );
});

test("charset can be left out", () => {
  expect(formatChallenge(basicChallenge({ realm: 'say "hi"', charset: false }))).toBe('Basic realm="say \\"hi\\""');
});
