import { expect, sandboxReady, test } from "./fixtures.ts";

/**
 * Through the real service worker on the base-path build: a client known by the site's own Client
 * ID Metadata Document (read from this origin, whatever origin its client_id names) gets a token;
 * RFC 7009 revocation then makes the JWT resource answer 401 invalid_token; an opaque token for the
 * `opaque` resource works until it is revoked, then introspection says active false and the
 * resource answers 401 invalid_token. Nothing leaves the page's origin.
 */
test("CIMD client, then revocation → 401 invalid_token at the JWT resource and, through introspection, at the opaque one", async ({
  page,
  watch,
}) => {
  await page.goto("status/401/");
  expect(await sandboxReady(page)).toBe("service-worker");

  const result = await page.evaluate(async () => {
    const api = "/http-status-lab/api/oauth/";
    const as = `${api}as`;
    const origin = location.origin;
    const clientId = (
      (await (await fetch("/http-status-lab/oauth/client-metadata.json")).json()) as { client_id: string }
    ).client_id;
    const redirectUri = `${origin}/http-status-lab/oauth/`;
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(url, { method: "POST", body: new URLSearchParams(fields), headers });
    const tokenFor = async (resource: string) => {
      // The 302 to the redirect URI is followed to the guide page; its final URL carries the code.
      const loggedIn = await post(`${as}/authorize`, {
        response_type: "code",
        client_id: clientId,
        redirect_uri: redirectUri,
        state: "st",
        scope: "read",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
        resource: `${origin}${api}${resource}`,
        username: "user",
        password: "passwd",
      });
      const code = new URL(loggedIn.url).searchParams.get("code") ?? "";
      const token = await post(`${as}/token`, {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      });
      return ((await token.json()) as { access_token: string }).access_token;
    };
    const call = async (resource: string, token: string) => {
      const response = await fetch(`${api}${resource}`, { headers: { Authorization: `Bearer ${token}` } });
      return `${response.status} ${/error="([^"]+)"/.exec(response.headers.get("WWW-Authenticate") ?? "")?.[1] ?? ""}`.trim();
    };
    const jwt = await tokenFor("resource");
    const jwtBefore = await call("resource", jwt);
    const revoked = (await post(`${as}/revoke`, { token: jwt, client_id: clientId })).status;
    const jwtAfter = await call("resource", jwt);
    const opaque = await tokenFor("opaque");
    const opaqueBefore = await call("opaque", opaque);
    await post(`${as}/revoke`, { token: opaque, client_id: clientId });
    const opaqueAfter = await call("opaque", opaque);
    const introspection = await (
      await post(
        `${as}/introspect`,
        { token: opaque },
        { Authorization: `Basic ${btoa("opaque-resource:introspect-demo")}` },
      )
    ).json();
    return {
      clientId,
      jwtBefore,
      revoked,
      jwtAfter,
      opaqueIsJwt: opaque.includes("."),
      opaqueBefore,
      opaqueAfter,
      introspection,
    };
  });
  expect(result).toEqual({
    clientId: "https://http-status-lab.github.io/http-status-lab/oauth/client-metadata.json",
    jwtBefore: "200",
    revoked: 200,
    jwtAfter: "401 invalid_token",
    opaqueIsJwt: false,
    opaqueBefore: "200",
    opaqueAfter: "401 invalid_token",
    introspection: { active: false },
  });
  expect(watch.pageErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
