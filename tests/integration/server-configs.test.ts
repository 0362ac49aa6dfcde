/**
 * Every examples/<code>/nginx.conf and apache.conf, checked with the real servers (Debian's nginx
 * and apache2): each fragment is embedded in a minimal full configuration, which `nginx -t` and
 * `apache2 -t` must accept; where the fragment claims responses, the server is started on a free
 * loopback port and every claim is tried.
 *
 * Claims are written in the fragment itself, for readers to run:
 *
 *   # Try it: curl -i http://localhost/blog/hello-world        (or "# Try it:" and "#   <command>" lines)
 *   # Result: 301 Moved Permanently                             (one Result line per response, in order)
 *   #   Location: http://localhost/articles/hello-world         (header fields of that response)
 *   # Try it (what the reader arranges): curl -i http://localhost/blogroll
 *   # Result: 404 Not Found                                     (the neighbour: must not get the page's code)
 *   #   Location: (none)                                        (a field that must be absent)
 *   # Printed: Early data was accepted                          (text the commands must have printed)
 *   # Error log: <text>                                         (text the server must have logged)
 *   # Access log: <text>                                        (the same, in nginx's access log)
 *   # Rejected: <directive>                                     (a directive the syntax check must refuse)
 *
 * Both ways: a fragment with directives needs a "Try it" that gets the page's code (or, for a code
 * the server only logs, no response) and a neighbour that gets another answer; see
 * `bothWaysProblems` and `avoids`.
 *
 * TLS: a fragment whose commands connect to `localhost:443` (openssl s_client) is served over TLS
 * with a self-signed certificate made by `openssl req` for the check, and reached through a relay
 * that holds every byte the server sends for `roundTripMs`, as a network round trip would (see
 * `startRelay`).
 *
 * A full file system: for the fragments in `storage`, /var/www/uploads is a small tmpfs of its own,
 * filled (no block and no inode left) or emptied before each "Try it". Mounting it needs root, as
 * `.ci/run` has; without it the check fails with a sentence saying so.
 *
 * The test runs the commands with bash (curl is a system dependency of the suite) after pointing
 * `://localhost[:80]` at the server and the well-known paths below into its directory, then
 * compares the status lines curl printed, reason phrases included, and the header fields listed
 * (`<...>` in a value matches any token; Allow is compared as a set). "# Result: no response"
 * means the server closed the connection without a status line.
 *
 * Well-known absolute paths in the fragments are rewritten to files in the test's temporary
 * directory: /var/www (html/ with the pages the fragments name, uploads/ writable),
 * /var/lib/apache2/dav (the DAV lock database), /var/lib/portal (writable), /etc/nginx/.htpasswd
 * and /etc/apache2/.htpasswd (user "user", password "passwd"), /var/log/nginx/access.log (read
 * for "Access log" lines), /run/app/app.sock (a fake HTTP
 * application) and /run/php/php-fpm.sock (a fake FastCGI one), which behave per "Try it" as
 * `applications` says.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { connect, createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { killGroup, startDaemon, stopDaemon } from "./daemon.ts";
import { freePort } from "./httpbin-server.ts";

const examplesDir = fileURLToPath(new URL("../../examples/", import.meta.url));
const nginxBinary = "/usr/sbin/nginx";
const apacheBinary = "/usr/sbin/apache2";
const apacheModules = "/usr/lib/apache2/modules";
type ServerKind = "nginx" | "apache";

/**
 * The httpd modules every fragment may use: Debian's default set plus those the fragments name
 * (mod_dav, mod_proxy_*, mod_headers, mod_substitute, mod_ratelimit, mod_rewrite, mod_http2).
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
  "substitute",
  "ratelimit",
  "rewrite",
  "reqtimeout",
  "dav",
  "dav_fs",
  "proxy",
  "proxy_http",
  "proxy_fcgi",
  "http2",
];

/**
 * What the fake application behind /run/app/app.sock (HTTP) or /run/php/php-fpm.sock (FastCGI) does
 * with a request: "ok" answers 200 at once ("upgrade" answers a WebSocket handshake with 101 and
 * anything else with 200), "processing" sends 102 before its 200, "hang-up" closes the connection,
 * "silent" reads the request and never answers, "down" is nothing listening at all.
 */
