import { expect, test } from "vitest";
import { codegenRequest } from "./codegen.ts";

test("drops Host, Content-Length and bodies of GET/HEAD; notes a body without Content-Type", () => {
  expect(
    codegenRequest({
      method: "post",
      url: "http://x/",
      headers: [
        ["Host", "x"],
        ["Content-Length", "3"],
        ["A", "1"],
      ],
      body: "abc",
    }),
  ).toEqual({
    method: "POST",
    url: "http://x/",
    headers: [["A", "1"]],
    body: "abc",
    suppressContentType: true,
  });
  expect(codegenRequest({ method: "GET", url: "http://x/", headers: [], body: "abc" }).body).toBeUndefined();
  expect(
    codegenRequest({ method: "PUT", url: "http://x/", headers: [["content-type", "text/plain"]], body: "a" })
      .suppressContentType,
  ).toBe(false);
});
