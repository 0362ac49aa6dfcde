import { expect, test } from "vitest";
import { toPhp } from "./codegen.ts";

test("PHP cURL with the headers as recorded", () => {
  const code = toPhp({
    method: "GET",
    url: "http://localhost:4321/api/basic-auth/ada/p4ss",
    headers: [["Authorization", "Basic YWRhOnA0c3M="]],
  });
  expect(code).toContain("$curl = curl_init('http://localhost:4321/api/basic-auth/ada/p4ss');");
  expect(code).toContain("    CURLOPT_CUSTOMREQUEST => 'GET',");
  expect(code).toContain("        'Authorization: Basic YWRhOnA0c3M=',");
  expect(code.startsWith("<?php\n")).toBe(true);
});

test("HEAD, empty header values, bodies without Content-Type, control characters", () => {
  expect(toPhp({ method: "HEAD", url: "http://x/", headers: [] })).toContain("CURLOPT_NOBODY => true");
  const code = toPhp({ method: "POST", url: "http://x/", headers: [["X-Empty", ""]], body: "a\n$b" });
  expect(code).toContain("'X-Empty;',");
  expect(code).toContain("'Content-Type:',");
  expect(code).toContain('CURLOPT_POSTFIELDS => "a\\n\\$b",');
});