type Application = "ok" | "upgrade" | "processing" | "hang-up" | "silent" | "down";

/**
 * How the application behaves for each "Try it" of a fragment, in order (the last one holds for the
 * rest). A fragment that names a socket and is not listed here gets an application that answers "ok".
 */
const applications: Readonly<Record<string, readonly Application[]>> = {
  "101/nginx.conf": ["upgrade"],
  "101/apache.conf": ["upgrade"],
  "102/apache.conf": ["processing", "ok"],
  "102/nginx.conf": ["processing", "ok"],
  "426/nginx.conf": ["upgrade"],
  "426/apache.conf": ["upgrade"],
  "502/apache.conf": ["hang-up", "ok", "down"],
  "502/nginx.conf": ["hang-up", "ok", "down"],
  "504/nginx.conf": ["silent", "ok"],
  "504/apache.conf": ["silent", "ok"],
  "499/nginx.conf": ["silent", "ok"],
};

/**
 * Fragments whose directives show how a server avoids the page's code (411: chunked content is
 * accepted; 203: a filter that changes the content keeps the 200; 429: mod_ratelimit refuses
 * nothing): their "Try it" lines must hold, and none may get the code.
 */
const avoids = new Set(["203/apache.conf", "203/nginx.conf", "411/apache.conf", "411/nginx.conf", "429/apache.conf"]);

type Storage = "space" | "full";

/**
 * Fragments whose uploads directory is a file system of its own, and its state for each "Try it",
 * in order (the last one holds for the rest): "space" holds what the requests wrote and nothing
 * else, "full" is filled until no block and no inode is left (see `fillUp`).
 */
const storage: Readonly<Record<string, readonly Storage[]>> = {
  "507/nginx.conf": ["space", "full"],
  "507/apache.conf": ["space", "full"],
};

/**
 * How long the relay in front of a TLS server holds each chunk the server sends. Without it, on
 * loopback, the client's Finished can reach nginx before nginx has read the request sent as early
 * data, and the handshake is then complete (examples/425/nginx.conf); on a network, the client
 * cannot finish the handshake sooner than one round trip after the server's flight.
 */
const roundTripMs = 300;

interface ExpectedResponse {
  status: number;
  reason: string;
  /** Header fields of the response; the value "(none)" says the field must be absent. */
  headers: Array<[name: string, value: string]>;
}
interface Claim {
  /** The words in parentheses after "Try it", if any: what the reader has to arrange. */
  label: string;
  command: string;
  /** The responses in order, or "none" for a connection closed without a response. */
  responses: ExpectedResponse[] | "none";
  /** "# Printed: <text>" lines: text the commands must have printed (stdout or stderr). */
  printed: string[];
}
interface Claims {
  claims: Claim[];
  /** "# Error log: <text>" lines: text the server must have written to its error log. */
  errorLog: string[];
  /** "# Access log: <text>" lines: text nginx must have written to its access log. */
  accessLog: string[];
  /** "# Rejected: <directive>" lines: a directive the server's syntax check must refuse. */
  rejected: string[];
}

