/**
 * Real clients authenticate against the live server of `npm start` (src/server), each with its
 * own challenge handling: curl, Python requests, PHP cURL (libcurl), and Node's fetch driven by
 * the sandbox client's own "send like a browser" (src/sandbox/client.ts). Each gets 200
 * after answering the challenge it was sent, and 401 with a wrong password.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxClient, type AuthDraft } from "../../src/sandbox/index.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

const run = promisify(execFile);
const authenticated = { authenticated: true, user: "user" };
const algorithms = ["MD5", "SHA-256"] as const;

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server.stop());

const digestUrl = (algorithm: string) => `${server.origin}/api/digest-auth/auth/user/passwd/${algorithm}`;
const basicUrl = () => `${server.origin}/api/basic-auth/user/passwd`;

/** The last status line and the body of what a client printed as `<status>\n<body>`. */
function statusAndBody(stdout: string): { status: number; body: unknown } {
  const [status = "", ...rest] = stdout.split("\n");
  const text = rest.join("\n").trim();
  return { status: Number(status), body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

describe("curl", { timeout: 30_000 }, () => {
  /** curl's own handling: `--digest` sends nothing first, reads the challenge, answers it. */
  async function curl(...args: string[]) {
    const { stdout } = await run("curl", ["-sS", "--max-time", "10", "-w", "\n%{http_code}", ...args]);
    const cut = stdout.lastIndexOf("\n");
    return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) as unknown };
  }

  test.each(algorithms)("curl --digest -u with %s: 200; a wrong password: 401", async (algorithm) => {
    expect(await curl("--digest", "-u", "user:passwd", digestUrl(algorithm))).toEqual({
      status: 200,
      body: authenticated,
    });
    expect((await curl("--digest", "-u", "user:wrong", digestUrl(algorithm))).status).toBe(401);
  });

  test("curl --basic -u: 200; a wrong password: 401", async () => {
    expect(await curl("--basic", "-u", "user:passwd", basicUrl())).toEqual({ status: 200, body: authenticated });
    expect((await curl("--basic", "-u", "user:wrong", basicUrl())).status).toBe(401);
  });
});

describe("Python requests (Debian's /usr/bin/python3)", { timeout: 30_000 }, () => {
  async function python(expression: string) {
    const script = `import requests\nfrom requests.auth import HTTPDigestAuth\nr = ${expression}\nprint(r.status_code)\nprint(r.text)`;
    return statusAndBody((await run("/usr/bin/python3", ["-c", script], { env: { NO_PROXY: "*" } })).stdout);
  }

  test.each(algorithms)("HTTPDigestAuth with %s: 200; a wrong password: 401", async (algorithm) => {
    const url = JSON.stringify(digestUrl(algorithm));
    expect(await python(`requests.get(${url}, auth=HTTPDigestAuth("user", "passwd"))`)).toEqual({
      status: 200,
      body: authenticated,
    });
    expect((await python(`requests.get(${url}, auth=HTTPDigestAuth("user", "wrong"))`)).status).toBe(401);
  });

  test("a Basic tuple: 200; a wrong password: 401", async () => {
    const url = JSON.stringify(basicUrl());
    expect(await python(`requests.get(${url}, auth=("user", "passwd"))`)).toEqual({ status: 200, body: authenticated });
    expect((await python(`requests.get(${url}, auth=("user", "wrong"))`)).status).toBe(401);
  });
});

describe("PHP cURL", { timeout: 30_000 }, () => {
  async function php(url: string, auth: "CURLAUTH_DIGEST" | "CURLAUTH_BASIC", userpwd: string) {
    const script = `$ch = curl_init($argv[1]);
curl_setopt_array($ch, [CURLOPT_HTTPAUTH => ${auth}, CURLOPT_USERPWD => $argv[2], CURLOPT_RETURNTRANSFER => true]);
$body = curl_exec($ch);
if ($body === false) { fwrite(STDERR, curl_error($ch)); exit(1); }
echo curl_getinfo($ch, CURLINFO_RESPONSE_CODE), "\\n", $body;`;
    return statusAndBody((await run("php", ["-r", script, url, userpwd])).stdout);
  }

  test.each(algorithms)("CURLAUTH_DIGEST with %s: 200; a wrong password: 401", async (algorithm) => {
    expect(await php(digestUrl(algorithm), "CURLAUTH_DIGEST", "user:passwd")).toEqual({
      status: 200,
      body: authenticated,
    });
    expect((await php(digestUrl(algorithm), "CURLAUTH_DIGEST", "user:wrong")).status).toBe(401);
  });

  test("CURLAUTH_BASIC: 200; a wrong password: 401", async () => {
    expect(await php(basicUrl(), "CURLAUTH_BASIC", "user:passwd")).toEqual({ status: 200, body: authenticated });
    expect((await php(basicUrl(), "CURLAUTH_BASIC", "user:wrong")).status).toBe(401);
  });
});

describe("Node's fetch, following the challenge as the sandbox's browser code does", { timeout: 30_000 }, () => {
  /** The sandbox client's follow() with real fetch over loopback as its transport. */
  async function follow(endpoint: string, auth: AuthDraft) {
    const client = createSandboxClient({
      transport: { kind: "node", send: (request) => fetch(request) },
      base: "/",
      origin: server.origin,
    });
    const result = await client.follow({ method: "GET", endpoint, auth, headers: [], body: "" });
    return {
      statuses: result.steps.map((step) => step.exchange.response.status),
      outcome: result.outcome.kind,
      body: result.steps.at(-1)?.exchange.response.body,
    };
  }

  test.each(algorithms)("Digest with %s: 401, then 200; a wrong password: 401, then 401", async (algorithm) => {
    const endpoint = `digest-auth/auth/user/passwd/${algorithm}`;
    const good = await follow(endpoint, { type: "digest", user: "user", password: "passwd" });
    expect(good).toMatchObject({ statuses: [401, 200], outcome: "authenticated" });
    expect(JSON.parse(good.body ?? "")).toEqual(authenticated);
    expect(await follow(endpoint, { type: "digest", user: "user", password: "wrong" })).toMatchObject({
      statuses: [401, 401],
      outcome: "refused",
    });
  });

  test("Basic: 401, then 200; a wrong password: 401, then 401", async () => {
    const good = await follow("basic-auth/user/passwd", { type: "basic", user: "user", password: "passwd" });
    expect(good).toMatchObject({ statuses: [401, 200], outcome: "authenticated" });
    expect(await follow("basic-auth/user/passwd", { type: "basic", user: "user", password: "wrong" })).toMatchObject({
      statuses: [401, 401],
      outcome: "refused",
    });
  });
});
