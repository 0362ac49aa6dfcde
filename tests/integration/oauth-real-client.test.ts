/**
 * A real OAuth client, oauth4webapi (panva), against the live server of `npm start` on 127.0.0.1
 * under the base path /http-status-lab/: discovery from the 401 (RFC 9728 §5 → RFC 9728 → RFC
 * 8414), registration (RFC 7591), the code flow with PKCE (RFC 7636) and a resource indicator (RFC
 * 8707) through the real HTML login form, the retry, a refresh after expiry, a step-up (RFC 9470)
 * and a DPoP-bound call through nonce challenges (RFC 9449). oauth4webapi refuses http: URLs unless
 * told otherwise; `allowInsecureRequests` is its documented switch for that, set here only because
 * the test server is loopback HTTP.
 */
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseChallenges } from "../../src/http/index.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";

const base = "/http-status-lab/";
const insecure = { [oauth.allowInsecureRequests]: true } as const;
/** The server's clock: the real one plus an offset the refresh test moves forward. */
let offsetMs = 0;
let live: LiveServer;
let api: string;

beforeAll(async () => {
  live = await startLiveServer({ basePath: base, sandbox: { now: () => Date.now() + offsetMs } });
  api = `${live.origin}${base}api/`;
});
afterAll(() => live.stop());

/** The fields of the one form in an HTML page, values unescaped, and where it posts. */
function formOf(html: string, pageUrl: string): { action: string; fields: URLSearchParams } {
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (form === null) throw new Error(`no form in the page: ${html.slice(0, 200)}`);
  const unescape = (text: string) =>
    text.replace(/&#([0-9]+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? "").matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[1] ?? "")?.[1];
    const value = /\bvalue="([^"]*)"/.exec(input[1] ?? "")?.[1] ?? "";
    if (name !== undefined) fields.append(unescape(name), unescape(value));
  }
  return { action: new URL(unescape(form[1] ?? ""), pageUrl).href, fields };
}

/** The WWW-Authenticate challenge oauth4webapi rejected with, by scheme. */
async function challengeOf(request: Promise<Response>, scheme: string): Promise<oauth.WWWAuthenticateChallenge> {
  const error: unknown = await request.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
  const found = (error as oauth.WWWAuthenticateChallengeError).cause.find((c) => c.scheme === scheme);
  if (found === undefined) throw new Error(`no ${scheme} challenge`);
  return found;
}

/** oauth4webapi's resource request (it rejects a response with a challenge), over loopback HTTP. */
const call = (token: string, url: string, method = "GET", dpop?: oauth.DPoPHandle) =>
  oauth.protectedResourceRequest(token, method, new URL(url), undefined, undefined, {
    ...insecure,
    ...(dpop === undefined ? {} : { DPoP: dpop }),
  });

type Session = {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  redirectUri: string;
};

/** From a 401 to a registered client: RFC 9728 §5.1 → §3 → RFC 8414 §3 → RFC 7591 §3. */
async function discoverAndRegister(
  resourceUrl: string,
  dpop = false,
): Promise<Session & { challenge: oauth.WWWAuthenticateChallenge }> {
  // The first request has no token, so it is a plain fetch (oauth4webapi's resource request needs
  // one); src/http's parser reads the 401's challenge.
  const unauthenticated = await fetch(resourceUrl);
  expect(unauthenticated.status).toBe(401);
  const parsed = parseChallenges(unauthenticated.headers.get("WWW-Authenticate") ?? "");
  if (!parsed.ok || parsed.challenges.length !== 1) throw new Error("not one challenge");
  const [only] = parsed.challenges;
  expect(only?.scheme).toBe(dpop ? "DPoP" : "Bearer");
  const challenge = {
    scheme: only?.scheme.toLowerCase() ?? "",
    parameters: only?.params ?? {},
  } as oauth.WWWAuthenticateChallenge;
  const metadataUrl = challenge.parameters.resource_metadata;
  expect(metadataUrl).toBe(`${api}oauth/metadata/${new URL(resourceUrl).pathname.split("/").at(-1) ?? ""}`);
  const rs = await oauth.processResourceDiscoveryResponse(new URL(resourceUrl), await fetch(metadataUrl ?? ""));
  const issuer = new URL(rs.authorization_servers?.[0] ?? "");
  const as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: "oauth2", ...insecure }),
  );
  expect(as.code_challenge_methods_supported).toContain("S256");
  const redirectUri = `${live.origin}/callback`;
  const client = await oauth.processDynamicClientRegistrationResponse(
    await oauth.dynamicClientRegistrationRequest(
      as,
      { redirect_uris: [redirectUri], client_name: "oauth4webapi test", token_endpoint_auth_method: "none" },
      insecure,
    ),
  );
  return { as, client, redirectUri, challenge };
}

