/**
 * "Copy as" of the sandbox, run for real: each request the sandbox builds (by "Send" or at the end
 * of "Send like a browser") on the published site (origin https://http-status-lab.github.io, base
 * /http-status-lab/) is answered in-process by the handlers, as the in-page transport does, then
 * written by the panel's own copyAsCode for the live server and run against a real `npm start`
 * (src/server/main.ts as a child process, base path "/", the fixture site of live-server.ts): curl in a POSIX shell, fetch
 * with this Node, Python requests with Debian's /usr/bin/python3, PHP with cURL. Each must get the
 * status the sandbox showed; for Digest the tools answer the live server's own challenge (and a
 * wrong password gets 401), except fetch, which says it cannot and gets the 401 with its challenge.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { codeFormats, copyAsCode } from "../../src/components/copy-as-code.ts";
import type { FormatId, LiveServer } from "../../src/components/copy-as-formats.ts";
import { readLiveServer } from "../../src/components/copy-as-view.ts";
import { createSandboxClient, type DigestComputation, type RequestDraft } from "../../src/sandbox/index.ts";
import { nodeTransport } from "../../src/sandbox/node.ts";
import { toCurl, type HttpRequestRecord } from "../../src/http/index.ts";
import { fixtureSite } from "./live-server.ts";
import { startNpmStart, writeBuiltProject, type RunningNpmStart } from "./npm-start.ts";

/** Debian's Python, which has python3-requests (a pyenv python3 earlier on PATH may not). */
const python3 = "/usr/bin/python3";
const pageOrigin = "https://http-status-lab.github.io";
const pageBase = "/http-status-lab/";
// Four interpreters per case, in parallel; a loaded 2-core machine needs more than Vitest's 5 s.
vi.setConfig({ testTimeout: 30_000 });

let running: RunningNpmStart;
let target: LiveServer;
const workDir = mkdtempSync(join(tmpdir(), "lab-copy-as-"));
const project = writeBuiltProject("copy-as-", fixtureSite);

beforeAll(async () => {
  // Its own server secret, as `npm start` makes one per install: the sandbox's nonces mean nothing to it.
  running = await startNpmStart(project, ["--quiet"], { SERVER_SECRET: randomBytes(32).toString("hex") });
  const read = readLiveServer(running.origin);
  if (!read.ok) throw new Error(read.message);
  target = read.server;
}, 20_000);

