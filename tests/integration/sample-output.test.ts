import { expect, test } from "vitest";
import { comparableOutput, recordedOutput } from "./sample-output.ts";

test("recordedOutput: the test server's address becomes localhost:4321, Date a fixed date, CRLF LF", () => {
  const output =
    "HTTP/1.1 401 Unauthorized\r\nDate: Sun, 29 Nov 2026 08:01:02 GMT\r\nLocation: http://127.0.0.1:41234/api/x\r\n\r\nHost was 127.0.0.1:41234, not 127.0.0.1:412345\n";
  expect(recordedOutput(output, "http://127.0.0.1:41234")).toBe(
    "HTTP/1.1 401 Unauthorized\nDate: Sat, 28 Nov 2026 12:00:00 GMT\nLocation: http://localhost:4321/api/x\n\nHost was localhost:4321, not 127.0.0.1:412345\n",
  );
});

test("recordedOutput leaves a Date that is not a field alone", () => {
  expect(recordedOutput("Update: Sun, 29 Nov 2026\n", "http://127.0.0.1:1")).toBe("Update: Sun, 29 Nov 2026\n");
});

test("comparableOutput hides Digest values, durations and curl's version, and nothing else", () => {
  const a =
    'WWW-Authenticate: Digest realm="HTTP Status Lab", nonce="AAAB-xyz", opaque="op1", algorithm=MD5\nAuthorization: Digest username="user", nonce="AAAB-xyz", cnonce=abc, response="0f1e"\nUser-Agent: curl/7.88.1\ntook 12.5 ms\n\n';
  const b =
    'WWW-Authenticate: Digest realm="HTTP Status Lab", nonce="AAAC-123", opaque="op2", algorithm=MD5\nAuthorization: Digest username="user", nonce="AAAC-123", cnonce=def, response="9a8b"\nUser-Agent: curl/8.14.1\ntook 3 ms\n';
  expect(comparableOutput(a)).toBe(comparableOutput(b));
  expect(comparableOutput(a)).toContain('realm="HTTP Status Lab", nonce=<nonce>, opaque=<opaque>, algorithm=MD5');
  expect(comparableOutput(a.replace("MD5", "SHA-256"))).not.toBe(comparableOutput(b));
});
