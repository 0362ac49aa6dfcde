/**
 * Every examples/<code>/nginx.conf and apache.conf, checked with the real servers (Debian's nginx
 * and apache2): each fragment is embedded in a minimal full configuration, which `nginx -t` and
 * `apache2 -t` must accept; where the fragment claims a response, the server is started on a free
 * loopback port and the claim is tried.
 *
 * A claim is written in the fragment itself, for readers to run:
 *
 *   # Try it: curl -i http://localhost/blog/hello-world        (or "# Try it:" and "#   <command>" lines)
 *   # Result: 301 Moved Permanently                             (one Result line per response, in order)
 *   #   Location: http://localhost/articles/hello-world         (header fields of that response)
 *
 * The test runs the commands with bash (curl is a system dependency of the suite) after pointing
 * `://localhost[:80]` at the server, then compares the status lines curl printed, reason phrases
 * included, and the header fields listed (`<...>` in a value matches any token; Allow is compared
 * as a set). "# Result: no
 * response" means the server closed the connection without a status line.
 *
 * Well-known absolute paths in the fragments are rewritten to files in the test's temporary
 * directory: /var/www (html/ with the pages the fragments name, uploads/ writable), /var/lib/apache2/dav (the DAV
 * lock database), /etc/nginx/.htpasswd and /etc/apache2/.htpasswd (user "user", password "passwd"),
 * /run/app/app.sock and /run/php/php-fpm.sock (where a fake application listens when the claim
 * needs one, see `applications`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { killGroup, startDaemon, stopDaemon } from "./daemon.ts";
import { freePort } from "./httpbin-server.ts";

const examplesDir = fileURLToPath(new URL("../../examples/", import.meta.url));
const nginxBinary = "/usr/sbin/nginx";
const apacheBinary = "/usr/sbin/apache2";
const apacheModules = "/usr/lib/apache2/modules";
type ServerKind = "nginx" | "apache";

/**
 * The httpd modules every fragment may use: Debian's default set plus those the fragments name
 * (mod_dav, mod_proxy_*, mod_headers, mod_rewrite, mod_http2).
 */
const apacheModuleNames = [
  "authz_core",
  "authz_host",
  "authz_user",
  "authn_core",
  "authn_file",
  "auth_basic",
  "alias",
  "dir",
  "mime",
  "negotiation",
  "setenvif",
  "env",
  "headers",
  "rewrite",
  "reqtimeout",
  "dav",
  "dav_fs",
  "proxy",
  "proxy_http",
  "proxy_fcgi",
  "http2",
];

/** Claims of hand-written fragments that carry no "Try it" lines, in the same notation. */
const extraClaims: Readonly<Record<string, string>> = {
  "401/nginx.conf": `# Try it: curl -i http://localhost/protected/\n# Result: 401 Unauthorized\n#   WWW-Authenticate: Basic realm="HTTP Status Lab"`,
  "401/apache.conf": `# Try it: curl -i http://localhost/protected/\n# Result: 401 Unauthorized\n#   WWW-Authenticate: Basic realm="HTTP Status Lab"`,
};

/** What the fake application behind /run/app/app.sock (or PHP-FPM's socket) does with a request. */
type Application = "upgrade" | "processing" | "hang-up" | "silent";

/** The fragments whose claim needs an application behind the proxy, and how it behaves. */
const applications: Readonly<Record<string, { socket: string; behaviour: Application }>> = {
  "101/nginx.conf": { socket: "app.sock", behaviour: "upgrade" },
  "101/apache.conf": { socket: "app.sock", behaviour: "upgrade" },
  "102/apache.conf": { socket: "app.sock", behaviour: "processing" },
  "502/apache.conf": { socket: "app.sock", behaviour: "hang-up" },
  "504/nginx.conf": { socket: "app.sock", behaviour: "silent" },
  "504/apache.conf": { socket: "php-fpm.sock", behaviour: "silent" },
};

interface ExpectedResponse {
  status: number;
  reason: string;
  headers: Array<[name: string, value: string]>;
}
interface Claim {
  command: string;
  /** The responses in order, or "none" for a connection closed without a response. */
  responses: ExpectedResponse[] | "none";
}