/** Reads every "Try it" (each with its "Result" and "Printed" lines) and log comment of a fragment. */
function parseClaims(fragment: string): Claims {
  const lines = fragment.split("\n");
  const claims: Claim[] = [];
  const errorLog: string[] = [];
  const accessLog: string[] = [];
  const rejected: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    const logged = /^# Error log: (.+)$/.exec(line)?.[1];
    if (logged !== undefined) errorLog.push(logged.trim());
    const accessed = /^# Access log: (.+)$/.exec(line)?.[1];
    if (accessed !== undefined) accessLog.push(accessed.trim());
    const refused = /^# Rejected: (.+)$/.exec(line)?.[1];
    if (refused !== undefined) rejected.push(refused.trim());
    const tryIt = /^# Try it(?: \(([^)]*)\))?:\s*(.*)$/.exec(line);
    index++;
    if (tryIt === null) continue;
    const commands: string[] = tryIt[2] === "" || tryIt[2] === undefined ? [] : [tryIt[2]];
    for (; index < lines.length && lines[index]?.startsWith("#   "); index++)
      commands.push(lines[index]!.slice(4).trim());
    const responses: ExpectedResponse[] = [];
    const printed: string[] = [];
    let closed = false;
    for (; index < lines.length; index++) {
      const current = lines[index] ?? "";
      const result = /^# Result: (.*)$/.exec(current)?.[1];
      const header = /^#   ([\w-]+): (.*)$/.exec(current);
      const output = /^# Printed: (.+)$/.exec(current)?.[1];
      if (output !== undefined) printed.push(output.trim());
      else if (result === "no response") closed = true;
      else if (result !== undefined) {
        const [, status = "", reason = ""] = /^(\d{3})(?: (.*))?$/.exec(result) ?? [];
        if (status === "") throw new Error(`Cannot read "${current}": expected "# Result: <code> <reason phrase>".`);
        responses.push({ status: Number(status), reason, headers: [] });
      } else if (header !== null && responses.length > 0) responses.at(-1)!.headers.push([header[1]!, header[2]!]);
      else break;
    }
    if (commands.length === 0 || (responses.length === 0 && !closed)) {
      throw new Error(`"${line}" needs a command and at least one "# Result:" line.`);
    }
    claims.push({
      label: tryIt[1] ?? "",
      command: commands.join("\n"),
      responses: closed ? "none" : responses,
      printed,
    });
  }
  return { claims, errorLog, accessLog, rejected };
}

/** A fragment has directives when it is more than comments. */
const hasDirectives = (text: string) =>
  text.split("\n").some((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));

/**
 * The both-ways rule for a fragment of examples/<code>/: at least one "Try it" gets <code> (or, for
 * a code the server only logs, no response at all), and at least one neighbour gets a response
 * that is not <code>. Returns what is missing, as sentences.
 */
