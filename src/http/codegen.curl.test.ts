import { expect, test } from "vitest";
import { toCurl } from "./codegen.ts";

test("a GET with Basic credentials", () => {
  expect(
    toCurl({
      method: "GET",
      url: "http://localhost:4321/api/basic-auth/ada/p4ss",
      headers: [["Authorization", "Basic YWRhOnA0c3M="]],
    }),
  ).toBe(
    "curl --include \\\n  --header 'Authorization: Basic YWRhOnA0c3M=' \\\n  http://localhost:4321/api/basic-auth/ada/p4ss\n",
  );
});

test("methods, bodies, empty headers, globbing characters and URLs that look like options", () => {
  const command = toCurl({ method: "PUT", url: "-http://x/?a[0]={b}", headers: [["X-Empty", ""]], body: "it's" });
  expect(command).toContain("--request PUT");
  expect(command).toContain("--header 'X-Empty;'");
  expect(command).toContain("--header Content-Type:");
  expect(command).toContain("--data-raw 'it'\\''s'");
  expect(command).toContain("--globoff");
  expect(command).toContain("--url '-http://x/?a[0]={b}'");
  expect(toCurl({ method: "HEAD", url: "http://x/", headers: [] })).toBe("curl --head \\\n  http://x/\n");
  expect(
    toCurl({ method: "POST", url: "http://x/", headers: [["Content-Type", "text/plain"]], body: "b" }),
  ).not.toContain("--request");
});
