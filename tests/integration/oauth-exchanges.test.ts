/**
 * Records the raw exchanges of the guide "From a 401 to a token" (src/content/docs/oauth.mdx) from
 * the live server, byte for byte over a socket, into examples/oauth/*.http, and checks that the
 * committed recordings still match what the handlers answer. The server's clock is fixed at the
 * recordings' Date, so times in tokens are stable; what is random by construction (JWTs: keys,
 * jti, fid, signatures) is compared as <jwt>. Re-record after a change:
 *   UPDATE_SAMPLES=1 npx vitest run tests/integration/oauth-exchanges.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { base64url, calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fieldName } from "../../src/server/response-fields.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";
import { RawConnection } from "./raw-http.ts";
import { comparableOutput, recordedDate, recordedOutput } from "./sample-output.ts";

const update = process.env["UPDATE_SAMPLES"] === "1";
const folder = resolve(import.meta.dirname, "../../examples/oauth");
const fixedNow = Date.parse(recordedDate);
let now = fixedNow;
let live: LiveServer;

beforeAll(async () => {
  live = await startLiveServer({ sandbox: { now: () => now } });
});
afterAll(() => live.stop());

/**
 * The origin the recordings show (README: `npm start` serves it), sent as Host: the handlers build
 * their URLs (issuer, resource, resource_metadata) from it, so tokens and documents agree with it.
 */
const shownOrigin = "http://localhost:4321";

