import type { IncomingMessage } from "node:http";
import { expect, test } from "vitest";
import { requestUrl, toWebRequest } from "./to-web-request.ts";

test("origin-form is resolved against the Host field", () => {
  expect(requestUrl("localhost:4321", "/api/status/401?x=1", "127.0.0.1:4321")).toBe(
    "http://localhost:4321/api/status/401?x=1",
  );
  expect(requestUrl("[::1]:8080", "/", "127.0.0.1:4321")).toBe("http://[::1]:8080/");
});

test("a Host that is not a host, or none, falls back to the address we listen on", () => {
  expect(requestUrl("evil.test/path", "/api/", "127.0.0.1:4321")).toBe("http://127.0.0.1:4321/api/");
  expect(requestUrl("a b", "/api/", "127.0.0.1:4321")).toBe("http://127.0.0.1:4321/api/");
  expect(requestUrl(undefined, "/api/", "127.0.0.1:4321")).toBe("http://127.0.0.1:4321/api/");
});

test("absolute-form is used as it is; `//path`, `*` and authority-form are not paths", () => {
  expect(requestUrl("ignored", "http://localhost:4321/api/bearer", "x:1")).toBe("http://localhost:4321/api/bearer");
  expect(requestUrl("localhost", "//evil.test/api/", "x:1")).toBeUndefined();
  expect(requestUrl("localhost", "*", "x:1")).toBeUndefined();
  expect(requestUrl("localhost", "localhost:443", "x:1")).toBeUndefined();
});

test("toWebRequest keeps repeated fields (joined, RFC 9110 §5.3) and carries content only where a method may have it", async () => {
  const message = {
    method: "POST",
    rawHeaders: ["Accept", "text/plain", "X-Tag", "a", "x-tag", "b", "Content-Type", "text/plain"],
  } as unknown as IncomingMessage;
  const request = toWebRequest(message, "http://localhost/api/status/200", new TextEncoder().encode("hello"));
  expect(request.method).toBe("POST");
  expect(request.headers.get("X-Tag")).toBe("a, b");
  expect(await request.text()).toBe("hello");
  const head = toWebRequest(
    { method: "HEAD", rawHeaders: [] } as unknown as IncomingMessage,
    "http://localhost/",
    new Uint8Array(),
  );
  expect(head.body).toBeNull();
});