afterAll(async () => {
  await running.stop();
  rmSync(workDir, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 20_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The final status each tool's code prints, and what it printed. */
async function execute(format: FormatId, code: string, name: string): Promise<{ status: number; output: string }> {
  const file = join(workDir, `${name.replace(/\W+/g, "-")}-${format}`);
  let output: string;
  switch (format) {
    case "curl":
      // The command as copied, with the final status written last.
      output = await run("/bin/sh", [
        "-c",
        `${code.trimEnd()} --silent --show-error --max-time 10 --write-out '\\nfinal-status %{http_code}\\n'`,
      ]);
      return { status: Number(/final-status (\d{3})\n$/.exec(output)?.[1]), output };
    case "fetch":
      writeFileSync(`${file}.mjs`, code);
      output = await run(process.execPath, [`${file}.mjs`]);
      return { status: Number(/^(\d{3}) /.exec(output)?.[1]), output };
    case "python":
      output = await run(python3, ["-c", code]);
      return { status: Number(/^(\d{3}) /.exec(output)?.[1]), output };
    case "php": {
      writeFileSync(`${file}.php`, code);
      output = await run("php", [`${file}.php`]);
      // cURL prints every response's header block (the 401 first, for Digest): the last one is final.
      const statuses = [...output.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((match) => match[1]);
      return { status: Number(statuses.at(-1)), output };
    }
  }
}

type Made = { request: HttpRequestRecord; status: number; digest?: DigestComputation | undefined };

const sandboxClient = () =>
  createSandboxClient({ transport: nodeTransport(pageBase), base: pageBase, origin: pageOrigin });

const draft = (
  endpoint: string,
  auth: RequestDraft["auth"],
  method = "GET",
  body = "",
  contentType = "",
): RequestDraft => ({
  method,
  endpoint,
  auth,
  headers:
    contentType === ""
      ? [["Accept", "application/json"]]
      : [
          ["Accept", "application/json"],
          ["Content-Type", contentType],
        ],
  body,
});

/** "Send": the request exactly as built. */
async function sent(request: RequestDraft): Promise<Made> {
  const result = await sandboxClient().send(request);
  if (!result.ok) throw new Error(result.error.message);
  return { request: result.exchange.request, status: result.exchange.response.status };
}

/** "Send like a browser": the last request of the walk, with its Digest computation if any. */
async function followed(request: RequestDraft): Promise<Made> {
  const result = await sandboxClient().follow(request);
  const last = result.steps.at(-1);
  if (last === undefined) throw new Error(result.outcome.message);
  return { request: last.exchange.request, status: last.exchange.response.status, digest: last.digest };
}

const digestDraft = (algorithm: string, password: string) =>
  draft(`digest-auth/auth/user/passwd/${algorithm}`, { type: "digest", user: "user", password });

/** Where a tool cannot answer the challenge, what its code says and gets: a status, or "error" (it fails). */
type Caveats = Partial<Record<FormatId, number | "error">>;
const caveat = /^(#|\/\/) .*(has no Digest|answers qop=auth only|over an empty body)/m;

const cases: Array<[string, () => Promise<Made>, number, Caveats?]> = [
  ["GET status/429", () => sent(draft("status/429", { type: "none" })), 429],
  ["DELETE status/418", () => sent(draft("status/418", { type: "none" }, "DELETE")), 418],
  [
    "POST status/201 with a JSON body",
    () => sent(draft("status/201", { type: "none" }, "POST", '{"it\'s":"$HOME"}', "application/json")),
    201,
  ],
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
    () =>
      sent(
        draft(
          "bearer",
          { type: "bearer", token: "demo-read-only" },
          "POST",
          "note=hello",
          "application/x-www-form-urlencoded",
        ),
      ),
    403,
  ],
  ["Bearer, malformed", () => sent(draft("bearer", { type: "raw", value: "Bearer two words" })), 400],
  ["Digest MD5, no credentials", () => sent(draft("digest-auth/auth/user/passwd/MD5", { type: "none" })), 401],
  ["Digest MD5 qop=auth, followed like a browser", () => followed(digestDraft("MD5", "passwd")), 200],
  ["Digest MD5 qop=auth, wrong password", () => followed(digestDraft("MD5", "nope")), 401],
  ["Digest SHA-256 qop=auth, followed like a browser", () => followed(digestDraft("SHA-256", "passwd")), 200],
  ["Digest SHA-256 qop=auth, wrong password", () => followed(digestDraft("SHA-256", "nope")), 401],
  // What the tools cannot do, said in the code and measured: SHA-512-256, and auth-int offered alone.
  [
    "Digest SHA-512-256 qop=auth",
    () => followed(digestDraft("SHA-512-256", "passwd")),
    200,
    { curl: 401, php: 401, python: "error" },
  ],
  [
    "Digest MD5 qop=auth-int, GET",
    () => followed(draft("digest-auth/auth-int/user/passwd/MD5", { type: "digest", user: "user", password: "passwd" })),
    200,
    { python: "error" },
  ],
  [
    "Digest MD5 qop=auth-int, POST with a body",
    () =>
      followed(
        draft(
          "digest-auth/auth-int/user/passwd/MD5",
          { type: "digest", user: "user", password: "passwd" },
          "POST",
          "hello",
          "text/plain",
        ),
      ),
    200,
    { curl: 401, php: 401, python: "error" },
  ],
];

for (const [name, make, expected, caveats = {}] of cases) {
  test(`copy as, run against the live server: ${name} → ${expected}`, async () => {
    const made = await make();
    expect(made.status, "the sandbox's own answer").toBe(expected);
    const results = await Promise.all(
      codeFormats.map(async ({ id }) => {
        const code = copyAsCode(id, { exchange: { request: made.request }, digest: made.digest }, pageBase, target);
        expect(code, "never the published site's origin").not.toContain("github.io");
        expect(code).toContain(`${running.origin}/api/`);
        if (made.digest !== undefined) {
          // No recorded nonce or response is replayed: the tool answers the live server's own challenge.
          expect(code).not.toContain(made.digest.challenge.params["nonce"] ?? "no nonce");
          expect(code).not.toMatch(/response=/);
        }
        const result = await execute(id, code, name).catch((error: Error) => ({ status: -1, output: error.message }));
        return { id, code, ...result };
      }),
    );
    for (const { id, code, status, output } of results) {
      const limit = caveats[id];
      if (id !== "fetch") expect(caveat.test(code), `${id} says it cannot answer:\n${code}`).toBe(limit !== undefined);
      if (limit !== undefined) {
        expect(status, `${id}:\n${code}\n${output}`).toBe(limit === "error" ? -1 : limit);
      } else if (id === "fetch" && made.digest !== undefined) {
        // fetch cannot answer Digest; its code says so and shows the challenge it got.
        expect(code).toContain("fetch has no Digest support");
        expect(status, output).toBe(401);
        expect(output).toMatch(/^www-authenticate: Digest /m);
      } else {
        expect(status, `${id}:\n${code}\n${output}`).toBe(expected);
      }
    }
    if (made.digest !== undefined) {
      // The neighbour: the sandbox's recorded Authorization, replayed as the old "copy as" did, is refused.
      const replayed = toCurl(made.request, {
        url: made.request.url.replace(`${pageOrigin}${pageBase}`, `${running.origin}/`),
      });
      expect(replayed).toContain(made.digest.challenge.params["nonce"] ?? "no nonce");
      expect((await execute("curl", replayed, `${name} replayed`)).status).toBe(401);
    }
  });
}
