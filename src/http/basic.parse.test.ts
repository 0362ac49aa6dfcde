import { expect, test } from "vitest";
import { parseBasic } from "./basic.ts";

test("RFC 7617 examples decode", () => {
  expect(parseBasic("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).toEqual({
    ok: true,
    user: "Aladdin",
    password: "open sesame",
  });
  expect(parseBasic("basic dGVzdDoxMjPCow==")).toEqual({ ok: true, user: "test", password: "123\u00a3" });
});

test("the password may contain colons and be empty", () => {
  expect(parseBasic(`Basic ${btoa("u:a:b")}`)).toEqual({ ok: true, user: "u", password: "a:b" });
  expect(parseBasic(`Basic ${btoa(":")}`)).toEqual({ ok: true, user: "", password: "" });
});

test.each([
  ["Bearer abc", 'scheme "Bearer"'],
  ['Basic realm="x"', "base64 value"],
  ["Basic", "base64 value"],
  ["Basic QWxh-ZGRp", 'character 5 is "-"'],
  ["Basic QWxhZA", "multiple of 4"],
  ["Basic QQ=A", "base64 value"],
  [`Basic ${btoa("nocolon")}`, 'no ":"'],
  [`Basic ${btoa("\u00ff\u00fe:x")}`, "not valid UTF-8"],
  [`Basic ${btoa("u:a\u0000b")}`, "password contains the control character U+0000"],
  [`Basic ${btoa("u\r:b")}`, "user-id contains a carriage return"],
  ["Basic abc def", "not valid credentials"],
])("refuses %j with a reason that says %s", (value, words) => {
  const result = parseBasic(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.message).toContain(words);
});
