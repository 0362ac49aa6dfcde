/**
 * The status-code checks on servers nobody here wrote, on loopback, each started once: nginx 1.22
 * and Apache httpd 2.4 serving a static file with their defaults, Debian's httpbin (its /status,
 * /etag, /range, /cache and /response-headers endpoints), and oidc-provider (npm, a certified
 * OpenID provider) behind a minimal resource server for the OAuth chain. Every finding of every
 * report is asserted: each is either a real deviation of that server, explained with its source
 * beside the assertion, or it was our mistake and was fixed (decisions/probe.md, "Real servers").
 */
import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProbeSend } from "../../src/probe/probe-http.ts";
import type { ProbeReport } from "../../src/probe/probe-types.ts";
import { runProbe } from "../../src/probe/run-probe.ts";
import { startNginxAndApache, stopDaemon } from "./daemon.ts";
import { freePort, startHttpbin, type RunningHttpbin } from "./httpbin-server.ts";

const probe = (url: string) =>
  runProbe({ url, send: createProbeSend({ targets: "any", requestTimeoutMs: 5_000, totalTimeoutMs: 20_000 }) });

/** Each step as "METHOD status (sub-request): finding ids", the whole report in one list. */
const summary = (report: ProbeReport) =>
  report.steps.map((step) =>
    `${step.exchange.request.method} ${step.exchange.response.status}${step.active === undefined ? "" : ` (${step.active})`}: ${step.findings.map((f) => f.id).join(" ")}`.trimEnd(),
  );

/** The examples/ configurations that run as they are on a static root (the others need an application behind them). */
const exampleCodes = [301, 302, 307, 308, 410];
const exampleFragments = (server: "nginx" | "apache") =>
  exampleCodes
    .map((code) => readFileSync(new URL(`../../examples/${code}/${server}.conf`, import.meta.url), "utf8"))
    .join("\n");
/** The static files: one to probe, and where the examples' redirects lead. */
const pages: Record<string, string> = {
  "file.txt": "hello, static file\n",
  "articles/hello-world": "an article\n",
  "spring-sale/index.html": "<!doctype html><title>Sale</title>\n",
  "api/v2/items": "[]\n",
  "files/report.txt": "a report\n",
};

const dir = mkdtempSync(`${tmpdir()}/probe-real-`);
let nginx: ChildProcess | undefined;
let apache: ChildProcess | undefined;
let httpbin: RunningHttpbin | undefined;
let nginxPort = 0;
let apachePort = 0;

