/**
 * The live server's static layer (send), its answers to malformed requests, its security header
 * fields and its request log, over loopback against the fixture site.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cspDirectives } from "../../src/csp-policy.ts";
import { fixtureSite, startLiveServer, type LiveServer } from "./live-server.ts";
import { field, RawConnection } from "./raw-http.ts";

let server: LiveServer;
const lines: string[] = [];
beforeAll(async () => {
  server = await startLiveServer({ gzip: true, log: (line) => lines.push(line) });
});
afterAll(() => server.stop());

const url = (path: string) => `${server.origin}${path}`;

/** One raw request on its own connection (for targets and fields fetch will not send). */
async function raw(request: string, head = false) {
  const connection = await RawConnection.open(server.port);
  connection.write(request);
  const response = await connection.response({ head });
  connection.close();
  return response;
}

describe("conditional requests, ranges, HEAD (RFC 9110 §13, §14)", () => {
  // Raw requests: fetch adds `Cache-Control: no-cache` to a conditional request, which asks for 200.
  test("a file carries ETag and Last-Modified; If-None-Match with its ETag is 304, another tag is 200", async () => {
    const first = await raw("GET /status/401/ HTTP/1.1\r\nHost: x\r\n\r\n");
    const etag = field(first, "etag") ?? "";
    expect(etag).toMatch(/^W\/".+"$/);
    expect(field(first, "last-modified")).toBeDefined();
    const again = await raw(`GET /status/401/ HTTP/1.1\r\nHost: x\r\nIf-None-Match: ${etag}\r\n\r\n`);
    expect([again.status, again.body]).toEqual([304, ""]);
    const other = await raw('GET /status/401/ HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/"other"\r\n\r\n');
    expect(other.status).toBe(200);
  });

  test("If-Modified-Since: 304 at the file's date, 200 for an older one", async () => {
    const lastModified = field(await raw("GET /_astro/app.js HTTP/1.1\r\nHost: x\r\n\r\n"), "last-modified") ?? "";
    const since = (date: string) => raw(`GET /_astro/app.js HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: ${date}\r\n\r\n`);
    expect((await since(lastModified)).status).toBe(304);
    expect((await since("Thu, 01 Jan 1970 00:00:00 GMT")).status).toBe(200);
  });

  test("a satisfiable range is 206 with Content-Range; one past the end is 416 with the length", async () => {
    const text = fixtureSite["status/401/index.html"] ?? "";
    const part = await fetch(url("/status/401/index.html"), { headers: { Range: "bytes=0-8" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("Content-Range")).toBe(`bytes 0-8/${text.length}`);
    expect(await part.text()).toBe(text.slice(0, 9));
    const beyond = await fetch(url("/status/401/index.html"), { headers: { Range: `bytes=${text.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("Content-Range")).toBe(`bytes */${text.length}`);
  });

  test("HEAD: the GET's length and type, no content", async () => {
    const response = await raw("HEAD /status/401/ HTTP/1.1\r\nHost: localhost\r\n\r\n", true);
    expect(response.status).toBe(200);
    expect(field(response, "content-length")).toBe(String(fixtureSite["status/401/index.html"]?.length));
    expect(field(response, "content-type")).toBe("text/html; charset=utf-8");
    expect(response.body).toBe("");
  });
});

test("a small file answered from memory (file-cache.ts) carries the bytes, validators and ranges send gives from disk; a changed or deleted file is answered from disk", async () => {
  const path = join(server.root, "cached.txt");
  writeFileSync(path, "first version\n");
  const get = (fields = "") => raw(`GET /cached.txt HTTP/1.1\r\nHost: x\r\n${fields}\r\n`);
  const fromDisk = await get();
  await new Promise((resolve) => setTimeout(resolve, 200)); // the cache fills after the first answer
  const fromMemory = await get();
  expect(fromMemory.body).toBe("first version\n");
  for (const name of ["etag", "last-modified", "content-length", "content-type"])
    expect(field(fromMemory, name)).toBe(field(fromDisk, name));
  const part = await get("Range: bytes=6-12\r\n");
  expect([part.status, part.body, field(part, "content-range")]).toEqual([206, "version", "bytes 6-12/14"]);
  expect((await get(`If-None-Match: ${field(fromDisk, "etag")}\r\n`)).status).toBe(304);
  writeFileSync(path, "other version\n");
  expect((await get()).body).toBe("other version\n");
  rmSync(path);
  expect((await get()).status).toBe(404);
});

test("the status line's phrase comes from the registry: 418's, and none for an unregistered 509 (never Node's own table)", async () => {
  expect((await raw("GET /api/status/418 HTTP/1.1\r\nHost: x\r\n\r\n")).statusLine).toBe("HTTP/1.1 418 I'm a teapot");
  expect((await raw("GET /api/status/404 HTTP/1.1\r\nHost: x\r\n\r\n")).statusLine).toBe("HTTP/1.1 404 Not Found");
  expect((await raw("GET /api/status/509 HTTP/1.1\r\nHost: x\r\n\r\n")).statusLine).toBe("HTTP/1.1 509 ");
});

test("HEAD on the API carries the GET's Content-Length", async () => {
  for (const path of ["/api/status/200", "/api/status/418", "/api/basic-auth/user/passwd"]) {
    const get = await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const head = await raw(`HEAD ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, true);
    expect(head.status).toBe(get.status);
    expect(field(head, "content-length")).toBe(String(Buffer.byteLength(get.body)));
    expect(head.body).toBe("");
  }
});

describe("what is served", () => {
  test("a gzip copy to a client that accepts gzip, the file itself to one that refuses it; Vary either way", async () => {
    const original = fixtureSite["_astro/big.css"] ?? "";
    const zipped = await raw("GET /_astro/big.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n");
    expect(field(zipped, "content-encoding")).toBe("gzip");
    expect(field(zipped, "content-type")).toBe("text/css; charset=utf-8");
    expect(field(zipped, "vary")).toBe("Accept-Encoding");
    const connection = await RawConnection.open(server.port);
    const bytes = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      connection.socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      connection.socket.on("end", () => resolve(Buffer.concat(chunks)));
      connection.write("GET /_astro/big.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
    });
    const body = bytes.subarray(bytes.indexOf("\r\n\r\n") + 4);
    expect(gunzipSync(body).toString()).toBe(original);
    const refused = await raw("GET /_astro/big.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0\r\n\r\n");
    expect(field(refused, "content-encoding")).toBeUndefined();
    expect(field(refused, "vary")).toBe("Accept-Encoding");
    expect(refused.body).toBe(original);
  });

  test("dotfiles are not served (the build marker); the neighbouring page is", async () => {
    expect((await fetch(url("/.http-status-lab-build.json"))).status).toBe(404);
    expect((await fetch(url("/index.html"))).status).toBe(200);
  });

  test("a directory redirect is path-absolute on our origin, built from the directory, never //host", async () => {
    const sneaky = await raw("GET /\\evil.example/..%2fstatus HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(sneaky.status).toBe(301);
    expect(field(sneaky, "location")).toBe("/status/");
    const plain = await raw("GET /status/401 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect([plain.status, field(plain, "location")]).toEqual([301, "/status/401/"]);
  });

  test("a path out of the site is refused, not served", async () => {
    for (const target of ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/status/..%2f..%2f..%2fetc/passwd"]) {
      const response = await raw(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body).not.toContain("root:");
    }
  });
});

describe("requests a client got wrong are answered, never thrown", () => {
  const cases: Array<[string, string, number]> = [
    ["TRACE on the API", "TRACE /api/status/200 HTTP/1.1\r\nHost: x\r\n\r\n", 405],
    ["CONNECT", "CONNECT localhost:80 HTTP/1.1\r\nHost: x\r\n\r\n", 405],
    ["an API URL over 8192 characters", `GET /api/${"a".repeat(9_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414],
    ["a 15 KB Host", `GET /api/status/200 HTTP/1.1\r\nHost: ${"h".repeat(15_000)}\r\n\r\n`, 400],
    ["two Host fields", "GET /api/status/200 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400],
    ["a Host that is not a host", "GET / HTTP/1.1\r\nHost: <script>\r\n\r\n", 400],
    ["no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n", 400],
    ["userinfo in the target", "GET http://u:p@localhost/api/status/200 HTTP/1.1\r\nHost: x\r\n\r\n", 400],
    ["an HTTP/2.0 request line", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505],
    ["a malformed field", "GET / HTTP/1.1\r\nHost: x\r\nBad Field: y\r\n\r\n", 400],
    ["a 20 KB field", `GET / HTTP/1.1\r\nHost: x\r\nX: ${"v".repeat(20_000)}\r\n\r\n`, 431],
  ];
  for (const [what, request, status] of cases) {
    test(`${what}: ${status}`, async () => {
      const response = await raw(request);
      expect(response.status).toBe(status);
      expect(field(response, "x-content-type-options")).toBe("nosniff");
    });
  }

  test("the same requests done right are answered 200", async () => {
    expect((await raw("GET /api/status/200 HTTP/1.1\r\nHost: localhost:80\r\n\r\n")).status).toBe(200);
    expect((await raw("GET http://localhost/api/status/200 HTTP/1.1\r\nHost: x\r\n\r\n")).status).toBe(200);
    expect((await raw("GET / HTTP/1.0\r\n\r\n")).status).toBe(200);
  });
});

describe("security header fields on every response", () => {
  const policy = async (path: string) => (await fetch(url(path))).headers.get("Content-Security-Policy") ?? "";

  test("a page: the page-independent directives of src/csp-policy.ts and frame-ancestors, no default-src", async () => {
    const page = await policy("/status/401/");
    for (const directive of cspDirectives.filter((entry) => !entry.startsWith("default-src"))) {
      expect(page).toContain(directive);
    }
    expect(page).toContain("frame-ancestors 'none'");
    expect(page).not.toContain("default-src");
  });

  test("an asset gets the whole policy; API answers and the 404 page get theirs; nosniff and Referrer-Policy on all", async () => {
    expect(await policy("/_astro/app.js")).toContain("default-src 'self'");
    expect(await policy("/_astro/app.js")).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(await policy("/api/status/200")).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const path of ["/status/401/", "/_astro/app.js", "/api/basic-auth/user/passwd", "/no/such/page/", "/status"]) {
      const response = await fetch(url(path), { redirect: "manual" });
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
      expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    }
  });
});

test("one log line per request: method, target, status, time; no credentials", async () => {
  lines.length = 0;
  await fetch(url("/api/bearer?access_token=s3cr3t-token&page=2"), { headers: { Authorization: "Bearer hunter2" } });
  await fetch(url("/status/401/"));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^GET \/api\/bearer\?access_token=\[redacted\]&page=2 \d{3} \d+\.\d ms$/);
  expect(lines[1]).toMatch(/^GET \/status\/401\/ 200 \d+\.\d ms$/);
  expect(lines.join("\n")).not.toMatch(/s3cr3t|hunter2/);
});

test(
  "a connection's 1,000th request is answered with Connection: close, the 999th keeps it open",
  { timeout: 20_000 },
  async () => {
    const connection = await RawConnection.open(server.port);
    for (let i = 0; i < 998; i++) {
      connection.write("GET /api/status/204 HTTP/1.1\r\nHost: x\r\n\r\n");
      await connection.response();
    }
    connection.write("GET /api/status/204 HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(field(await connection.response(), "connection")).toBe("keep-alive");
    connection.write("GET /api/status/204 HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(field(await connection.response(), "connection")).toBe("close");
    await connection.closedWithin(2_000);
  },
);
