import { expect, test } from "vitest";
import { loggedTarget, requestLogLine } from "./request-log.ts";

test("a log line: method, target, status, milliseconds", () => {
  expect(requestLogLine("GET", "/status/401/", 200, 1.234)).toBe("GET /status/401/ 200 1.2 ms");
});

test("credential-like query values are redacted; other parameters are kept", () => {
  expect(loggedTarget("/api/x?access_token=abc&page=2")).toBe("/api/x?access_token=[redacted]&page=2");
  expect(loggedTarget("/cb?code=xyz&state=1&api_key=k&password=p")).toBe(
    "/cb?code=[redacted]&state=1&api_key=[redacted]&password=[redacted]",
  );
  expect(loggedTarget("/search?q=401")).toBe("/search?q=401");
});

test("userinfo of an absolute-form target is never shown", () => {
  expect(loggedTarget("http://user:pass@localhost/api/status/200")).toBe("http://localhost/api/status/200");
  expect(loggedTarget("http://user:pass@[bad/x")).not.toContain("pass");
});

test("control characters are escaped and a long target is cut with its length", () => {
  expect(loggedTarget("/a\u001b[31mred")).toBe("/a%1B[31mred");
  const long = loggedTarget(`/${"x".repeat(500)}`);
  expect(long).toHaveLength(200 + "… (501 characters)".length);
  expect(long.endsWith("… (501 characters)")).toBe(true);
});