/** The code flow with PKCE and a resource indicator, posting the real login form. */
async function authorize(
  session: Session,
  resource: string,
  extra: Record<string, string> = {},
  login: Record<string, string> = { username: "user", password: "passwd" },
): Promise<Grant> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(session.as.authorization_endpoint ?? "");
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: session.client.client_id,
    redirect_uri: session.redirectUri,
    scope: "read",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    resource,
    ...extra,
  }).toString();
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
  const form = formOf(await page.text(), url.href);
  for (const [name, value] of Object.entries(login)) form.fields.set(name, value);
  const posted = await fetch(form.action, { method: "POST", body: form.fields, redirect: "manual" });
  expect(posted.status).toBe(302);
  const callback = oauth.validateAuthResponse(
    session.as,
    session.client,
    new URL(posted.headers.get("Location") ?? ""),
    state,
  );
  return { callback, verifier };
}

/** What the authorization response gave, with the PKCE verifier that goes with it. */
type Grant = { callback: URLSearchParams; verifier: string };

async function tokens(session: Session, grant: Grant, resource: string, dpop?: oauth.DPoPHandle) {
  const request = () =>
    oauth.authorizationCodeGrantRequest(
      session.as,
      session.client,
      oauth.None(),
      grant.callback,
      session.redirectUri,
      grant.verifier,
      {
        additionalParameters: { resource },
        ...insecure,
        ...(dpop === undefined ? {} : { DPoP: dpop }),
      },
    );
  return oauth.processAuthorizationCodeResponse(session.as, session.client, await request());
}

test(
  "from the 401 to a 200: discovery, registration, code flow with PKCE and resource, retry, refresh after expiry",
  { timeout: 30_000 },
  async () => {
    const resource = `${api}oauth/resource`;
    const session = await discoverAndRegister(resource);
    expect(session.challenge.parameters.scope).toBe("read");
    expect(session.challenge.parameters.error).toBeUndefined();

    const grant = await authorize(session, resource);
    const issued = await tokens(session, grant, resource);
    expect(issued.token_type).toBe("bearer");
    expect(issued.expires_in).toBe(300);

    const ok = await call(issued.access_token, resource);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ authenticated: true, sub: "user", scope: "read" });
    // The neighbour: the same token cannot write (403 insufficient_scope with the scope it needs).
    const write = await challengeOf(call(issued.access_token, resource, "POST"), "bearer");
    expect(write.parameters).toMatchObject({ error: "insufficient_scope", scope: "write" });

    // Five minutes later the token has expired: invalid_token; the refresh token gets a new one.
    offsetMs = 301_000;
    try {
      const expired = await challengeOf(call(issued.access_token, resource), "bearer");
      expect(expired.parameters.error).toBe("invalid_token");
      const refreshed = await oauth.processRefreshTokenResponse(
        session.as,
        session.client,
        await oauth.refreshTokenGrantRequest(
          session.as,
          session.client,
          oauth.None(),
          issued.refresh_token ?? "",
          insecure,
        ),
      );
      expect(refreshed.access_token).not.toBe(issued.access_token);
      const again = await call(refreshed.access_token, resource);
      expect(again.status).toBe(200);
    } finally {
      offsetMs = 0;
    }

    // The code was used once: a second exchange is invalid_grant (RFC 6749 §4.1.2, §5.2).
    const replay = await tokens(session, grant, resource).catch((error: unknown) => error);
    expect(replay).toBeInstanceOf(oauth.ResponseBodyError);
    expect((replay as oauth.ResponseBodyError).error).toBe("invalid_grant");
  },
);

test(
  "step-up: insufficient_user_authentication with acr_values and max_age, then a multi-factor login gets 200",
  { timeout: 30_000 },
  async () => {
    const resource = `${api}oauth/step-up`;
    const session = await discoverAndRegister(resource);
    const first = await tokens(session, await authorize(session, resource), resource);
    const challenge = await challengeOf(call(first.access_token, resource), "bearer");
    expect(challenge.parameters).toMatchObject({
      error: "insufficient_user_authentication",
      acr_values: "urn:http-status-lab:acr:mfa",
      max_age: "300",
    });
    const stepUp = {
      acr_values: challenge.parameters.acr_values ?? "",
      max_age: challenge.parameters.max_age ?? "",
    };
    // The neighbour: the password alone does not pass the multi-factor login (no redirect).
    await expect(authorize(session, resource, stepUp)).rejects.toThrow(/302/);
    const second = await tokens(
      session,
      await authorize(session, resource, stepUp, { username: "user", password: "passwd", otp: "123456" }),
      resource,
    );
    const ok = await call(second.access_token, resource);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ acr: "urn:http-status-lab:acr:mfa" });
  },
);

