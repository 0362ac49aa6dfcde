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
  for (const part of [
    "--request PUT",
    "--header 'X-Empty;'",
    "--header Content-Type:",
    "--data-raw 'it'\\''s'",
    "--globoff",
    "--url '-http://x/?a[0]={b}'",
  ])
    expect(command).toContain(part);
  expect(toCurl({ method: "HEAD", url: "http://x/", headers: [] })).toBe("curl --head \\\n  http://x/\n");
  expect(
    toCurl({ method: "POST", url: "http://x/", headers: [["Content-Type", "text/plain"]], body: "b" }),
  ).not.toContain("--request");
});