/** One exchange over a fresh connection: the request as written here, the response as it came. */
async function exchange(method: string, target: string, headers: Array<[string, string]> = [], body = "") {
  const host = new URL(shownOrigin).host;
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${host}`,
    ...headers.map(([name, value]) => `${name}: ${value}`),
  ];
  if (body !== "") lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  lines.push("Connection: close");
  const request = `${lines.join("\r\n")}\r\n\r\n${body}`;
  const connection = await RawConnection.open(Number(new URL(live.origin).port));
  try {
    connection.write(request);
    const response = await connection.response();
    const fields = response.fields.map(([name, value]) => `${fieldName(name)}: ${value}`).join("\r\n");
    const separator = body === "" ? "" : "\r\n\r\n";
    const text = `${request}${separator}${response.statusLine}\r\n${fields}\r\n\r\n${response.body}`;
    const shown = recordedOutput(text, live.origin);
    return { response, shown };
  } finally {
    connection.close();
  }
}

const field = (response: { fields: Array<[string, string]> }, name: string) =>
  response.fields.find(([fieldName]) => fieldName === name)?.[1] ?? "";

/** Random by construction, so compared as placeholders: JWTs, and lengths of bodies that hold them. */
function comparable(text: string): string {
  return comparableOutput(text)
    .replace(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, "<jwt>")
    .replace(/^(Content-Length: )\d+$/gm, "$1<length>")
    .replace(/"(jti|kid|x|y|fid)": ?"[^"]*"/g, '"$1":"<$1>"');
}

function expectRecording(name: string, text: string): void {
  const path = join(folder, name);
  if (update && (!existsSync(path) || comparable(readFileSync(path, "utf8")) !== comparable(text))) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, text);
  }
  expect(existsSync(path), `${name} is missing: record it with UPDATE_SAMPLES=1`).toBe(true);
  expect(comparable(readFileSync(path, "utf8")), `${name} drifted (re-record with UPDATE_SAMPLES=1)`).toBe(
    comparable(text),
  );
}

const form = ["Content-Type", "application/x-www-form-urlencoded"] as [string, string];
const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B

test(
  "the guide's chain, recorded: challenge, metadata, registration, login, token, retry, 403, step-up, DPoP nonces, expiry",
  { timeout: 30_000 },
  async () => {
    const origin = shownOrigin;
    const resource = `${origin}/api/oauth/resource`;

    const challenged = await exchange("GET", "/api/oauth/resource");
    expect(challenged.response.status).toBe(401);
    expectRecording("01-challenge.http", challenged.shown);

    const metadata = await exchange("GET", "/api/oauth/metadata/resource", [["Accept", "application/json"]]);
    expect(metadata.response.status).toBe(200);
    expectRecording("02-resource-metadata.http", metadata.shown);

    const asMetadata = await exchange("GET", "/.well-known/oauth-authorization-server/api/oauth/as", [
      ["Accept", "application/json"],
    ]);
    expect(asMetadata.response.status).toBe(200);
    expectRecording("03-authorization-server-metadata.http", asMetadata.shown);

    const redirectUri = `${origin}/callback`;
    const registered = await exchange(
      "POST",
      "/api/oauth/as/register",
      [["Content-Type", "application/json"]],
      JSON.stringify({ redirect_uris: [redirectUri], client_name: "Guide client", token_endpoint_auth_method: "none" }),
    );
    expect(registered.response.status).toBe(201);
    expectRecording("04-registration.http", registered.shown);
    const clientId = (JSON.parse(registered.response.body) as { client_id: string }).client_id;

    const authorization = (resourceUrl: string, extra: Record<string, string> = {}) =>
      new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: "read",
        state: "af0ifjsldkj",
        code_challenge: challenge,
        code_challenge_method: "S256",
        resource: resourceUrl,
        ...extra,
      });
    const page = await exchange("GET", `/api/oauth/as/authorize?${authorization(resource)}`);
    expect(page.response.status).toBe(200);
    expectRecording("05-authorization-request.http", page.shown);

    const login = async (
      resourceUrl: string,
      extra: Record<string, string> = {},
      credentials: Record<string, string> = {},
    ) => {
      const body = authorization(resourceUrl, extra);
      body.set("username", "user");
      body.set("password", "passwd");
      for (const [name, value] of Object.entries(credentials)) body.set(name, value);
      return exchange("POST", "/api/oauth/as/authorize", [form], body.toString());
    };
    const loggedIn = await login(resource);
    expect(loggedIn.response.status).toBe(302);
    expectRecording("06-login.http", loggedIn.shown);
    const codeOf = (response: { fields: Array<[string, string]> }) =>
      new URL(field(response, "location")).searchParams.get("code") ?? "";

    const tokenBody = (code: string) =>
      new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: verifier,
      });
    const tokenFor = (code: string, resourceUrl: string, headers: Array<[string, string]> = []) => {
      const body = tokenBody(code);
      body.set("resource", resourceUrl);
      return exchange("POST", "/api/oauth/as/token", [form, ...headers], body.toString());
    };
    const token = await tokenFor(codeOf(loggedIn.response), resource);
    expect(token.response.status).toBe(200);
    expectRecording("07-token.http", token.shown);
    const accessToken = (JSON.parse(token.response.body) as { access_token: string }).access_token;
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({ aud: resource, sub: "user", scope: "read" });
    expectRecording(
      "07-access-token-claims.json",
      `${JSON.stringify(claims, (key, value: unknown) => (key === "client_id" ? "<the client_id of 04-registration>" : value), 2)}\n`,
    );

    const retried = await exchange("GET", "/api/oauth/resource", [["Authorization", `Bearer ${accessToken}`]]);
    expect(retried.response.status).toBe(200);
    expectRecording("08-retry.http", retried.shown);

    const narrow = await exchange("POST", "/api/oauth/resource", [["Authorization", `Bearer ${accessToken}`]]);
    expect(narrow.response.status).toBe(403);
    expectRecording("09-insufficient-scope.http", narrow.shown);

    const stepUpUrl = `${origin}/api/oauth/step-up`;
    const weak = await tokenFor(codeOf((await login(stepUpUrl)).response), stepUpUrl);
    const stepUp = await exchange("GET", "/api/oauth/step-up", [
      ["Authorization", `Bearer ${(JSON.parse(weak.response.body) as { access_token: string }).access_token}`],
    ]);
    expect(stepUp.response.status).toBe(401);
    expectRecording("10-step-up.http", stepUp.shown);

    // DPoP: the proofs are made here with jose, with the server's (fixed) clock.
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const jwk = await exportJWK(publicKey);
    const proof = async (htm: string, htu: string, extra: Record<string, string> = {}) =>
      new SignJWT({ htm, htu, jti: crypto.randomUUID(), iat: Math.floor(now / 1000), ...extra })
        .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk })
        .sign(privateKey);
    const dpopUrl = `${origin}/api/oauth/dpop`;
    const dpopCode = codeOf((await login(dpopUrl, { dpop_jkt: await calculateJwkThumbprint(jwk) })).response);
    const tokenNonce = await tokenFor(dpopCode, dpopUrl, [
      ["DPoP", await proof("POST", `${origin}/api/oauth/as/token`)],
    ]);
    expect(tokenNonce.response.status).toBe(400);
    expectRecording("11-token-use-dpop-nonce.http", tokenNonce.shown);
    const bound = await tokenFor(dpopCode, dpopUrl, [
      [
        "DPoP",
        await proof("POST", `${origin}/api/oauth/as/token`, { nonce: field(tokenNonce.response, "dpop-nonce") }),
      ],
    ]);
    expect(bound.response.status).toBe(200);
    const boundToken = (JSON.parse(bound.response.body) as { access_token: string }).access_token;
    const ath = base64url.encode(
      new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(boundToken))),
    );
    const resourceNonce = await exchange("GET", "/api/oauth/dpop", [
      ["Authorization", `DPoP ${boundToken}`],
      ["DPoP", await proof("GET", dpopUrl, { ath })],
    ]);
    expect(resourceNonce.response.status).toBe(401);
    expectRecording("12-resource-use-dpop-nonce.http", resourceNonce.shown);
    const dpopOk = await exchange("GET", "/api/oauth/dpop", [
      ["Authorization", `DPoP ${boundToken}`],
      ["DPoP", await proof("GET", dpopUrl, { ath, nonce: field(resourceNonce.response, "dpop-nonce") })],
    ]);
    expect(dpopOk.response.status).toBe(200);
    expectRecording("13-dpop-retry.http", dpopOk.shown);

    now = fixedNow + 301_000;
    try {
      const expired = await exchange("GET", "/api/oauth/resource", [["Authorization", `Bearer ${accessToken}`]]);
      expect(expired.response.status).toBe(401);
      expectRecording("14-expired.http", expired.shown);
    } finally {
      now = fixedNow;
    }
  },
);