/** Reads the "Try it" and "Result" comments of a fragment. */
function parseClaim(fragment: string): Claim | undefined {
  const lines = fragment.split("\n");
  const start = lines.findIndex((line) => line.startsWith("# Try it"));
  if (start === -1) return undefined;
  const commands: string[] = [];
  const inline = /^# Try it[^:]*:\s*(.*)$/.exec(lines[start] ?? "")?.[1] ?? "";
  if (inline !== "") commands.push(inline);
  let index = start + 1;
  for (; index < lines.length && lines[index]?.startsWith("#   "); index++)
    commands.push(lines[index]!.slice(4).trim());
  const responses: ExpectedResponse[] = [];
  let closed = false;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const result = /^# Result: (.*)$/.exec(line)?.[1];
    const header = /^#   ([\w-]+): (.*)$/.exec(line);
    if (result === "no response") closed = true;
    else if (result !== undefined) {
      const [, status = "", reason = ""] = /^(\d{3})(?: (.*))?$/.exec(result) ?? [];
      if (status === "") throw new Error(`Cannot read "${line}": expected "# Result: <code> <reason phrase>".`);
      responses.push({ status: Number(status), reason, headers: [] });
    } else if (header !== null && responses.length > 0) responses.at(-1)!.headers.push([header[1]!, header[2]!]);
    else if (line.trim() !== "") break;
  }
  if (commands.length === 0 || (responses.length === 0 && !closed)) {
    throw new Error('A "# Try it:" needs a command and at least one "# Result:" line.');
  }
  return { command: commands.join("\n"), responses: closed ? "none" : responses };
}

interface ReceivedResponse {
  status: number;
  reason: string;
  headers: Array<[name: string, value: string]>;
}

/** The responses in curl's output (-i, or raw HTTP from telnet://): status lines and their fields. */
function parseResponses(output: string): ReceivedResponse[] {
  const responses: ReceivedResponse[] = [];
  let current: ReceivedResponse | undefined;
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const statusLine = /^HTTP\/[\d.]+ (\d{3})(?: (.*))?$/.exec(line);
    if (statusLine !== null) {
      current = { status: Number(statusLine[1]), reason: (statusLine[2] ?? "").trim(), headers: [] };
      responses.push(current);
    } else if (current !== undefined && line === "") current = undefined;
    else if (current !== undefined) {
      const colon = line.indexOf(":");
      if (colon > 0) current.headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    }
  }
  return responses;
}

