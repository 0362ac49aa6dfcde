/**
 * `npm run probe` against real servers on loopback, each report compared with what it must say:
 * nginx with auth_basic (htpasswd), Apache with AuthType Digest (mod_auth_digest, htdigest),
 * Debian's httpbin, `npm start`'s own endpoints, and a small node:http server that is wrong on
 * purpose (a 401 without a challenge, a malformed challenge, an OAuth chain whose resource or
 * issuer does not match) beside one that is right. The CLI itself runs once, for its exit status.
 */
import { execFile, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProbeSend } from "../../src/probe/probe-http.ts";
import type { ProbeReport } from "../../src/probe/probe-types.ts";
import { runProbe } from "../../src/probe/run-probe.ts";
import { startNginxAndApache, stopDaemon } from "./daemon.ts";
import { freePort, startHttpbin, type RunningHttpbin } from "./httpbin-server.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

const probe = (url: string, credentials: { user?: string; password?: string; token?: string } = {}) =>
  runProbe({
    url,
    ...credentials,
    send: createProbeSend({ targets: "any", requestTimeoutMs: 5_000, totalTimeoutMs: 15_000 }),
  });

/** Every finding as "id (RFC section)", in order, per severity or all. */
const cited = (report: ProbeReport, severity?: "error" | "warning" | "info") =>
  report.steps.flatMap((step) =>
    step.findings
      .filter((f) => severity === undefined || f.severity === severity)
      .map((f) => `${f.id} (${f.rfc.label})`),
  );

// ---- the deliberately broken server, and a correct OAuth chain beside it ----------------------

let fixture: Server;
let origin = "";

function fixtureServer(): Server {
  return createServer((request, response) => {
    const path = request.url ?? "/";
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    const bearer = (metadataPath: string) => {
      if (request.headers.authorization === "Bearer good-token") return json(200, { ok: true });
      response
        .writeHead(401, { "WWW-Authenticate": `Bearer resource_metadata="${origin}${metadataPath}", scope="read"` })
        .end();
    };
    const asMetadata = (issuer: string) => ({
      issuer,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      registration_endpoint: `${origin}/register`,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
    });
    switch (path) {
      case "/no-challenge":
        return json(401, { error: "log in first" });
      case "/malformed":
        return response.writeHead(401, { "WWW-Authenticate": 'Basic realm="Staff" charset="UTF-8"' }).end();
      case "/moved":
        return response.writeHead(302, { Location: "/no-challenge" }).end();
      case "/loop":
        return response.writeHead(302, { Location: "/loop" }).end();
      case "/good/mcp":
        return bearer("/.well-known/oauth-protected-resource/good/mcp");
      case "/.well-known/oauth-protected-resource/good/mcp":
        return json(200, { resource: `${origin}/good/mcp`, authorization_servers: [`${origin}/as`] });
      case "/.well-known/oauth-authorization-server/as":
        return json(200, asMetadata(`${origin}/as`));
      case "/quiet/mcp":
        return response.writeHead(401, { "WWW-Authenticate": 'Bearer realm="quiet"' }).end();
      case "/.well-known/oauth-protected-resource/quiet/mcp":
        return json(200, { resource: `${origin}/quiet/mcp`, authorization_servers: [`${origin}/as`] });
      case "/bad/mcp":
        return bearer("/.well-known/oauth-protected-resource/bad/mcp");
      case "/.well-known/oauth-protected-resource/bad/mcp":
        // The resource of another URL, and an authorization server whose metadata names another issuer.
        return json(200, { resource: `${origin}/`, authorization_servers: [`${origin}/bad-as`] });
      case "/.well-known/oauth-authorization-server/bad-as": {
        const metadata: Record<string, unknown> = {
          ...asMetadata(`${origin}/as`),
          code_challenge_methods_supported: ["plain"],
        };
        delete metadata["registration_endpoint"];
        return json(200, metadata);
      }
      default:
        return json(404, { error: "no such path" });
    }
  });
}

