/**
 * Runs the code that src/http generates: curl through a real POSIX shell, fetch with Node,
 * Python with requests and PHP with cURL, each against a local server that records what arrived.
 * The interpreters are required: npm test installs them (scripts/system-deps.ts).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { encodeBasic, type HttpRequestRecord, toCurl, toFetch, toPhp, toPython } from "../../src/http/index.ts";

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

/** Debian's Python, which has python3-requests (a pyenv python3 earlier on PATH may not). */
const python3 = "/usr/bin/python3";
// Each test starts several interpreters one after another; on a loaded 2-core machine that
// outlasts Vitest's 5 s default, so the per-test budget here is the child's own limit.
vi.setConfig({ testTimeout: 30_000 });

const seen: Seen[] = [];
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    seen.push({
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    response.writeHead(401, {
      "WWW-Authenticate": 'Basic realm="exec", charset="UTF-8"',
      "Content-Type": "text/plain",
    });
    response.end("body-marker");
  });
});
let origin = "";
const workDir = mkdtempSync(join(tmpdir(), "codegen-exec-"));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(workDir, { recursive: true, force: true });
});

function has(binary: string, args: string[] = ["--version"]): boolean {
  try {
    execFileSync(binary, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function run(file: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: 20_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

// Characters that break naive quoting in every one of the four languages.
const nasty = `it's "$HOME" \\ $(echo pwned) \`id\` %s {$x} é ☕`;
const password = `p'"$\\w\nrd`;

function records(): HttpRequestRecord[] {
  return [
    {
      method: "GET",
      url: `${origin}/api/basic-auth/ada?q=${encodeURIComponent(nasty)}&r[0]={x}`,
      headers: [
        ["Authorization", encodeBasic("ada", password.replace("\n", ""))],
        ["X-Nasty", nasty.replace(" é ☕", "")],
      ],
    },
    { method: "POST", url: `${origin}/api/echo`, headers: [["X-Empty", ""]], body: `line 1\n${nasty}\r\nline 3 \\n` },
    {
      method: "PUT",
      url: `${origin}/api/echo`,
      headers: [["Content-Type", "application/json"]],
      body: JSON.stringify({ password }),
    },
  ];
}

function expectArrived(record: HttpRequestRecord, arrived: Seen | undefined, uriCharactersOnly = false) {
  expect(arrived, record.url).toBeDefined();
  if (arrived === undefined) return;
  expect(arrived.method).toBe(record.method);
  // Every generator writes the URL as the URL Standard serialises it, as the sandbox's fetch sent it.
  // requests goes one step further and percent-encodes [ ] { }, which RFC 3986 §2 does not allow raw.
  const expected = new URL(record.url).href;
  const brackets = (text: string) => text.replace(/[[\]{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  expect(`${origin}${arrived.url}`).toBe(uriCharactersOnly ? brackets(expected) : expected);
  for (const [name, value] of record.headers) expect(arrived.headers[name.toLowerCase()], name).toBe(value);
  expect(arrived.body).toBe(record.body ?? "");
  if (record.body !== undefined && !record.headers.some(([name]) => name.toLowerCase() === "content-type")) {
    expect(arrived.headers["content-type"], "no Content-Type added by the tool").toBeUndefined();
  }
}

test("curl: every argument survives shell quoting exactly", async () => {
  for (const record of records()) {
    // A shell function named curl prints its arguments NUL-separated instead of sending anything.
    const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${toCurl(record)}`;
    const { stdout } = await run("/bin/sh", ["-c", script]);
    const args = stdout.split("\0").slice(0, -1);
    for (const [name, value] of record.headers) expect(args).toContain(value === "" ? `${name};` : `${name}: ${value}`);
    if (record.body !== undefined) expect(args[args.indexOf("--data-raw") + 1]).toBe(record.body);
    expect(args.at(-1)).toBe(new URL(record.url).href);
  }
});

test("curl: the real command sends the recorded request", async () => {
  expect(has("curl"), "the tests need it: npm test installs it (scripts/system-deps.ts)").toBe(true);
  for (const record of records()) {
    const before = seen.length;
    const { stdout } = await run("/bin/sh", ["-c", toCurl(record)]);
    expect(stdout).toContain("401");
    expect(stdout).toContain("body-marker");
    expectArrived(record, seen[before]);
  }
});

test("fetch: passes node --check and sends the recorded request", async () => {
  for (const [index, record] of records().entries()) {
    const file = join(workDir, `fetch-${index}.mjs`);
    writeFileSync(file, toFetch(record));
    await run(process.execPath, ["--check", file]);
    const before = seen.length;
    const { stdout } = await run(process.execPath, [file]);
    expect(stdout).toMatch(/^401 Unauthorized\n/);
    expect(stdout).toContain('www-authenticate: Basic realm="exec", charset="UTF-8"');
    expect(stdout).toContain("body-marker");
    expectArrived(record, seen[before]);
  }
});

test("Python: parses, and requests sends the recorded request", async () => {
  expect(has(python3), "the tests need it: npm test installs it (scripts/system-deps.ts)").toBe(true);
  for (const record of records())
    await run(python3, ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], toPython(record));
  expect(
    has(python3, ["-c", "import requests"]),
    "the tests need it: npm test installs it (scripts/system-deps.ts)",
  ).toBe(true);
  for (const record of records()) {
    const before = seen.length;
    const { stdout } = await run(python3, ["-c", toPython(record)]);
    expect(stdout).toMatch(/^401 Unauthorized\n/);
    expect(stdout).toContain("body-marker");
    expectArrived(record, seen[before], true);
  }
});

test("PHP: php -l passes, and cURL sends the recorded request", async () => {
  expect(has("php"), "the tests need it: npm test installs it (scripts/system-deps.ts)").toBe(true);
  for (const [index, record] of records().entries()) {
    const file = join(workDir, `request-${index}.php`);
    writeFileSync(file, toPhp(record));
    await run("php", ["-l", file]);
  }
  expect(
    has("php", ["-r", "exit(function_exists('curl_init') ? 0 : 1);"]),
    "the tests need it: npm test installs it (scripts/system-deps.ts)",
  ).toBe(true);
  for (const [index, record] of records().entries()) {
    const before = seen.length;
    const { stdout } = await run("php", [join(workDir, `request-${index}.php`)]);
    expect(stdout).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(stdout).toContain("body-marker");
    expectArrived(record, seen[before]);
  }
});
