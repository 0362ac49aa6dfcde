/**
 * The live server (`npm start`) fetches a Client ID Metadata Document through the probe's address
 * policy (src/server/client-metadata-fetch.ts): from an https server of this test's own on
 * 127.0.0.1 (a self-signed certificate made here with openssl, trusted by the live server only
 * through its test option), and refuses, before any connection, a private address, and loopback
 * when the server is reachable from the LAN. The https server counts every connection it gets.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startLiveServer, type LiveServer } from "./live-server.ts";

let dir = "";
let cert = "";
let documentServer: Server;
let documentUrl = "";
let connections = 0;
let fetches = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cimd-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  cert = readFileSync(join(dir, "cert.pem"), "utf8");
  documentServer = createServer({ key: readFileSync(join(dir, "key.pem")), cert }, (request, response) => {
    fetches++;
    const body = JSON.stringify({
      client_id: documentUrl,
      client_name: "Loopback document client",
      redirect_uris: ["http://127.0.0.1/callback"],
      token_endpoint_auth_method: "none",
    });
    response.writeHead(request.url === "/oauth/client.json" ? 200 : 404, {
      "Content-Type": "application/json",
      "Cache-Control": "max-age=60",
    });
    response.end(body);
  });
  documentServer.on("connection", () => connections++);
  await new Promise<void>((listening) => documentServer.listen(0, "127.0.0.1", listening));
  documentUrl = `https://127.0.0.1:${(documentServer.address() as AddressInfo).port}/oauth/client.json`;
});

afterAll(async () => {
  await new Promise<void>((closed) => documentServer.close(() => closed()));
  rmSync(dir, { recursive: true, force: true });
});

async function authorize(server: LiveServer, clientId: string): Promise<{ status: number; text: string }> {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: "http://127.0.0.1:9/callback",
    state: "s",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    resource: `${server.origin}/api/oauth/resource`,
  });
  const response = await fetch(`${server.origin}/api/oauth/as/authorize?${params}`, { redirect: "manual" });
  return { status: response.status, text: (await response.text()).replace(/<[^>]+>/g, "") };
}

test("on loopback, the live server fetches a document from 127.0.0.1 over https once, then uses its cache", async () => {
  const server = await startLiveServer({ clientMetadataCa: cert });
  try {
    const first = await authorize(server, documentUrl);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Loopback document client (its client ID is a document at 127.0.0.1:");
    expect(fetches).toBe(1);
    expect((await authorize(server, documentUrl)).status).toBe(200);
    expect(fetches).toBe(1);
    // The neighbour: a document that is not there is refused with the status it got.
    const missing = await authorize(server, documentUrl.replace("client.json", "missing.json"));
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/invalid_client.*answered 404/);
  } finally {
    await server.stop();
  }
});

test("a private address, and loopback when the server is on the LAN, are refused before any connection", async () => {
  const before = connections;
  const onLoopback = await startLiveServer({ clientMetadataCa: cert });
  const onLan = await startLiveServer({ clientMetadataCa: cert, lan: true });
  try {
    const privateNetwork = await authorize(onLoopback, "https://10.1.2.3/oauth/client.json");
    expect(privateNetwork.status).toBe(400);
    expect(privateNetwork.text).toMatch(
      /refused before connecting\. 10\.1\.2\.3 is a private network \(RFC 1918\)\. This server fetches from public addresses and loopback only\./,
    );
    const loopbackFromLan = await authorize(onLan, documentUrl);
    expect(loopbackFromLan.status).toBe(400);
    expect(loopbackFromLan.text).toMatch(
      /refused before connecting\. 127\.0\.0\.1 is loopback, this machine \(RFC 1122\)\. This server fetches from public addresses only\./,
    );
    expect(connections).toBe(before);
  } finally {
    await onLoopback.stop();
    await onLan.stop();
  }
});

test("npm start answers OpenID Connect discovery at both of its URLs, and the site's 404 at the root one", async () => {
  const server = await startLiveServer();
  try {
    const issuer = `${server.origin}/api/oauth/as`;
    for (const path of [
      "/.well-known/openid-configuration/api/oauth/as",
      "/api/oauth/as/.well-known/openid-configuration",
    ]) {
      const response = await fetch(`${server.origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.json(), path).toMatchObject({ issuer, client_id_metadata_document_supported: true });
    }
    const root = await fetch(`${server.origin}/.well-known/openid-configuration`);
    expect(root.status).toBe(404);
    expect(root.headers.get("Content-Type")).toMatch(/^text\/html/);
  } finally {
    await server.stop();
  }
});