beforeAll(async () => {
  fixture = fixtureServer();
  await new Promise<void>((listening) => fixture.listen(0, "127.0.0.1", listening));
  origin = `http://127.0.0.1:${(fixture.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((closed) => fixture.close(() => closed())));

describe("a deliberately broken server", () => {
  test("a 401 without a challenge: the RFC 9110 §15.5.2 error, and nothing to answer", async () => {
    const report = await probe(`${origin}/no-challenge`, { user: "u", password: "p" });
    expect(cited(report, "error")).toEqual(["status-401-without-www-authenticate (RFC 9110 §15.5.2)"]);
    expect(report.outcome.kind).toBe("cannot-answer");
    expect(report.steps).toHaveLength(1);
  });

  test("a malformed challenge: the error with the offset of the culprit", async () => {
    const report = await probe(`${origin}/malformed`);
    expect(cited(report, "error")).toEqual(["challenge-unparsable (RFC 9110 §11.6.1)"]);
    expect(report.steps[0]?.parseError?.error.offset).toBe(20);
    expect(report.outcome.kind).toBe("cannot-answer");
  });

  test("a redirect is followed and each hop checked; a redirect loop stops at the bound", async () => {
    const moved = await probe(`${origin}/moved`);
    expect(moved.steps.map((step) => step.exchange.response.status)).toEqual([302, 401]);
    expect(cited(moved, "error")).toEqual(["status-401-without-www-authenticate (RFC 9110 §15.5.2)"]);
    const loop = await probe(`${origin}/loop`);
    expect(loop.steps).toHaveLength(6);
    expect(loop.outcome).toMatchObject({ kind: "failed", message: expect.stringContaining("5 redirects") });
  });

  test("an OAuth chain whose resource and issuer do not match, without S256 or registration", async () => {
    const report = await probe(`${origin}/bad/mcp`);
    expect(report.steps.map((step) => step.exchange.request.url)).toEqual([
      `${origin}/bad/mcp`,
      `${origin}/.well-known/oauth-protected-resource/bad/mcp`,
      `${origin}/.well-known/oauth-authorization-server/bad-as`,
    ]);
    expect(cited(report, "error")).toEqual([
      "resource-metadata-resource-mismatch (RFC 9728 §3.3)",
      "as-metadata-issuer-mismatch (RFC 8414 §3.3)",
      "as-metadata-no-s256 (RFC 7636 §4.2)",
    ]);
    expect(cited(report, "warning")).toContain("as-metadata-no-registration-endpoint (RFC 7591 §3)");
  });

  test("a Bearer 401 without resource_metadata: the metadata is found at the resource's well-known URL (RFC 9728 §3.1)", async () => {
    const report = await probe(`${origin}/quiet/mcp`);
    expect(report.steps.map((step) => step.exchange.request.url)).toEqual([
      `${origin}/quiet/mcp`,
      `${origin}/.well-known/oauth-protected-resource/quiet/mcp`,
      `${origin}/.well-known/oauth-authorization-server/as`,
    ]);
    expect(cited(report, "error")).toEqual([]);
    expect(cited(report, "info")).toEqual(["status-401-no-login-dialog (RFC 9110 §11.6.1)"]);
  });

  test("the neighbour: a correct OAuth chain gets no error, only the loopback-http warnings", async () => {
    const report = await probe(`${origin}/good/mcp`, { token: "good-token" });
    expect(cited(report, "error")).toEqual([]);
    expect(report.steps).toHaveLength(4);
    expect(new Set(cited(report, "warning").map((id) => id.replace(/^.*-(http-loopback) .*$/, "$1")))).toEqual(
      new Set(["http-loopback"]),
    );
    expect(report.challenges).toEqual([
      { scheme: "Bearer", scope: "read", resourceMetadata: `${origin}/.well-known/oauth-protected-resource/good/mcp` },
    ]);
    expect(report.outcome.kind).toBe("accepted");
  });
});

// ---- npm start's own endpoints -------------------------------------------------------------

describe("npm start's endpoints", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  test("Basic: the challenge is clean and user/passwd is accepted; a wrong password is refused", async () => {
    const url = `${live.origin}/api/basic-auth/user/passwd`;
    const report = await probe(url, { user: "user", password: "passwd" });
    expect(cited(report, "error")).toEqual([]);
    expect(report.challenges).toEqual([{ scheme: "Basic", realm: "HTTP Status Lab", charset: "UTF-8" }]);
    expect(report.outcome.kind).toBe("accepted");
    expect((await probe(url, { user: "user", password: "wrong" })).outcome.kind).toBe("refused");
  });

  test("the OAuth resource (issue 13): the RFC 9728 / RFC 8414 chain is followed and has no error", async () => {
    const url = `${live.origin}/api/oauth/resource`;
    const report = await probe(url);
    expect(report.steps.map((step) => [step.exchange.request.url, step.exchange.response.status])).toEqual([
      [url, 401],
      [`${live.origin}/api/oauth/metadata/resource`, 200],
      [`${live.origin}/.well-known/oauth-authorization-server/api/oauth/as`, 200],
    ]);
    expect(cited(report, "error")).toEqual([]);
    // Only the loopback-http warnings of a local server.
    expect(cited(report, "warning").every((line) => line.includes("-http-loopback"))).toBe(true);
  });

  test("Digest SHA-256: algorithm and qop reported, the sandbox's Digest client gets in", async () => {
    const report = await probe(`${live.origin}/api/digest-auth/auth/user/passwd/SHA-256`, {
      user: "user",
      password: "passwd",
    });
    expect(cited(report, "error")).toEqual([]);
    expect(report.challenges[0]).toMatchObject({ scheme: "Digest", algorithm: "SHA-256", qop: ["auth"] });
    expect(report.outcome.kind).toBe("accepted");
  });

  test("Bearer: notes (no browser dialog, no OAuth metadata yet), a demo token accepted, an expired one refused with invalid_token", async () => {
    const url = `${live.origin}/api/bearer`;
    const report = await probe(url, { token: "demo-read-write" });
    expect(cited(report)).toEqual([
      "status-401-no-login-dialog (RFC 9110 §11.6.1)",
      "resource-metadata-not-offered (RFC 9728 §5.1)",
      // The sandbox's JSON answer has no ETag or Last-Modified: true, and only a note.
      "no-validator (RFC 9110 §15.3.1)",
    ]);
    expect(report.outcome.kind).toBe("accepted");
    const expired = await probe(url, { token: "demo-expired" });
    expect(expired.outcome.kind).toBe("refused");
    expect(
      expired.steps.at(-1)?.exchange.response.headers.find(([n]) => n.toLowerCase() === "www-authenticate")?.[1],
    ).toMatch(/error="invalid_token"/);
  });
});

// ---- nginx auth_basic, Apache AuthType Digest, httpbin -------------------------------------------

describe("real servers", () => {
  const dir = mkdtempSync(`${tmpdir()}/probe-servers-`);
  let nginx: ChildProcess | undefined;
  let apache: ChildProcess | undefined;
  let httpbin: RunningHttpbin | undefined;
  let nginxPort = 0;
  let apachePort = 0;
  const realm = "Probe realm";

  beforeAll(async () => {
    // Apache's workers run as www-data when the tests run as root: they must read the files.
    chmodSync(dir, 0o755);
    for (const sub of ["html/basic", "html/digest", "run", "logs", "temp"])
      mkdirSync(`${dir}/${sub}`, { recursive: true });
    writeFileSync(`${dir}/html/basic/index.html`, "basic ok\n");
    writeFileSync(`${dir}/html/digest/index.html`, "digest ok\n");
    writeFileSync(`${dir}/htpasswd`, `user:{SHA}${createHash("sha1").update("passwd").digest("base64")}\n`);
    const ha1 = createHash("md5").update(`user:${realm}:passwd`).digest("hex");
    writeFileSync(`${dir}/htdigest`, `user:${realm}:${ha1}\n`);
    [nginxPort, apachePort] = [await freePort(), await freePort()];
    writeFileSync(
      `${dir}/nginx.conf`,
      `daemon off; master_process off; pid ${dir}/run/nginx.pid; error_log ${dir}/logs/nginx.log warn;
events { worker_connections 32; }
http {
  access_log off;
  client_body_temp_path ${dir}/temp/body; proxy_temp_path ${dir}/temp/proxy; fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi; scgi_temp_path ${dir}/temp/scgi;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${dir}/html;
    location /basic/ { auth_basic "${realm}"; auth_basic_user_file ${dir}/htpasswd; }
  }
}
`,
    );
    const modules = "/usr/lib/apache2/modules";
    const asRoot = process.getuid?.() === 0;
    writeFileSync(
      `${dir}/apache.conf`,
      `ServerRoot "${dir}"
DefaultRuntimeDir "${dir}/run"
PidFile "${dir}/run/httpd.pid"
ErrorLog "${dir}/logs/apache.log"
Listen 127.0.0.1:${apachePort}
ServerName localhost
${asRoot ? "User www-data\nGroup www-data" : ""}
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
${["authz_core", "authz_user", "authn_core", "authn_file", "auth_digest", "dir"].map((name) => `LoadModule ${name}_module ${modules}/mod_${name}.so`).join("\n")}
StartServers 1
ServerLimit 1
ThreadsPerChild 8
MaxRequestWorkers 8
DocumentRoot "${dir}/html"
<Directory "${dir}/html">
  AllowOverride None
  Require all granted
</Directory>
<Location "/digest/">
  AuthType Digest
  AuthName "${realm}"
  AuthDigestProvider file
  AuthUserFile "${dir}/htdigest"
  Require valid-user
</Location>
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

  test("nginx auth_basic: a clean Basic challenge, the htpasswd user accepted", async () => {
    const report = await probe(`http://127.0.0.1:${nginxPort}/basic/`, { user: "user", password: "passwd" });
    expect(cited(report)).toEqual([]);
    expect(report.challenges).toEqual([{ scheme: "Basic", realm }]);
    expect(report.outcome.kind).toBe("accepted");
  });

  test("Apache AuthType Digest: MD5 with qop=auth offered, the htdigest user accepted", async () => {
    const report = await probe(`http://127.0.0.1:${apachePort}/digest/`, { user: "user", password: "passwd" });
    expect(cited(report, "error")).toEqual([]);
    expect(report.challenges[0]).toMatchObject({ scheme: "Digest", realm, algorithm: "MD5", qop: ["auth"] });
    expect(report.outcome.kind).toBe("accepted");
    expect((await probe(`http://127.0.0.1:${apachePort}/digest/`, { user: "user", password: "no" })).outcome.kind).toBe(
      "refused",
    );
  });

  test("httpbin: basic-auth and digest-auth clean and accepted; its bare Bearer challenge gets notes only (no dialog, no metadata)", async () => {
    const basic = await probe(`${httpbin!.origin}/basic-auth/user/passwd`, { user: "user", password: "passwd" });
    // httpbin's JSON answers carry no ETag or Last-Modified (only /etag and /cache do): a note.
    expect(cited(basic)).toEqual(["no-validator (RFC 9110 §15.3.1)"]);
    expect(basic.outcome.kind).toBe("accepted");
    const digest = await probe(`${httpbin!.origin}/digest-auth/auth/user/passwd/SHA-256`, {
      user: "user",
      password: "passwd",
    });
    expect(cited(digest)).toEqual(["no-validator (RFC 9110 §15.3.1)"]);
    expect(digest.challenges[0]).toMatchObject({ scheme: "Digest", algorithm: "SHA-256", qop: ["auth"] });
    expect(digest.outcome.kind).toBe("accepted");
    const bearer = await probe(`${httpbin!.origin}/bearer`);
    expect(cited(bearer)).toEqual([
      "status-401-no-login-dialog (RFC 9110 §11.6.1)",
      "resource-metadata-not-offered (RFC 9728 §5.1)",
    ]);
    expect(bearer.outcome.kind).toBe("no-credentials");
  });
});

// ---- the CLI --------------------------------------------------------------------------------

test(
  "the CLI prints the cited report and exits 1 on an error finding, 0 on a clean server (--json parses)",
  { timeout: 20_000 },
  async () => {
    const cli = fileURLToPath(new URL("../../src/probe/cli.ts", import.meta.url));
    const node = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string }>((done) => {
        execFile(node, [cli, ...args], { timeout: 20_000 }, (error, stdout) =>
          done({ code: error === null ? 0 : Number((error as { code?: number }).code), stdout }),
        );
      });
    const [broken, clean] = await Promise.all([
      run([`${origin}/no-challenge`]),
      run([`${origin}/good/mcp`, "--token", "good-token", "--json"]),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("< HTTP/1.1 401 Unauthorized");
    expect(broken.stdout).toContain("RFC 9110 §15.5.2: https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2");
    expect(clean.code).toBe(0);
    expect((JSON.parse(clean.stdout) as ProbeReport).outcome.kind).toBe("accepted");
    // The token was sent (the server accepted it) but the report does not repeat it.
    expect(clean.stdout).not.toContain("good-token");
    expect(clean.stdout).toContain("Bearer good… (10 characters, hidden in this report)");
  },
);
