/**
 * A minimal OAuth client for the handler tests of revocation, introspection and Client ID Metadata
 * Documents: register (or use a URL client_id), log in through the form, exchange the code. Every
 * request is a real fetch that msw/node answers in-process with the sandbox's handlers.
 */
import { expect } from "vitest";

export const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
export const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B

/** How a request reaches the handlers: fetch (msw/node intercepts it), or a transport's send. */
export type Send = (request: Request) => Promise<Response>;
const viaFetch: Send = (request) => fetch(request);

export const form = (
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  send: Send = viaFetch,
) => send(new Request(url, { method: "POST", body: new URLSearchParams(fields), redirect: "manual", headers }));

export type Tokens = { access_token: string; refresh_token: string; token_type: string; scope: string };

export function oauthClient(oauthRoot: string, redirectUri: string, send: Send = viaFetch) {
  const as = `${oauthRoot}as`;
  const register = async (): Promise<string> => {
    const response = await send(
      new Request(`${as}/register`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ redirect_uris: [redirectUri] }),
      }),
    );
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null || !("client_id" in body) || typeof body.client_id !== "string")
      throw new Error("no client_id");
    return body.client_id;
  };
  const authorizeParams = (clientId: string, resource: string, redirect = redirectUri) =>
    new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirect,
      state: "st-1",
      scope: "read",
      code_challenge: challenge,
      code_challenge_method: "S256",
      resource: `${oauthRoot}${resource}`,
    });
  const login = async (clientId: string, resource: string, redirect = redirectUri): Promise<Response> => {
    const params = authorizeParams(clientId, resource, redirect);
    params.set("username", "user");
    params.set("password", "passwd");
    return form(`${as}/authorize`, Object.fromEntries(params), {}, send);
  };
  const tokens = async (clientId: string, resource = "resource", redirect = redirectUri): Promise<Tokens> => {
    const loggedIn = await login(clientId, resource, redirect);
    expect(loggedIn.status).toBe(302);
    const code = new URL(loggedIn.headers.get("Location") ?? "").searchParams.get("code") ?? "";
    const response = await form(
      `${as}/token`,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirect,
        client_id: clientId,
        code_verifier: verifier,
      },
      {},
      send,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as Tokens;
  };
  return { as, register, authorizeParams, login, tokens };
}

export const bearer = (url: string, token: string, send: Send = viaFetch) =>
  send(new Request(url, { headers: { Authorization: `Bearer ${token}` } }));
