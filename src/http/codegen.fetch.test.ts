import { expect, test } from "vitest";
import { toFetch } from "./codegen.ts";

test("a GET with a bearer token prints status, headers and body", () => {
  expect(
    toFetch({ method: "GET", url: "http://localhost:4321/api/bearer", headers: [["Authorization", "Bearer abc"]] }),
  ).toBe(
    [
      'const response = await fetch("http://localhost:4321/api/bearer", {',
      '  method: "GET",',
      "  headers: {",
      '    "Authorization": "Bearer abc",',
      "  },",
      "});",
      "console.log(response.status, response.statusText);",
      "for (const [name, value] of response.headers) console.log(`${name}: ${value}`);",
      "console.log(await response.text());",
      "",
    ].join("\n"),
  );
});

test("repeated names and __proto__ become pairs; a body without type becomes a Blob", () => {
  const code = toFetch({
    method: "POST",
    url: "http://x/",
    headers: [
      ["A", "1"],
      ["a", "2"],
    ],
    body: 'x"y',
  });
  expect(code).toContain('    ["A", "1"],\n    ["a", "2"],');
  expect(code).toContain('body: new Blob(["x\\"y"]),');
  expect(toFetch({ method: "POST", url: "http://x/", headers: [["__proto__", "1"]] })).toContain('["__proto__", "1"]');
  expect(toFetch({ method: "POST", url: "http://x/", headers: [["Content-Type", "text/plain"]], body: "b" })).toContain(
    '  body: "b",',
  );
  expect(toFetch({ method: "GET", url: "http://x/", headers: [] })).not.toContain("  headers:");
});
