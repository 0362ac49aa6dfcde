import { expect, test } from "vitest";
import { loggedTarget, requestLogLine } from "./request-log.ts";

test("a log line: method, target, status, milliseconds", () => {
  expect(requestLogLine("GET", "/status/401/", 200, 1.234)).toBe("GET /status/401/ 200 1.2 ms");
});

test("only allow-listed parameter values are shown; every other value is redacted, whatever its name", () => {
  expect(loggedTarget("/api/x?access_token=abc&page=2")).toBe("/api/x?access_token=[redacted]&page=2");
  expect(loggedTarget("/cb?code=xyz&state=1&api_key=k&password=p")).toBe(
    "/cb?code=[redacted]&state=[redacted]&api_key=[redacted]&password=[redacted]",
  );
  expect(loggedTarget("/x?jwt=M1&otp=M2&pwd=M3&dpop=M4&Page=M5")).toBe(
    "/x?jwt=[redacted]&otp=[redacted]&pwd=[redacted]&dpop=[redacted]&Page=[redacted]",
  );
  expect(loggedTarget("/search?q=401&lang=fr")).toBe("/search?q=401&lang=fr");
});

test("path parameters after ; are redacted (;access_token=, ;jsessionid=)", () => {
  expect(loggedTarget("/api/x;access_token=M1/y;v=1?page=2")).toBe("/api/x;[redacted]/y;[redacted]?page=2");
  expect(loggedTarget("/plain/path")).toBe("/plain/path");
});

test("a target that does not parse shows nothing after ?; userinfo of an absolute-form target is never shown", () => {
  expect(loggedTarget("http://[bad/x?token=M1&q=1")).toBe("http://[bad/x?[redacted]");
  expect(loggedTarget("http://user:pass@localhost/api/status/200")).toBe("http://localhost/api/status/200");
  expect(loggedTarget("http://user:pass@[bad/x")).not.toContain("pass");
});

test("CONNECT shows host and port only: userinfo gone, anything else not shown", () => {
  expect(loggedTarget("user:M1@example.test:443", "CONNECT")).toBe("example.test:443");
  expect(loggedTarget("example.test:443", "CONNECT")).toBe("example.test:443");
  expect(loggedTarget("/path?token=M2", "CONNECT")).toBe("[not a host and port]");
  expect(requestLogLine("CONNECT", "u:M3@[::1]:8443", 405, 0)).toBe("CONNECT [::1]:8443 405 0.0 ms");
});

test("control characters are escaped and a long target is cut with its length", () => {
  expect(loggedTarget("/a\u001b[31mred")).toBe("/a%1B[31mred");
  const long = loggedTarget(`/${"x".repeat(500)}`);
  expect(long).toHaveLength(200 + "… (501 characters)".length);
  expect(long.endsWith("… (501 characters)")).toBe(true);
});