/** A header value pattern: literal text, with `<...>` matching any token. */
function valuePattern(expected: string): RegExp {
  const parts = expected.split(/<[^>]*>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("\\S+")}$`);
}

/** Allow is a set of methods (RFC 9110 §10.2.1), and httpd lists them in no fixed order. */
const sameMethods = (received: string, expected: string) => {
  const methods = (list: string) =>
    list
      .split(/\s*,\s*/)
      .sort()
      .join(",");
  return methods(received) === methods(expected);
};

const pointAt = (text: string, port: number) =>
  text.replace(/:\/\/localhost(:80)?(?=[/\s'"]|$)/gm, `://127.0.0.1:${port}`);

/** The temporary directory of one check, with the files the fragments' well-known paths point at. */
function makeSandbox(): string {
  const dir = mkdtempSync(`${tmpdir()}/server-config-`);
  chmodSync(dir, 0o755);
  for (const sub of ["www/html/docs", "www/html/legacy", "www/html/protected", "run", "temp", "logs"]) {
    mkdirSync(`${dir}/${sub}`, { recursive: true });
  }
  for (const writable of ["www/uploads", "dav-lock"]) {
    mkdirSync(`${dir}/${writable}`, { recursive: true });
    chmodSync(`${dir}/${writable}`, 0o777);
  }
  const page = (title: string) => `<!DOCTYPE html>\n<title>${title}</title>\n<p>${title}</p>\n`;
  writeFileSync(`${dir}/www/html/index.html`, page("HTTP Status Lab"));
  writeFileSync(`${dir}/www/html/404.html`, page("Not found"));
  writeFileSync(`${dir}/www/html/50x.html`, page("Something went wrong"));
  writeFileSync(`${dir}/www/html/legacy/index.html`, page("Legacy"));
  writeFileSync(`${dir}/www/html/protected/index.html`, page("Protected"));
  writeFileSync(`${dir}/www/html/docs/guide.html.en`, page("Guide"));
  writeFileSync(`${dir}/www/html/docs/guide.html.de`, page("Anleitung"));
  // 506/apache.conf: a type map whose variant is a type map.
  writeFileSync(`${dir}/www/html/menu.var`, "URI: menu.en.var\nContent-Type: text/html\nContent-Language: en\n");
  writeFileSync(`${dir}/www/html/menu.en.var`, "URI: menu.en.html\nContent-Type: text/html\n");
  writeFileSync(`${dir}/www/html/menu.en.html`, page("Menu"));
  // {SHA} is understood by both servers' Basic authentication.
  // CURL_HOME points here: no progress meter in the output the test reports.
  writeFileSync(`${dir}/.curlrc`, "--no-progress-meter\n");
  writeFileSync(`${dir}/htpasswd`, `user:{SHA}${createHash("sha1").update("passwd").digest("base64")}\n`);
  return dir;
}

/** The fragment with its well-known absolute paths pointed into the sandbox. */
function rewritePaths(fragment: string, dir: string): string {
  return fragment
    .replace(/\/var\/www(?=[/"';\s]|$)/gm, `${dir}/www`)
    .replace(/\/var\/lib\/apache2\/dav/g, `${dir}/dav-lock`)
    .replace(/\/etc\/(nginx|apache2)\/\.htpasswd/g, `${dir}/htpasswd`)
    .replace(/\/run\/app\/app\.sock/g, `${dir}/app.sock`)
    .replace(/\/run\/php\/php-fpm\.sock/g, `${dir}/php-fpm.sock`);
}

/** A full nginx configuration around a fragment; "# In the http block:" parts go to http {}. */
function nginxConfig(fragment: string, dir: string, port: number): string {
  let httpPart = "";
  let serverPart = "";
  let target: "http" | "server" = "server";
  for (const line of fragment.split("\n")) {
    if (line.startsWith("# In the http block")) target = "http";
    else if (line.startsWith("# In the server block")) target = "server";
    if (target === "http") httpPart += `${line}\n`;
    else serverPart += `${line}\n`;
  }
  return `daemon off;
master_process off;
pid ${dir}/run/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
${httpPart}
  server {
    listen 127.0.0.1:${port};
${serverPart}
  }
}
`;
}

/** A full httpd configuration around a fragment (no Debian apache2.conf, no envvars). */
function apacheConfig(fragment: string, dir: string, port: number): string {
  const asRoot = process.getuid?.() === 0;
  return `ServerRoot "${dir}"
DefaultRuntimeDir "${dir}/run"
PidFile "${dir}/run/httpd.pid"
ErrorLog "${dir}/logs/error.log"
LogLevel warn
Listen 127.0.0.1:${port}
ServerName localhost
${asRoot ? "User www-data\nGroup www-data" : ""}
LoadModule mpm_event_module ${apacheModules}/mod_mpm_event.so
${apacheModuleNames.map((name) => `LoadModule ${name}_module ${apacheModules}/mod_${name}.so`).join("\n")}
StartServers 1
ServerLimit 1
ThreadsPerChild 16
MaxRequestWorkers 16
MinSpareThreads 1
MaxSpareThreads 16
TypesConfig /etc/mime.types
DocumentRoot "${dir}/www/html"
${fragment}
`;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (or kills its process group after timeoutMs). */
function run(command: string, args: string[], options: { cwd?: string; timeoutMs: number }): Promise<Finished> {
  return new Promise((done, failed) => {
    const env = options.cwd === undefined ? process.env : { ...process.env, CURL_HOME: options.cwd };
    const child = spawn(command, args, { cwd: options.cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("latin1")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("latin1")));
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), options.timeoutMs);
    child.on("error", failed);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** A fake application on a Unix socket, behaving as the claim needs. */
async function startApplication(path: string, behaviour: Application): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let request = "";
    socket.on("data", (chunk: Buffer) => {
      request += chunk.toString("latin1");
      if (!request.includes("\r\n\r\n")) return;
      if (behaviour === "hang-up") socket.destroy();
      else if (behaviour === "processing") {
        socket.end(
          "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nDone\n",
        );
      } else if (behaviour === "upgrade") {
        // RFC 6455 §4.2.2: the accept value is the key with the protocol's GUID, SHA-1, base64.
        const key = /^sec-websocket-key:\s*(\S+)/im.exec(request)?.[1] ?? "";
        const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
        socket.end(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
      }
      // "silent": read the request and never answer.
    });
  });
  await new Promise<void>((listening) => server.listen(path, listening));
  chmodSync(path, 0o777);
  return {
    close() {
      sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

interface Fragment {
  file: string;
  server: ServerKind;
  text: string;
}

function fragments(): Fragment[] {
  const found: Fragment[] = [];
  const codes = readdirSync(examplesDir)
    .filter((name) => /^\d{3}$/.test(name))
    .sort();
  for (const code of codes) {
    for (const server of ["nginx", "apache"] as const) {
      const path = `${examplesDir}${code}/${server}.conf`;
      if (existsSync(path)) found.push({ file: `${code}/${server}.conf`, server, text: readFileSync(path, "utf8") });
    }
  }
  return found;
}

/** Writes the full configuration and returns the commands that test and serve it. */
function prepare(fragment: Fragment, dir: string, port: number) {
  const text = rewritePaths(fragment.text, dir);
  const conf = `${dir}/${fragment.server}.conf`;
  if (fragment.server === "nginx") {
    writeFileSync(conf, nginxConfig(text, dir, port));
    const common = ["-p", `${dir}/www/`, "-e", `${dir}/logs/error.log`, "-c", conf];
    return { binary: nginxBinary, test: ["-t", "-q", ...common], serve: common, log: `${dir}/logs/error.log` };
  }
  writeFileSync(conf, apacheConfig(text, dir, port));
  return {
    binary: apacheBinary,
    test: ["-t", "-f", conf],
    serve: ["-f", conf, "-DFOREGROUND"],
    log: `${dir}/logs/error.log`,
  };
}

const all = fragments();

test("every status code folder has an Apache and an NGINX configuration, each opening with a comment", () => {
  const codes = readdirSync(examplesDir).filter((name) => /^\d{3}$/.test(name));
  expect(codes.length).toBeGreaterThan(60);
  for (const code of codes) {
    for (const server of ["nginx", "apache"]) {
      const path = `${examplesDir}${code}/${server}.conf`;
      expect(existsSync(path), `examples/${code}/${server}.conf is missing`).toBe(true);
      expect(readFileSync(path, "utf8"), `examples/${code}/${server}.conf must start with "# "`).toMatch(/^# \S/);
    }
  }
});

test("the claim notation is read as documented", () => {
  const claim = parseClaim(
    "# Try it:\n#   curl -s -o /dev/null http://localhost/a\n#   curl -i http://localhost/a\n# Result: 103\n#   Link: </a.css>; rel=preload\n# Result: 200 OK\n",
  );
  expect(claim).toEqual({
    command: "curl -s -o /dev/null http://localhost/a\ncurl -i http://localhost/a",
    responses: [
      { status: 103, reason: "", headers: [["Link", "</a.css>; rel=preload"]] },
      { status: 200, reason: "OK", headers: [] },
    ],
  });
  expect(parseClaim("# Try it: curl -i http://localhost/\n# Result: no response\n")?.responses).toBe("none");
  expect(pointAt("curl -x http://localhost:80 http://localhost/x", 8080)).toBe(
    "curl -x http://127.0.0.1:8080 http://127.0.0.1:8080/x",
  );
  expect(valuePattern("bytes */<length>").test("bytes */61")).toBe(true);
  expect(valuePattern("bytes */<length>").test("bytes 0-9/61")).toBe(false);
});

describe.concurrent.each(["nginx", "apache"] as const)("%s", (server) => {
  for (const fragment of all.filter((each) => each.server === server)) {
    const claim = parseClaim(`${fragment.text}\n${extraClaims[fragment.file] ?? ""}`);
    const summary =
      claim === undefined
        ? `passes ${server === "nginx" ? "nginx -t" : "apache2 -t"} (it has no "Try it" to serve)`
        : claim.responses === "none"
          ? "passes the syntax check, and closes the connection without a response"
          : `passes the syntax check, and answers ${claim.responses.map((r) => `${r.status} ${r.reason}`.trim()).join(", then ")}`;

    test(`examples/${fragment.file} ${summary}`, { timeout: 60_000 }, async () => {
      const dir = makeSandbox();
      let port = await freePort();
      let { binary, test: testArgs, serve, log } = prepare(fragment, dir, port);
      let child: ChildProcess | undefined;
      let application: { close(): Promise<void> } | undefined;
      try {
        const checked = await run(binary, testArgs, { timeoutMs: 15_000 });
        expect(checked.code, `${binary} ${testArgs.join(" ")}\n${checked.stdout}${checked.stderr}`).toBe(0);
        if (claim === undefined) return;

        const app = applications[fragment.file];
        if (app !== undefined) application = await startApplication(`${dir}/${app.socket}`, app.behaviour);
        // Another process may take the free port before the server binds it: then try another.
        for (let attempt = 1; child === undefined; attempt++) {
          try {
            child = await startDaemon(binary, serve, port, log);
          } catch (error) {
            if (attempt === 3 || !/in use/i.test(String(error))) throw error;
            port = await freePort();
            ({ binary, test: testArgs, serve, log } = prepare(fragment, dir, port));
          }
        }
        const tried = await run("bash", ["-c", pointAt(claim.command, port)], { cwd: dir, timeoutMs: 30_000 });
        const received = parseResponses(tried.stdout);
        const context = `${claim.command}\nprinted:\n${tried.stdout.slice(0, 2000)}\n${tried.stderr.slice(-500)}`;

        if (claim.responses === "none") {
          expect(received, context).toEqual([]);
          return;
        }
        expect(
          received.map((r) => `${r.status} ${r.reason}`.trim()),
          context,
        ).toEqual(claim.responses.map((r) => `${r.status} ${r.reason}`.trim()));
        claim.responses.forEach((expected, index) => {
          const headers = received[index]?.headers ?? [];
          for (const [name, value] of expected.headers) {
            const pattern = valuePattern(pointAt(value, port));
            const values = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
            expect(
              values.some((v) => pattern.test(v) || (name.toLowerCase() === "allow" && sameMethods(v, value))),
              `${name} of response ${index + 1}: expected ${value}, got ${JSON.stringify(values)}\n${context}`,
            ).toBe(true);
          }
        });
      } finally {
        if (child !== undefined) await stopDaemon(child);
        await application?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
