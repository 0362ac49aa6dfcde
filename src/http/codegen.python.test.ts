import { expect, test } from "vitest";
import { toPython } from "./codegen.ts";

test("requests with the Authorization header as built", () => {
  expect(
    toPython({ method: "GET", url: "http://localhost:4321/api/bearer", headers: [["Authorization", "Bearer abc"]] }),
  ).toBe(
    [
      "import requests",
      "",
      "response = requests.request(",
      '    "GET",',
      '    "http://localhost:4321/api/bearer",',
      "    headers={",
      '        "Authorization": "Bearer abc",',
      "    },",
      ")",
      "print(response.status_code, response.reason)",
      "for name, value in response.headers.items():",
      '    print(f"{name}: {value}")',
      "print(response.text)",
      "",
    ].join("\n"),
  );
});

test("repeated names are combined; the body is UTF-8 bytes", () => {
  const code = toPython({
    method: "POST",
    url: "http://x/",
    headers: [
      ["A", "1"],
      ["a", "2"],
    ],
    body: "é\n",
  });
  expect(code).toContain('        "A": "1, 2",');
  expect(code).toContain('    data="\\xe9\\n".encode("utf-8"),');
});
