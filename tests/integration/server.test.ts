/**
 * The live server of `npm start` as an HTTP server: files and API under the base path, HEAD,
 * keep-alive, the 404 page, the content cap, slow clients, graceful shutdown, Digest across a
 * restart, and `npm start` itself (flags, the URLs it prints, SIGTERM).
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { digestAuthorization, parseChallenges, type Challenge } from "../../src/http/index.ts";
import { fixtureSite, startLiveServer, type LiveServer } from "./live-server.ts";
import { spawnNpmStart, writeBuiltProject } from "./npm-start.ts";
import { field, RawConnection } from "./raw-http.ts";

const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;

describe("under the base path /http-status-lab/", () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer({ basePath: "/http-status-lab/" });
  });
  afterAll(() => server.stop());
  const url = (path: string) => `${server.origin}/http-status-lab/${path}`;

  test("the API answers at <base>api/, and /api/ outside the base is the 404 page", async () => {
    const response = await fetch(url("api/basic-auth/user/passwd"));
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe('Basic realm="HTTP Status Lab", charset="UTF-8"');
    expect(await response.json()).toEqual({ authenticated: false });
    const outside = await fetch(`${server.origin}/api/basic-auth/user/passwd`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe(fixtureSite["404.html"]);
  });

  test("files are served under the base path; a directory without its slash redirects; / redirects to the base", async () => {
    const page = await fetch(url("status/401/"));
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe(fixtureSite["status/401/index.html"]);
    const bare = await fetch(url("status/401"), { redirect: "manual" });
    expect([bare.status, bare.headers.get("Location")]).toEqual([301, "/http-status-lab/status/401/"]);
    const root = await fetch(`${server.origin}/`, { redirect: "manual" });
    expect([root.status, root.headers.get("Location")]).toEqual([302, "/http-status-lab/"]);
  });

  test("an unknown path gets the site's 404 page with status 404, also for HEAD (without the page)", async () => {
    const missing = await fetch(url("no/such/page/"));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await missing.text()).toBe(fixtureSite["404.html"]);
    const head = await fetch(url("no/such/page/"), { method: "HEAD" });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe("");
  });

  test("an unknown API path is the API's own JSON 404", async () => {
    const response = await fetch(url("api/no-such-endpoint"));
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("application/json");
  });
});

describe("at the root", () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer({ limits: { maxBodyBytes: 1024, headersTimeoutMs: 300, requestTimeoutMs: 600 } });
  });
  afterAll(() => server.stop());

  test("HEAD on the API: the GET's status and challenge, no content", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write(`HEAD /api/basic-auth/user/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    const head = await connection.response({ head: true });
    expect(head.statusLine).toBe("HTTP/1.1 401 Unauthorized");
    expect(field(head, "www-authenticate")).toBe('Basic realm="HTTP Status Lab", charset="UTF-8"');
    expect(field(head, "content-length")).toBe("23");
    // The next response on the connection starts right away: the HEAD response carried no content.
    connection.write(get("/api/status/204"));
    expect((await connection.response()).status).toBe(204);
    connection.close();
  });

  test("HEAD on a file: its length and type, no content", async () => {
    const response = await fetch(`${server.origin}/_astro/app.js`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Length")).toBe(String(fixtureSite["_astro/app.js"]?.length));
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(await response.text()).toBe("");
  });

  test("keep-alive: two requests, one connection", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write(get("/api/basic-auth/user/passwd"));
    const first = await connection.response();
    expect(first.status).toBe(401);
    expect(field(first, "connection")).toBe("keep-alive");
    connection.write(get("/api/basic-auth/user/passwd", "Authorization: Basic dXNlcjpwYXNzd2Q=\r\n"));
    const second = await connection.response();
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toEqual({ authenticated: true, user: "user" });
    expect(connection.closed).toBe(false);
    connection.close();
  });

  test("a POST to a file: 405 with Allow", async () => {
    const response = await fetch(`${server.origin}/status/401/`, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
  });

  test("content over the cap: 413 Content Too Large, whether announced, chunked, or held back for 100-continue", async () => {
    const announced = await fetch(`${server.origin}/api/status/200`, { method: "POST", body: "x".repeat(2048) });
    expect([announced.status, announced.statusText]).toEqual([413, "Content Too Large"]);
    expect(announced.headers.get("Connection")).toBe("close");

    const chunked = await RawConnection.open(server.port);
    const chunk = "y".repeat(600);
    chunked.write(`POST /api/status/200 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n`);
    chunked.write(`258\r\n${chunk}\r\n258\r\n${chunk}\r\n`);
    const refused = await chunked.response();
    expect(refused.status).toBe(413);
    await chunked.closedWithin(2_000);

    const held = await RawConnection.open(server.port);
    held.write(
      `PUT /api/status/200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n`,
    );
    const early = await held.response();
    expect(early.status).toBe(413); // not 100: the client never sends the content
    held.close();

    const small = await fetch(`${server.origin}/api/status/201`, { method: "POST", body: "z".repeat(1024) });
    expect(small.status).toBe(201);
  });

  test("a client that stops sending its header section gets 408 and the connection is closed", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write("GET /api/status/200 HTTP/1.1\r\nHost: local");
    const response = await connection.response({ timeoutMs: 5_000 });
    expect(response.status).toBe(408);
    expect(await connection.closedWithin(2_000)).toBeLessThan(2_000);
  });

  test("a client that stops sending its content gets 408 after the request timeout", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write("POST /api/status/200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly a part");
    const started = Date.now();
    const response = await connection.response({ timeoutMs: 5_000 });
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test("a request-target that is not a path: 400", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect((await connection.response()).status).toBe(400);
    connection.close();
  });
});

test("graceful shutdown: a request in flight completes with Connection: close, new connections are refused, close() resolves", async () => {
  const server = await startLiveServer();
  const idle = await RawConnection.open(server.port);
  const busy = await RawConnection.open(server.port);
  busy.write("POST /api/status/201 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nhello");
  await new Promise((resolve) => setTimeout(resolve, 100));

  let stopped = false;
  const stopping = server.close().then(() => (stopped = true));
  await idle.closedWithin(2_000);
  await expect(RawConnection.open(server.port)).rejects.toThrow(/ECONNREFUSED/);
  expect(stopped).toBe(false);

  busy.write("world");
  const response = await busy.response();
  expect(response.status).toBe(201);
  expect(field(response, "connection")).toBe("close");
  await stopping;
  expect(stopped).toBe(true);
  rmSync(server.root, { recursive: true, force: true });
});

test("Digest across a restart: a nonce from the stopped server is accepted by the next one with the same secret", async () => {
  const secret = "test secret shared by both instances";
  const path = "/api/digest-auth/auth/user/passwd/SHA-256";
  const first = await startLiveServer({ serverSecret: secret });
  const challengeField = (await fetch(`${first.origin}${path}`)).headers.get("WWW-Authenticate") ?? "";
  await first.stop();
  const parsed = parseChallenges(challengeField);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const challenge = parsed.challenges[0] as Challenge;

  const second = await startLiveServer({ serverSecret: secret });
  const other = await startLiveServer({ serverSecret: "another secret" });
  try {
    const { realm = "", nonce = "", opaque, algorithm = "" } = challenge.params;
    const authorization = await digestAuthorization({
      algorithm,
      username: "user",
      password: "passwd",
      realm,
      method: "GET",
      uri: path,
      nonce,
      nc: "00000001",
      cnonce: "0a4f113b",
      qop: "auth",
      ...(opaque === undefined ? {} : { opaque }),
    });
    const answered = await fetch(`${second.origin}${path}`, { headers: { Authorization: authorization } });
    expect(answered.status).toBe(200);
    const elsewhere = await fetch(`${other.origin}${path}`, { headers: { Authorization: authorization } });
    expect(elsewhere.status).toBe(401);
  } finally {
    await second.stop();
    await other.stop();
  }
});

describe("npm start (src/server/main.ts)", { timeout: 30_000 }, () => {
  let project = "";
  beforeAll(() => {
    // A build that is fresh for BASE_PATH / (its marker is dated after every source), so no build runs.
    project = writeBuiltProject("npm-start-", fixtureSite);
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  /** Starts main.ts, waits for "Press Ctrl-C", then sends SIGTERM; resolves to its output and exit code. */
  function npmStart(args: string[], whileRunning: (output: string) => Promise<void>) {
    return new Promise<{ output: string; code: number | null }>((resolve, reject) => {
      const { child, output } = spawnNpmStart(project, args, {
        SERVER_SECRET: "a test secret of at least thirty-two bytes",
      });
      let started = false;
      const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const watch = () => {
        if (!started && output().includes("Press Ctrl-C")) {
          started = true;
          whileRunning(output()).then(
            () => child.kill("SIGTERM"),
            (error: unknown) => {
              child.kill("SIGKILL");
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        }
      };
      child.stdout.on("data", watch);
      child.stderr.on("data", watch);
      child.on("close", (code) => {
        clearTimeout(guard);
        resolve({ output: output(), code });
      });
    });
  }

  /** Runs main.ts to its end; resolves to its output and exit code. */
  async function npmStartRefused(args: string[], env: Record<string, string> = {}) {
    const { child, output } = spawnNpmStart(project, args, env);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { output: output(), code };
  }

  test("serves the build and the API at the URL it prints, and exits 0 on SIGTERM", async () => {
    const { output, code } = await npmStart([], async (printed) => {
      const site = /http:\/\/localhost:(\d+)\//.exec(printed)?.[0] ?? "";
      expect(site).not.toBe("");
      const port = new URL(site).port;
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(fixtureSite["index.html"]);
      expect((await fetch(`http://127.0.0.1:${port}/api/status/418`)).status).toBe(418);
    });
    expect(output).not.toContain("Building");
    expect(output).not.toContain("Warning");
    expect(output).toContain("SIGTERM: no new connections");
    expect(output).toMatch(/^GET \/ 200 \d+\.\d ms$/m);
    expect(output).toMatch(/^GET \/api\/status\/418 418 \d+\.\d ms$/m);
    expect(code).toBe(0);
  });

  test("--quiet: the same start, no line per request", async () => {
    const { output, code } = await npmStart(["--quiet"], async (printed) => {
      const port = /http:\/\/localhost:(\d+)\//.exec(printed)?.[1] ?? "";
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    });
    expect(output).toContain("Press Ctrl-C to stop.");
    expect(output).not.toMatch(/^GET /m);
    expect(code).toBe(0);
  });

  test("a SERVER_SECRET too short to be a key stops the start with what to do", async () => {
    const { output, code } = await npmStartRefused([], { SERVER_SECRET: "x" });
    expect(code).toBe(1);
    expect(output).toContain("SERVER_SECRET is 1 bytes long; a key needs at least 32");
    expect(output).toContain("openssl rand -hex 32");
  });

  test("--host 0.0.0.0 warns that the demo credentials are public", async () => {
    const { output, code } = await npmStart(["--host", "0.0.0.0"], async () => {});
    expect(output).toContain("Warning: other machines can reach this server");
    expect(code).toBe(0);
  });

  test("a bad flag is refused with a sentence and exit code 2", async () => {
    const { output, code } = await npmStartRefused(["--port", "web"]);
    expect(code).toBe(2);
    expect(output).toContain('--port is "web", which is not a port');
  });
});