beforeAll(async () => {
  chmodSync(dir, 0o755);
  for (const sub of ["html", "run", "logs", "temp"]) mkdirSync(`${dir}/${sub}`, { recursive: true });
  for (const [path, text] of Object.entries(pages)) {
    mkdirSync(`${dir}/html/${path.replace(/[^/]*$/, "")}`, { recursive: true });
    writeFileSync(`${dir}/html/${path}`, text);
  }
  // A Last-Modified well in the past, so the heuristic freshness is a stable 10% of a known age.
  utimesSync(`${dir}/html/file.txt`, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z"));
  [nginxPort, apachePort] = [await freePort(), await freePort()];
  writeFileSync(
    `${dir}/nginx.conf`,
    `daemon off; master_process off; pid ${dir}/run/nginx.pid; error_log ${dir}/logs/nginx.log warn;
events { worker_connections 32; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/temp/body; proxy_temp_path ${dir}/temp/proxy; fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi; scgi_temp_path ${dir}/temp/scgi;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${dir}/html;
${exampleFragments("nginx")}
  }
}
`,
  );
  const modules = "/usr/lib/apache2/modules";
  writeFileSync(
    `${dir}/apache.conf`,
    `ServerRoot "${dir}"
DefaultRuntimeDir "${dir}/run"
PidFile "${dir}/run/httpd.pid"
ErrorLog "${dir}/logs/apache.log"
Listen 127.0.0.1:${apachePort}
ServerName localhost
${process.getuid?.() === 0 ? "User www-data\nGroup www-data" : ""}
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
${["authz_core", "mime", "dir", "alias"].map((name) => `LoadModule ${name}_module ${modules}/mod_${name}.so`).join("\n")}
TypesConfig /etc/mime.types
StartServers 1
ServerLimit 1
ThreadsPerChild 8
MaxRequestWorkers 8
DocumentRoot "${dir}/html"
<Directory "${dir}/html">
  AllowOverride None
  Require all granted
</Directory>
${exampleFragments("apache")}
`,
  );
  [[nginx, apache], httpbin] = await Promise.all([
    startNginxAndApache(dir, { nginx: nginxPort, apache: apachePort }),
    startHttpbin(),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([nginx && stopDaemon(nginx), apache && stopDaemon(apache), httpbin?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/** A static file's report on a server that gets it right: the 200 and its sub-requests. */
const served = (last: { options: string; contentType?: boolean }) => [
  `GET 200:${last.contentType === true ? " content-type-missing" : ""}`,
  "HEAD 200 (head):",
  "GET 304 (if-none-match):",
  "GET 304 (if-modified-since):",
  `GET 206 (range):${last.contentType === true ? " content-type-missing" : ""}`,
  last.options,
];
/** An example's redirect followed to its static file. */
const redirected = (status: number, last: { options: string; contentType?: boolean }) => [
  `GET ${status}:`,
  ...served(last),
];

describe("nginx 1.22, its defaults and the examples/ fragments that run on a static root", () => {
  test("a static file: HEAD, both conditional GETs (304) and Range (206) right; OPTIONS gets nginx's 405 without Allow", async () => {
    const origin = `http://127.0.0.1:${nginxPort}`;
    const file = await probe(`${origin}/file.txt`);
    // nginx's static module answers every method but GET, HEAD and POST with its own 405 and no
    // Allow (ngx_http_static_handler returns NGX_HTTP_NOT_ALLOWED, and the special response adds
    // no field; https://github.com/nginx/nginx/blob/release-1.22.1/src/http/modules/ngx_http_static_module.c;
    // examples/405/nginx.conf says so and adds Allow itself): RFC 9110 §15.5.6 asks for Allow on every 405.
    const nginxOptions = "OPTIONS 405 (options): allow-missing";
    expect(summary(file)).toEqual(served({ options: nginxOptions }));
    expect(file.steps.at(-1)?.findings[0]).toMatchObject({ severity: "error", rfc: { label: "RFC 9110 §15.5.6" } });
    // Last-Modified 2026-01-01, no Cache-Control or Expires: 10% of its age (RFC 9111 §4.2.2).
    expect(file.freshness).toMatchObject({ source: "heuristic" });
    expect(file.freshness?.lifetimeSeconds).toBeGreaterThan(30 * 86_400);
    expect(summary(await probe(`${origin}/missing`))).toEqual(["GET 404:"]);
    for (const [path, status] of [
      ["/blog/hello-world", 301],
      ["/sale", 302],
      ["/api/v1/items", 307],
      ["/upload/report.txt", 308],
    ] as const) {
      expect(summary(await probe(`${origin}${path}`)), path).toEqual(redirected(status, { options: nginxOptions }));
    }
    expect(summary(await probe(`${origin}/campaigns/2023/`))).toEqual(["GET 410:"]);
  });
});

describe("Apache httpd 2.4, its defaults and the same examples/ fragments", () => {
  test("a static file: every sub-request right, OPTIONS with Allow; a file without extension gets no Content-Type", async () => {
    const origin = `http://127.0.0.1:${apachePort}`;
    const file = await probe(`${origin}/file.txt`);
    expect(summary(file)).toEqual(served({ options: "OPTIONS 200 (options):" }));
    expect(file.steps.at(-1)?.exchange.response.headers.find(([name]) => name === "Allow")?.[1]).toMatch(/GET/);
    expect(summary(await probe(`${origin}/missing`))).toEqual(["GET 404:"]);
    // httpd 2.4 sends no Content-Type for a file mod_mime cannot type (DefaultType is gone since
    // 2.4: https://httpd.apache.org/docs/2.4/mod/core.html#defaulttype). RFC 9110 §8.3 excuses a
    // sender that does not know the type, so this is a warning, not an error: the client sniffs.
    const untyped = { options: "OPTIONS 200 (options):", contentType: true };
    expect(summary(await probe(`${origin}/blog/hello-world`))).toEqual(redirected(301, untyped));
    expect(summary(await probe(`${origin}/api/v1/items`))).toEqual(redirected(307, untyped));
    const typed = { options: "OPTIONS 200 (options):" };
    expect(summary(await probe(`${origin}/sale`))).toEqual(redirected(302, typed));
    expect(summary(await probe(`${origin}/upload/report.txt`))).toEqual(redirected(308, typed));
    expect(summary(await probe(`${origin}/campaigns/2023/`))).toEqual(["GET 410:"]);
  });
});

describe("httpbin (python3-httpbin 0.7.0 on Werkzeug)", () => {
  test("its validators: unquoted ETags, and a bare 304", async () => {
    const at = (path: string) => probe(`${httpbin!.origin}${path}`);
    // httpbin sends the ETag it is given or computes without the double quotes RFC 9110 §8.8.3's
    // grammar requires (ETag: abc), so the probe cannot send it back as an entity tag and makes no
    // If-None-Match request; it ignores Range on JSON endpoints (allowed, RFC 9110 §14.2).
    expect(summary(await at("/etag/abc"))).toEqual([
      "GET 200: etag-invalid",
      "HEAD 200 (head): etag-invalid",
      "GET 200 (range): etag-invalid range-ignored",
      "OPTIONS 200 (options):",
    ]);
    expect(summary(await at("/range/26"))).toEqual([
      "GET 200: etag-invalid",
      "HEAD 200 (head): etag-invalid",
      "GET 206 (range): etag-invalid",
      "OPTIONS 200 (options):",
    ]);
    // /cache answers If-Modified-Since with a bare 304 (no ETag, which its 200 had): RFC 9110 §15.4.5.
    const cache = await at("/cache");
    expect(summary(cache)).toEqual([
      "GET 200: etag-invalid",
      "HEAD 200 (head): etag-invalid",
      "GET 304 (if-modified-since): fields-missing-on-304",
      "GET 200 (range): etag-invalid range-ignored",
      "OPTIONS 200 (options):",
    ]);
    expect(cache.steps[2]?.findings[0]?.message).toContain("leaves out ETag");
    const sixty = await at("/cache/60");
    expect(summary(sixty)).toEqual([
      "GET 200: no-validator",
      "HEAD 200 (head):",
      "GET 200 (range): range-ignored",
      "OPTIONS 200 (options):",
    ]);
    expect(sixty.freshness).toMatchObject({ lifetimeSeconds: 60, source: "max-age" });
  });

  test("its /status/<code>: a bare status line and Date, so each code's own field is missing where one is required", async () => {
    const at = async (path: string) => summary(await probe(`${httpbin!.origin}${path}`));
    // httpbin's /status/<code> adds fields only for a few codes (Location on 3xx, the challenges,
    // Proxy-Authenticate on 407): every other code's own field is absent, as the checks say.
    expect(await at("/status/405")).toEqual(["GET 405: allow-missing"]);
    expect(await at("/status/201")).toEqual(["GET 201: location-missing"]);
    expect(await at("/status/206")).toEqual(["GET 206: content-range-missing"]);
    expect(await at("/status/416")).toEqual(["GET 416: content-range-416-without-length"]);
    expect(await at("/status/426")).toEqual(["GET 426: upgrade-missing"]);
    expect(await at("/status/429")).toEqual(["GET 429: retry-after-absent"]);
    expect(await at("/status/503")).toEqual(["GET 503: retry-after-absent"]);
    // The neighbours: what httpbin does send is not flagged.
    expect(await at("/status/204")).toEqual(["GET 204:"]);
    expect(await at("/status/304")).toEqual(["GET 304:"]);
    expect(await at("/status/407")).toEqual(["GET 407:"]);
    expect(await at("/redirect-to?url=%2Fget")).toEqual([
      "GET 302:",
      "GET 200: no-validator",
      "HEAD 200 (head):",
      "GET 200 (range): range-ignored",
      "OPTIONS 200 (options):",
    ]);
    // A field the reader sets through /response-headers: a Retry-After that is no date and no number.
    expect((await at("/response-headers?Retry-After=soon"))[0]).toBe("GET 200: retry-after-invalid no-validator");
    expect((await at("/response-headers?Retry-After=120"))[0]).toBe("GET 200: no-validator");
  });
});

describe("oidc-provider 9 (npm), behind a minimal resource server", () => {
  test("the OAuth chain: issuer matches, S256 and registration offered; only the loopback-http warnings", async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [{ client_id: "probe", redirect_uris: ["http://127.0.0.1/cb"], token_endpoint_auth_method: "none" }],
      features: { registration: { enabled: true } },
    });
    const op = createServer(provider.callback());
    await new Promise<void>((listening) => op.listen(port, "127.0.0.1", listening));
    let resource = "";
    const rs: Server = createServer((request, response) => {
      if (request.url === "/mcp") {
        const metadata = `${resource}/.well-known/oauth-protected-resource/mcp`;
        response.writeHead(401, { "WWW-Authenticate": `Bearer resource_metadata="${metadata}"` }).end();
        return;
      }
      const document = JSON.stringify({ resource: `${resource}/mcp`, authorization_servers: [issuer] });
      response.writeHead(200, { "Content-Type": "application/json" }).end(document);
    });
    await new Promise<void>((listening) => rs.listen(0, "127.0.0.1", listening));
    resource = `http://127.0.0.1:${(rs.address() as AddressInfo).port}`;
    try {
      const chain = await probe(`${resource}/mcp`);
      // http on loopback is a warning for every URL (decisions/probe.md: https is required, a local
      // test server still gets a usable report); no error: the issuer is the one named, S256 listed.
      expect(
        chain.steps.map(
          (step) =>
            `${step.exchange.request.url.replace(/:\d+/, ":port")} ${step.exchange.response.status}: ${step.findings.map((f) => `${f.id}`).join(" ")}`,
        ),
      ).toEqual([
        "http://127.0.0.1:port/mcp 401: status-401-no-login-dialog resource-metadata-parameter-http-loopback",
        "http://127.0.0.1:port/.well-known/oauth-protected-resource/mcp 200: resource-metadata-resource-http-loopback resource-metadata-authorization-server-http-loopback",
        "http://127.0.0.1:port/.well-known/oauth-authorization-server 200: as-metadata-issuer-http-loopback as-metadata-authorization-endpoint-http-loopback as-metadata-token-endpoint-http-loopback as-metadata-registration-endpoint-http-loopback",
      ]);
      expect(chain.counts.error).toBe(0);
      const document: unknown = JSON.parse(chain.steps[2]?.exchange.response.body ?? "{}");
      expect(document).toMatchObject({ issuer, code_challenge_methods_supported: ["S256"] });
      // The discovery document itself, probed as a resource: a JSON answer with no validator
      // (Koa sets none), Range ignored; OPTIONS without a CORS preflight's fields is its 404.
      expect(summary(await probe(`${issuer}/.well-known/oauth-authorization-server`))).toEqual([
        "GET 200: no-validator",
        "HEAD 200 (head):",
        "GET 200 (range): range-ignored",
        "OPTIONS 404 (options):",
      ]);
    } finally {
      await Promise.all([new Promise((closed) => op.close(closed)), new Promise((closed) => rs.close(closed))]);
    }
  });
});