function bothWaysProblems(code: number, claims: readonly Claim[]): string[] {
  const problems: string[] = [];
  const gets = (claim: Claim) => claim.responses === "none" || claim.responses.some((r) => r.status === code);
  if (!claims.some(gets)) problems.push(`no "Try it" gets ${code}`);
  if (!claims.some((claim) => !gets(claim))) problems.push(`no neighbour "Try it" gets an answer other than ${code}`);
  return problems;
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

/** Points the commands' localhost (http://localhost[:80], and localhost:443 as openssl's -connect) at the server. */
const pointAt = (text: string, port: number) =>
  text
    .replace(/:\/\/localhost(:80)?(?=[/\s'"]|$)/gm, `://127.0.0.1:${port}`)
    .replace(/(?<=\s|^)localhost:443(?=\s|$)/gm, `127.0.0.1:${port}`);

/** A fragment is served over TLS when its commands connect to localhost:443. */
const overTls = (claims: readonly Claim[]) =>
  claims.some((claim) => /(?<=\s|^)localhost:443(?=\s|$)/m.test(claim.command));

/** The temporary directory of one check, with the files the fragments' well-known paths point at. */
function makeSandbox(): string {
  const dir = mkdtempSync(`${tmpdir()}/server-config-`);
  chmodSync(dir, 0o755);
  for (const sub of ["www/html/docs", "www/html/legacy", "www/html/protected", "run", "temp", "logs"]) {
    mkdirSync(`${dir}/${sub}`, { recursive: true });
  }
  for (const writable of ["www/uploads", "dav-lock", "portal"]) {
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
    .replace(/\/var\/log\/nginx\/access\.log/g, `${dir}/logs/access.log`)
    .replace(/\/run\/app\/app\.sock/g, `${dir}/app.sock`)
    .replace(/\/run\/php\/php-fpm\.sock/g, `${dir}/php-fpm.sock`)
    .replace(/\/var\/lib\/portal(?=[/"';\s]|$)/gm, `${dir}/portal`);
}

/**
 * A full nginx configuration around a fragment; "# In the http block:" parts go to http {}. Over
 * TLS, the server listens with ssl and the certificate `makeCertificate` wrote.
 */
function nginxConfig(fragment: string, dir: string, port: number, tls: boolean): string {
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
    listen 127.0.0.1:${port}${tls ? ` ssl;\n    ssl_certificate ${dir}/tls/cert.pem;\n    ssl_certificate_key ${dir}/tls/key.pem` : ""};
${serverPart}
  }
}
`;
}

/** A full httpd configuration around a fragment (no Debian apache2.conf, no envvars), with mod_ssl over TLS. */
function apacheConfig(fragment: string, dir: string, port: number, tls: boolean): string {
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
${tls ? `LoadModule ssl_module ${apacheModules}/mod_ssl.so\nSSLEngine on\nSSLCertificateFile "${dir}/tls/cert.pem"\nSSLCertificateKeyFile "${dir}/tls/key.pem"` : ""}
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

/** The end of a request's content, by Content-Length or the last chunk; undefined while it is incomplete. */
function requestComplete(request: string): boolean {
  const end = request.indexOf("\r\n\r\n");
  if (end === -1) return false;
  const head = request.slice(0, end);
  const length = /^content-length:\s*(\d+)/im.exec(head)?.[1];
  if (/^transfer-encoding:.*chunked/im.test(head)) return request.endsWith("0\r\n\r\n");
  return request.length - end - 4 >= Number(length ?? 0);
}

/** One FastCGI record (FastCGI 1.0 §3.3): version 1, type, request id 1, content, no padding. */
const fastcgiRecord = (type: number, content: Buffer) =>
  Buffer.concat([Buffer.from([1, type, 0, 1, content.length >> 8, content.length & 0xff, 0, 0]), content]);

/** A fake application on a Unix socket (HTTP, or FastCGI for PHP-FPM's socket), behaving as the claim needs. */
async function startApplication(
  path: string,
  protocol: "http" | "fastcgi",
): Promise<{ behaviour: Application; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const control = { behaviour: "ok" as Application, close };
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const behaviour = control.behaviour;
    let request = Buffer.alloc(0);
    let answered = false;
    socket.on("data", (chunk: Buffer) => {
      request = Buffer.concat([request, chunk]);
      if (answered) return;
      if (protocol === "fastcgi") {
        // The request is complete with its empty FCGI_STDIN record (type 5, length 0).
        let offset = 0;
        let complete = false;
        while (offset + 8 <= request.length) {
          const length = request.readUInt16BE(offset + 4);
          if (request[offset + 1] === 5 && length === 0) complete = true;
          offset += 8 + length + request[offset + 6]!;
        }
        if (!complete) return;
        answered = true;
        if (behaviour === "hang-up") socket.destroy();
        else if (behaviour !== "silent") {
          const output = Buffer.from("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\nDone\n");
          socket.end(
            Buffer.concat([
              fastcgiRecord(6, output),
              fastcgiRecord(6, Buffer.alloc(0)),
              fastcgiRecord(3, Buffer.alloc(8)),
            ]),
          );
        }
        return;
      }
      const text = request.toString("latin1");
      if (!requestComplete(text)) return;
      answered = true;
      // X-Request-Framing tells how the request content came: by Content-Length, chunked, or none.
      const head = text.slice(0, text.indexOf("\r\n\r\n"));
      const framing = /^transfer-encoding:.*chunked/im.test(head)
        ? "chunked"
        : /^content-length:/im.test(head)
          ? "content-length"
          : "none";
      const done = `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nX-Request-Framing: ${framing}\r\nConnection: close\r\n\r\nDone\n`;
      const key = /^sec-websocket-key:\s*(\S+)/im.exec(text)?.[1];
      if (behaviour === "hang-up") socket.destroy();
      else if (behaviour === "processing") socket.end(`HTTP/1.1 102 Processing\r\n\r\n${done}`);
      else if (behaviour === "upgrade" && key !== undefined && /^upgrade:\s*websocket/im.test(text)) {
        // RFC 6455 §4.2.2: the accept value is the key with the protocol's GUID, SHA-1, base64.
        const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
        socket.end(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
      } else if (behaviour !== "silent") socket.end(done);
      // "silent": read the request and never answer.
    });
  });
  let listening = false;
  async function listen() {
    await new Promise<void>((ready) => server.listen(path, ready));
    chmodSync(path, 0o777);
    listening = true;
  }
  async function close() {
    sockets.forEach((socket) => socket.destroy());
    if (listening) await new Promise<void>((closed) => server.close(() => closed()));
    listening = false;
    rmSync(path, { force: true });
  }
  await listen();
  return control;
}

/** A self-signed certificate for localhost (P-256, one day) in <dir>/tls, made with `openssl req`. */
async function makeCertificate(dir: string): Promise<string[]> {
  mkdirSync(`${dir}/tls`);
  const args = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"];
  const made = await run(
    "openssl",
    [...args, "-subj", "/CN=localhost", "-keyout", `${dir}/tls/key.pem`, "-out", `${dir}/tls/cert.pem`],
    { timeoutMs: 15_000 },
  );
  return made.code === 0 ? [] : [`openssl req could not make a certificate:\n${made.stderr}`];
}

/**
 * A relay on a free loopback port to the TLS server on `target`: what the client sends goes on at
 * once, what the server sends is held for `roundTripMs` (in order), as a network would hold it.
 */
async function startRelay(target: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => setTimeout(() => client.write(chunk), roundTripMs));
    upstream.on("end", () => setTimeout(() => client.end(), roundTripMs));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the relay has no port");
  return {
    port: address.port,
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

/**
 * Mounts a tmpfs of 64 KiB and 16 inodes on `path` (world-writable, as httpd writes as www-data).
 * Returns why it could not, as a sentence, or undefined once mounted.
 */
async function mountSmallFileSystem(path: string): Promise<string | undefined> {
  const options = "size=64k,nr_inodes=16,mode=0777";
  const mounted = await run("mount", ["-t", "tmpfs", "-o", options, "server-configs-storage", path], {
    timeoutMs: 15_000,
  });
  if (mounted.code === 0) return undefined;
  return (
    `this check needs a file system it can fill, and mounting a small tmpfs on ${path} failed ` +
    `(${mounted.stderr.trim() || `exit status ${mounted.code}`}). Run the suite as root (as .ci/run does), ` +
    "in a container allowed to mount (CAP_SYS_ADMIN)."
  );
}

/** Fills the file system at `path`: one file until no block is left, then empty files until no inode is. */
function fillUp(path: string): void {
  const block = Buffer.alloc(4096);
  const descriptor = openSync(`${path}/.filler`, "w");
  try {
    for (let written = 0; written < 256; written++) writeSync(descriptor, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(descriptor);
  }
  for (let count = 0; count < 64; count++) {
    try {
      writeFileSync(`${path}/.filler-${count}`, "");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      break;
    }
  }
  const { bavail, ffree } = statfsSync(path);
  if (bavail !== 0 || ffree !== 0) throw new Error(`${path} is not full: ${bavail} blocks, ${ffree} inodes free`);
}

/** Removes what `fillUp` wrote, leaving what the requests wrote. */
function emptyOut(path: string): void {
  for (const name of readdirSync(path)) if (name.startsWith(".filler")) rmSync(`${path}/${name}`);
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
function prepare(fragment: Fragment, dir: string, port: number, tls = false) {
  const text = rewritePaths(fragment.text, dir);
  const conf = `${dir}/${fragment.server}.conf`;
  if (fragment.server === "nginx") {
    writeFileSync(conf, nginxConfig(text, dir, port, tls));
    const common = ["-p", `${dir}/www/`, "-e", `${dir}/logs/error.log`, "-c", conf];
    return { binary: nginxBinary, test: ["-t", "-q", ...common], serve: common, log: `${dir}/logs/error.log` };
  }
  writeFileSync(conf, apacheConfig(text, dir, port, tls));
  return {
    binary: apacheBinary,
    test: ["-t", "-f", conf],
    serve: ["-f", conf, "-DFOREGROUND"],
    log: `${dir}/logs/error.log`,
  };
}

/** Starts the server of a fragment; another process may take the free port first, then try another. */
async function serve(fragment: Fragment, dir: string, tls: boolean): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const { binary, serve: args, log } = prepare(fragment, dir, port, tls);
    try {
      return { child: await startDaemon(binary, args, port, log), port };
    } catch (error) {
      if (attempt === 3 || !/in use/i.test(String(error))) throw error;
    }
  }
}

/**
 * One server of each kind with no fragment in it, started on first use and shared by every
 * comment-only fragment whose "Try it" lines show what the server does by itself (their
 * configurations would all be the same), so that each does not start its own.
 */
const bareServers = new Map<ServerKind, Promise<{ child: ChildProcess; port: number; dir: string }>>();

function bareServer(server: ServerKind): Promise<{ child: ChildProcess; port: number; dir: string }> {
  let started = bareServers.get(server);
  if (started === undefined) {
    const dir = makeSandbox();
    started = serve({ file: `bare/${server}.conf`, server, text: "" }, dir, false).then((served) => ({
      ...served,
      dir,
    }));
    bareServers.set(server, started);
  }
  return started;
}

const bareChecks = new Map<ServerKind, Promise<Finished>>();

/** The syntax check of the configuration with no fragment in it, run once per server kind. */
function bareSyntaxCheck(server: ServerKind): Promise<Finished> {
  let checked = bareChecks.get(server);
  if (checked === undefined) {
    const dir = makeSandbox();
    const { binary, test: args } = prepare({ file: `bare/${server}.conf`, server, text: "" }, dir, 1);
    checked = run(binary, args, { timeoutMs: 15_000 }).finally(() => rmSync(dir, { recursive: true, force: true }));
    bareChecks.set(server, checked);
  }
  return checked;
}

afterAll(async () => {
  for (const started of bareServers.values()) {
    const { child, dir } = await started;
    await stopDaemon(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** How a response curl printed differs from the claim's, as sentences (none when it matches). */
function compare(claim: Claim, received: ReceivedResponse[], port: number): string[] {
  if (claim.responses === "none") {
    return received.length === 0 ? [] : [`expected no response, got ${received.map((r) => r.status).join(", ")}`];
  }
  const problems: string[] = [];
  const statuses = (list: Array<{ status: number; reason: string }>) =>
    list.map((r) => `${r.status} ${r.reason}`.trim()).join(", ");
  if (statuses(received) !== statuses(claim.responses)) {
    problems.push(`expected ${statuses(claim.responses)}, got ${statuses(received) || "nothing"}`);
  }
  claim.responses.forEach((expected, index) => {
    const headers = received[index]?.headers ?? [];
    for (const [name, value] of expected.headers) {
      const values = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
      const pattern = valuePattern(pointAt(value, port));
      const matches =
        value === "(none)"
          ? values.length === 0
          : values.some((v) => pattern.test(v) || (name.toLowerCase() === "allow" && sameMethods(v, value)));
      if (!matches) problems.push(`${name} of response ${index + 1}: expected ${value}, got ${JSON.stringify(values)}`);
    }
  });
  return problems;
}

/**
 * Checks one fragment with its real server: the syntax check, then (when it has directives) every
 * "Try it" against a running server, the both-ways rule and the error log. Returns the problems
 * found, as sentences; an empty list means every claim of the fragment held.
 */
async function check(fragment: Fragment): Promise<string[]> {
  const code = Number(fragment.file.slice(0, 3));
  const { claims, errorLog, accessLog, rejected } = parseClaims(fragment.text);
  const dir = makeSandbox();
  const tls = overTls(claims);
  const uploads = `${dir}/www/uploads`;
  let child: ChildProcess | undefined;
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  let mounted = false;
  const apps: Array<Awaited<ReturnType<typeof startApplication>>> = [];
  try {
    if (tls) {
      const unmade = await makeCertificate(dir);
      if (unmade.length > 0) return unmade;
    }
    const { binary, test: testArgs } = prepare(fragment, dir, 1, tls);
    // Comments only: the configuration is the bare one, checked once for all of them.
    const checked =
      hasDirectives(fragment.text) || tls
        ? await run(binary, testArgs, { timeoutMs: 15_000 })
        : await bareSyntaxCheck(fragment.server);
    if (checked.code !== 0) return [`${binary} ${testArgs.join(" ")} failed:\n${checked.stdout}${checked.stderr}`];
    const problems: string[] = [];
    for (const directive of rejected) {
      // The directive alone (nginx: in a location), which the syntax check must refuse.
      const trial = fragment.server === "nginx" ? `location /rejected/ {\n    ${directive}\n}` : directive;
      const { test: trialArgs } = prepare({ ...fragment, text: trial }, dir, 1);
      const refused = await run(binary, trialArgs, { timeoutMs: 15_000 });
      if (refused.code === 0) problems.push(`"${directive}" was accepted, but the comment says it is rejected`);
    }
    // Comments only: nothing to serve, unless it shows what the server does with no directive.
    if (claims.length === 0 && !hasDirectives(fragment.text)) return problems;
    if (claims.length === 0) return [...problems, 'has directives but no "Try it"'];
    // Both ways where the fragment configures something; a fragment of comments only shows what
    // the server does by itself, which may be never to send the code.
    if (avoids.has(fragment.file)) {
      const gets = claims.filter(
        (claim) => claim.responses === "none" || claim.responses.some((r) => r.status === code),
      );
      if (gets.length > 0) problems.push(`a "Try it" gets ${code}, which this fragment shows how to avoid`);
    } else if (hasDirectives(fragment.text)) problems.push(...bothWaysProblems(code, claims));
    if (fragment.text.includes("/run/app/app.sock")) apps.push(await startApplication(`${dir}/app.sock`, "http"));
    if (fragment.text.includes("/run/php/php-fpm.sock")) {
      apps.push(await startApplication(`${dir}/php-fpm.sock`, "fastcgi"));
    }
    const states = storage[fragment.file];
    if (states !== undefined) {
      const refused = await mountSmallFileSystem(uploads);
      if (refused !== undefined) return [...problems, refused];
      mounted = true;
    }
    // A fragment of comments only, whose server would be configured as the shared bare one.
    const bare =
      !hasDirectives(fragment.text) &&
      !tls &&
      errorLog.length + accessLog.length === 0 &&
      states === undefined &&
      apps.length === 0;
    let port: number;
    let cwd = dir;
    if (bare) ({ port, dir: cwd } = await bareServer(fragment.server));
    else {
      const served = await serve(fragment, dir, tls);
      child = served.child;
      if (tls) relay = await startRelay(served.port);
      port = relay?.port ?? served.port;
    }
    const behaviours = applications[fragment.file] ?? ["ok"];
    for (const [index, claim] of claims.entries()) {
      const behaviour = behaviours[Math.min(index, behaviours.length - 1)]!;
      for (const app of apps) {
        app.behaviour = behaviour;
        if (behaviour === "down") await app.close();
      }
      const state = states?.[Math.min(index, states.length - 1)];
      if (state === "full") fillUp(uploads);
      else if (state === "space") emptyOut(uploads);
      const command = pointAt(rewritePaths(claim.command, cwd), port);
      const tried = await run("bash", ["-c", command], { cwd, timeoutMs: 30_000 });
      const found = compare(claim, parseResponses(tried.stdout), port);
      for (const text of claim.printed) {
        if (!`${tried.stdout}\n${tried.stderr}`.includes(text)) found.push(`"${text}" was not printed`);
      }
      for (const problem of found) {
        problems.push(
          `Try it${claim.label === "" ? "" : ` (${claim.label})`}: ${problem}\n  ${claim.command}\n  printed: ${tried.stdout.slice(0, 600)}${tried.stderr.slice(-300)}`,
        );
      }
    }
    const log = existsSync(`${dir}/logs/error.log`) ? readFileSync(`${dir}/logs/error.log`, "utf8") : "";
    for (const text of errorLog) if (!log.includes(text)) problems.push(`the error log lacks "${text}":\n${log}`);
    const access = existsSync(`${dir}/logs/access.log`) ? readFileSync(`${dir}/logs/access.log`, "utf8") : "";
    for (const text of accessLog) {
      if (!access.includes(text)) problems.push(`the access log lacks "${text}":\n${access}`);
    }
    return problems;
  } finally {
    await relay?.close();
    if (child !== undefined) await stopDaemon(child);
    for (const app of apps) await app.close();
    // Lazily, so that a file still open cannot keep the sandbox from being removed.
    if (mounted) await run("umount", ["--lazy", uploads], { timeoutMs: 15_000 });
    rmSync(dir, { recursive: true, force: true });
  }
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
  const { claims, errorLog, accessLog } = parseClaims(
    [
      "# Try it:",
      "#   curl -s -o /dev/null http://localhost/a",
      "#   curl -i http://localhost/a",
      "# Result: 103",
      "#   Link: </a.css>; rel=preload",
      "# Result: 200 OK",
      "#   Retry-After: (none)",
      "# Printed: Early data was accepted",
      "# Try it (with the app stopped): curl -i http://localhost/",
      "# Result: no response",
      "# Error log: connect() failed",
      '# Access log: "GET / HTTP/1.1" 499',
    ].join("\n"),
  );
  expect(claims).toEqual([
    {
      label: "",
      command: "curl -s -o /dev/null http://localhost/a\ncurl -i http://localhost/a",
      responses: [
        { status: 103, reason: "", headers: [["Link", "</a.css>; rel=preload"]] },
        { status: 200, reason: "OK", headers: [["Retry-After", "(none)"]] },
      ],
      printed: ["Early data was accepted"],
    },
    { label: "with the app stopped", command: "curl -i http://localhost/", responses: "none", printed: [] },
  ]);
  expect(errorLog).toEqual(["connect() failed"]);
  expect(accessLog).toEqual(['"GET / HTTP/1.1" 499']);
  expect(pointAt("curl -x http://localhost:80 http://localhost/x", 8080)).toBe(
    "curl -x http://127.0.0.1:8080 http://127.0.0.1:8080/x",
  );
  const tls = "openssl s_client -connect localhost:443 -tls1_3 < request.txt";
  expect(pointAt(tls, 8443)).toBe("openssl s_client -connect 127.0.0.1:8443 -tls1_3 < request.txt");
  expect(overTls(claims)).toBe(false);
  expect(overTls([{ ...claims[0]!, command: tls }])).toBe(true);
  expect(valuePattern("bytes */<length>").test("bytes */61")).toBe(true);
  expect(valuePattern("bytes */<length>").test("bytes 0-9/61")).toBe(false);
  const absent = {
    label: "",
    command: "",
    responses: [{ status: 200, reason: "OK", headers: [["Retry-After", "(none)"]] }],
  };
  expect(compare(absent as Claim, [{ status: 200, reason: "OK", headers: [] }], 1)).toEqual([]);
  expect(compare(absent as Claim, [{ status: 200, reason: "OK", headers: [["Retry-After", "1"]] }], 1)).toHaveLength(1);
});

test("the both-ways rule wants the page's status and a neighbour that does not get it", () => {
  const answer = (status: number): Claim => ({
    label: "",
    command: "",
    responses: [{ status, reason: "", headers: [] }],
    printed: [],
  });
  expect(bothWaysProblems(415, [answer(415), answer(200)])).toEqual([]);
  expect(bothWaysProblems(415, [answer(415)])).toEqual(['no neighbour "Try it" gets an answer other than 415']);
  expect(bothWaysProblems(415, [answer(200)])).toEqual(['no "Try it" gets 415']);
  expect(bothWaysProblems(444, [{ label: "", command: "", responses: "none", printed: [] }, answer(200)])).toEqual([]);
});

test(
  "a configuration that refuses its own good case is reported (415 with %{CONTENT_TYPE}, which mod_rewrite does not know)",
  { timeout: 60_000 },
  async () => {
    const fixed = all.find((each) => each.file === "415/apache.conf")!;
    const planted = fixed.text.replace(/RewriteCond "%\{HTTP:Content-Type\}"/, 'RewriteCond "%{CONTENT_TYPE}"');
    expect(planted).not.toBe(fixed.text);
    const problems = await check({ ...fixed, text: planted });
    expect(problems.join("\n")).toMatch(/expected 200 OK, got 415 Unsupported Media Type/);
  },
);

describe.concurrent.each(["nginx", "apache"] as const)("%s", (server) => {
  for (const fragment of all.filter((each) => each.server === server)) {
    const { claims } = parseClaims(fragment.text);
    const summary =
      !hasDirectives(fragment.text) && claims.length === 0
        ? `passes ${server === "nginx" ? "nginx -t" : "apache2 -t"} (comments only: nothing to serve)`
        : claims.length === 0
          ? "passes the syntax check (not tried: no Try it)"
          : `passes the syntax check, and answers ${claims
              .map((claim) =>
                claim.responses === "none"
                  ? "no response"
                  : claim.responses.map((r) => `${r.status} ${r.reason}`.trim()).join(" then "),
              )
              .join("; ")}`;
    test(`examples/${fragment.file} ${summary}`, { timeout: 90_000 }, async () => {
      expect(await check(fragment)).toEqual([]);
    });
  }
});
