/**
 * "Copy as curl" of the sandbox, run for real: each request the sandbox builds (by "Send" or at
 * the end of "Send like a browser") is answered in-process by the handlers, as the in-page
 * transport does, then written as curl by src/http's toCurl and run against `npm start`'s server
 * (src/server startServer). The status curl prints must be the status the sandbox showed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { toCurl, type HttpRequestRecord } from "../../src/http/index.ts";
import { createSandboxClient, type RequestDraft } from "../../src/sandbox/index.ts";
import { nodeTransport } from "../../src/sandbox/node.ts";
import { startServer, type RunningServer } from "../../src/server/start-server.ts";

const run = promisify(execFile);
const basePath = "/http-status-lab/";
let server: RunningServer;
let emptyRoot = "";

beforeAll(async () => {
  emptyRoot = await mkdtemp(join(tmpdir(), "lab-copy-as-"));
  server = await startServer({ root: emptyRoot, basePath, port: 0, host: "127.0.0.1" });
});

afterAll(async () => {
  await server.close();
  await rm(emptyRoot, { recursive: true, force: true });
});

/** A sandbox client over the same handler list, answered by msw's getResponse, as in the page's fallback. */
const sandboxClient = () =>
  createSandboxClient({ transport: nodeTransport(basePath), base: basePath, origin: server.origin });

/** Runs a generated curl command in a POSIX shell and returns the final status code. */
async function runCurl(command: string): Promise<number> {
  const { stdout } = await run("sh", [
    "-c",
    `${command.trimEnd()} --silent --show-error --max-time 10 --output /dev/null --write-out '%{http_code}'`,
  ]);
  return Number(stdout.trim());
}

const draft = (endpoint: string, auth: RequestDraft["auth"], method = "GET", body = ""): RequestDraft => ({
  method,
  endpoint,
  auth,
  headers: [["Accept", "application/json"]],
  body,
});
/** "Send": the request exactly as built. */
async function sent(request: RequestDraft): Promise<{ record: HttpRequestRecord; status: number }> {
  const result = await sandboxClient().send(request);
  if (!result.ok) throw new Error(result.error.message);
  return { record: result.exchange.request, status: result.exchange.response.status };
}

/** "Send like a browser": the last request of the walk. */
async function followed(request: RequestDraft): Promise<{ record: HttpRequestRecord; status: number }> {
  const result = await sandboxClient().follow(request);
  const last = result.steps.at(-1);
  if (last === undefined) throw new Error(result.outcome.message);
  return { record: last.exchange.request, status: last.exchange.response.status };
}

const cases: Array<[string, () => Promise<{ record: HttpRequestRecord; status: number }>, number]> = [
  ["Basic without credentials", () => sent(draft("basic-auth/user/passwd", { type: "none" })), 401],
  [
    "Basic, followed like a browser",
    () => followed(draft("basic-auth/user/passwd", { type: "basic", user: "user", password: "passwd" })),
    200,
  ],
  [
    "Basic with a wrong password",
    () => sent(draft("basic-auth/user/passwd", { type: "basic", user: "user", password: "nope" })),
    401,
  ],
  [
    "Basic with a quote and a dollar in the password",
    () => sent(draft("basic-auth/user/it's%20$HOME", { type: "basic", user: "user", password: "it's $HOME" })),
    200,
  ],
  [
    "hidden-basic-auth, credentials sent unasked",
    () => sent(draft("hidden-basic-auth/user/passwd", { type: "basic", user: "user", password: "passwd" })),
    200,
  ],
  [
    "401 against 403",
    () => followed(draft("admin/user/passwd", { type: "basic", user: "user", password: "passwd" })),
    403,
  ],
  ["Bearer, valid token", () => sent(draft("bearer", { type: "bearer", token: "demo-read-write" })), 200],
  ["Bearer, expired token", () => sent(draft("bearer", { type: "bearer", token: "demo-expired" })), 401],
  [
    "Bearer, scope missing for POST",
    () => sent(draft("bearer", { type: "bearer", token: "demo-read-only" }, "POST", "note=hello")),
    403,
  ],
  ["Bearer, malformed", () => sent(draft("bearer", { type: "raw", value: "Bearer two words" })), 400],
  [
    "Digest SHA-256, followed like a browser",
    () => followed(draft("digest-auth/auth/user/passwd/SHA-256", { type: "digest", user: "user", password: "passwd" })),
    200,
  ],
  [
    "Digest auth-int with a body",
    () =>
      followed(
        draft(
          "digest-auth/auth-int/user/passwd/MD5",
          { type: "digest", user: "user", password: "passwd" },
          "POST",
          "hello",
        ),
      ),
    200,
  ],
  ["status/429", () => sent(draft("status/429", { type: "none" })), 429],
  ["status/418 with DELETE", () => sent(draft("status/418", { type: "none" }, "DELETE")), 418],
];

for (const [name, make, expected] of cases) {
  test(`copy as curl, run against the live server: ${name} → ${expected}`, async () => {
    const { record, status } = await make();
    expect(status, "the sandbox's own answer").toBe(expected);
    // The Digest answer above was made for the in-page handlers; the live server has its own
    // replay memory and the same public nonce secret, so the copied request is fresh to it.
    expect(await runCurl(toCurl(record))).toBe(status);
  });
}