test(
  "DPoP: use_dpop_nonce at the token endpoint (400) and at the resource (401), then a DPoP-bound 200",
  { timeout: 30_000 },
  async () => {
    const resource = `${api}oauth/dpop`;
    const session = await discoverAndRegister(resource, true);
    expect(session.challenge.parameters.algs).toContain("ES256");
    const keys = await oauth.generateKeyPair("ES256");
    const dpop = oauth.DPoP(session.client, keys);
    const grant = await authorize(session, resource, { dpop_jkt: await dpop.calculateThumbprint() });

    // The token endpoint asks for a nonce first (RFC 9449 §8); oauth4webapi keeps it from DPoP-Nonce.
    const firstTry = await tokens(session, grant, resource, dpop).catch((error: unknown) => error);
    expect(oauth.isDPoPNonceError(firstTry)).toBe(true);
    expect((firstTry as oauth.ResponseBodyError).status).toBe(400);
    const issued = await tokens(session, grant, resource, dpop);
    expect(issued.token_type).toBe("dpop");

    // The resource has its own nonce (RFC 9449 §9): 401 use_dpop_nonce with DPoP-Nonce, then 200.
    const bound = () => call(issued.access_token, resource, "GET", dpop);
    const nonceChallenge = await bound().catch((error: unknown) => error);
    expect(oauth.isDPoPNonceError(nonceChallenge)).toBe(true);
    expect((nonceChallenge as oauth.WWWAuthenticateChallengeError).response.headers.get("DPoP-Nonce")).toBeTruthy();
    const ok = await bound();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: "DPoP" });

    // The neighbours: the bound token as a plain Bearer token, and a proof from another key.
    const asBearer = await challengeOf(call(issued.access_token, resource), "dpop");
    expect(asBearer.parameters.error).toBe("invalid_token");
    const stranger = oauth.DPoP(session.client, await oauth.generateKeyPair("ES256"));
    const otherKey = () => call(issued.access_token, resource, "GET", stranger);
    await otherKey().catch(() => undefined); // collects the resource's nonce for this handle
    const wrongKey = await challengeOf(otherKey(), "dpop");
    expect(wrongKey.parameters.error).toBe("invalid_dpop_proof");
  },
);

test(
  "the RFC 9728 §3.1 and RFC 8414 §3.1 well-known URLs answer on the live server, outside the base path",
  { timeout: 30_000 },
  async () => {
    const rs = await oauth.processResourceDiscoveryResponse(
      new URL(`${api}oauth/resource`),
      await oauth.resourceDiscoveryRequest(new URL(`${api}oauth/resource`), insecure),
    );
    expect(rs.authorization_servers).toEqual([`${api}oauth/as`]);
    const wellKnown = await fetch(`${live.origin}/.well-known/oauth-protected-resource${base}api/oauth/resource`);
    expect(wellKnown.status).toBe(200);
    // The neighbour: a resource this server does not have is the site's 404, not a metadata document.
    const missing = await fetch(`${live.origin}/.well-known/oauth-protected-resource${base}api/oauth/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toMatch(/^text\/html/);
  },
);

test(
  "hostile input on the live server: a 20 kB state gets a clear 400 page (form) or Node's 431 (URL), never a redirect or a 5xx",
  { timeout: 30_000 },
  async () => {
    const registered = await fetch(`${api}oauth/as/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ redirect_uris: [`${live.origin}/callback`] }),
    });
    const { client_id } = (await registered.json()) as { client_id: string };
    const params = new URLSearchParams({
      response_type: "code",
      client_id,
      redirect_uri: `${live.origin}/callback`,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      resource: `${api}oauth/resource`,
      state: "s".repeat(20_000),
    });
    const posted = await fetch(`${api}oauth/as/authorize`, { method: "POST", body: params, redirect: "manual" });
    expect(posted.status).toBe(400);
    expect(posted.headers.get("Location")).toBeNull();
    expect(await posted.text()).toMatch(/state parameter is 20000 characters long; this server accepts at most 1024/);
    const inUrl = await fetch(`${api}oauth/as/authorize?${params}`, { redirect: "manual" });
    expect(inUrl.status).toBe(431);
    // The neighbour: a 1 kB state is accepted and the login form is shown.
    params.set("state", "s".repeat(1_000));
    expect((await fetch(`${api}oauth/as/authorize?${params}`)).status).toBe(200);
  },
);
