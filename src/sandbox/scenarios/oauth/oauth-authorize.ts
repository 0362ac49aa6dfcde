import { sha256Base64url } from "../../../http/index.ts";
import { reasonPhrase } from "../../../http/index.ts";
import { attributeText } from "../bearer.ts";
import { errorPage, loginPage } from "./login-page.ts";
import { acrMultiFactor, acrPassword, oauthDemoUser, oauthScopes } from "./oauth-constants.ts";
import { codeLifetimeSeconds, limits, type Client, type OAuthContext } from "./oauth-context.ts";
import { oauthResourceNames } from "./oauth-paths.ts";
import { html, methodNotAllowed, readForm } from "./oauth-responses.ts";

/** The authorization endpoint (RFC 6749 §4.1.1–§4.1.2.1), its login form, PKCE (RFC 7636), resource (RFC 8707), step-up (RFC 9470 §4), dpop_jkt (RFC 9449 §10). */
export function authorizationEndpoint(ctx: OAuthContext) {
  const { seconds, seal, issuerOf, resourceOf, clientOf } = ctx;
  type Checked =
    | { kind: "page"; error: string; description: string }
    | { kind: "redirect"; redirectUri: string; state: string | undefined; error: string; description: string }
    | {
        kind: "ok";
        client: Client;
        clientId: string;
        redirectUri: string;
        state: string | undefined;
        scope: string;
        resource: string;
        codeChallenge: string;
        multiFactor: boolean;
        dpopJkt: string | undefined;
        hidden: Array<[string, string]>;
      };

  const forwarded = [
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "scope",
    "code_challenge",
    "code_challenge_method",
    "resource",
    "acr_values",
    "max_age",
    "dpop_jkt",
  ];

  const checkAuthorization = async (request: Request, params: URLSearchParams): Promise<Checked> => {
    const single = (name: string) => {
      const all = params.getAll(name);
      return all.length > 1 ? null : all[0];
    };
    // Until client and redirect URI are known good, nothing is redirected (RFC 6749 §4.1.2.1).
    const clientId = single("client_id");
    if (clientId === null)
      return { kind: "page", error: "invalid_request", description: "client_id is given more than once." };
    const client = await clientOf(clientId);
    if (clientId === undefined || client === undefined)
      return {
        kind: "page",
        error: "invalid_request",
        description:
          "The client_id is missing or is not one this server registered (RFC 6749 §4.1.2.1). Register the client first (RFC 7591).",
      };
    const redirectUri = single("redirect_uri");
    if (redirectUri === null || redirectUri === undefined || !client.redirect_uris.includes(redirectUri))
      return {
        kind: "page",
        error: "invalid_request",
        description:
          "The redirect_uri is missing or is not exactly one of the client's registered redirect URIs (RFC 6749 §3.1.2.3, §4.1.2.1); this server does not redirect to it.",
      };
    const state = single("state");
    if (state === null)
      return { kind: "page", error: "invalid_request", description: "state is given more than once." };
    if (state !== undefined && state.length > limits.state)
      return {
        kind: "page",
        error: "invalid_request",
        description: `The state parameter is ${state.length} characters long; this server accepts at most ${limits.state}. Keep state short and random (RFC 6749 §10.12), not a store for the client's data.`,
      };
    const refuse = (error: string, description: string): Checked => ({
      kind: "redirect",
      redirectUri,
      state,
      error,
      description,
    });

    const hidden: Array<[string, string]> = [];
    for (const name of forwarded) {
      const all = params.getAll(name);
      if (all.length > 1) return refuse("invalid_request", `${name} is given more than once (RFC 6749 §3.1).`);
      if (all[0] !== undefined) hidden.push([name, all[0]]);
    }
    if (single("response_type") !== "code")
      return refuse("unsupported_response_type", "This server supports response_type=code only (RFC 6749 §4.1.1).");
    const codeChallenge = single("code_challenge");
    if (codeChallenge === undefined)
      return refuse(
        "invalid_request",
        "PKCE is required: send code_challenge and code_challenge_method=S256 (RFC 7636 §4.4.1).",
      );
    if (single("code_challenge_method") !== "S256")
      return refuse(
        "invalid_request",
        "Only the S256 code_challenge_method is supported (RFC 7636 §4.3, §4.4.1); plain is not.",
      );
    if (codeChallenge === null || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
      return refuse(
        "invalid_request",
        "code_challenge must be the base64url SHA-256 of the code verifier: 43 characters (RFC 7636 §4.2).",
      );
    const scope = single("scope") ?? "read";
    if (
      scope === null ||
      scope.length > limits.scope ||
      scope.split(" ").some((s) => !(oauthScopes as readonly string[]).includes(s))
    )
      return refuse("invalid_scope", `The scope must be made of ${oauthScopes.join(" and ")} (RFC 6749 §3.3).`);
    const resource = single("resource");
    const known = oauthResourceNames.map((name) => resourceOf(request, name));
    if (resource === undefined || resource === null || resource.length > limits.resource || !known.includes(resource))
      return refuse(
        "invalid_target",
        `Name exactly one resource (RFC 8707 §2), one of this sandbox's resource identifiers: ${known.join(", ")}.`,
      );
    const acrValues = single("acr_values");
    if (acrValues === null || (acrValues !== undefined && acrValues.length > limits.acrValues))
      return refuse("invalid_request", `acr_values is at most ${limits.acrValues} characters, given once.`);
    const maxAge = single("max_age");
    if (maxAge === null || (maxAge !== undefined && !/^[0-9]{1,9}$/.test(maxAge)))
      return refuse("invalid_request", "max_age is a whole number of seconds (RFC 9470 §4).");
    const dpopJkt = single("dpop_jkt");
    if (dpopJkt === null || (dpopJkt !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(dpopJkt)))
      return refuse(
        "invalid_request",
        "dpop_jkt is the base64url SHA-256 JWK thumbprint of the DPoP key: 43 characters (RFC 9449 §10).",
      );
    return {
      kind: "ok",
      client,
      clientId,
      redirectUri,
      state,
      scope,
      resource,
      codeChallenge,
      multiFactor: (acrValues ?? "").split(" ").includes(acrMultiFactor),
      dpopJkt,
      hidden,
    };
  };

  const redirect = (request: Request, redirectUri: string, values: Record<string, string | undefined>): Response => {
    const location = new URL(redirectUri);
    for (const [name, value] of Object.entries(values))
      if (value !== undefined) location.searchParams.append(name, value);
    // RFC 9207: iss in every authorization response, so the client knows which server answered.
    location.searchParams.append("iss", issuerOf(request));
    return new Response(null, {
      status: 302,
      statusText: reasonPhrase(302),
      headers: { Location: location.href, "Cache-Control": "no-store", "Content-Length": "0" },
    });
  };

  const authorize = async (request: Request): Promise<Response> => {
    let params: URLSearchParams;
    if (request.method === "GET" || request.method === "HEAD") {
      params = new URL(request.url).searchParams;
    } else if (request.method === "POST") {
      const form = await readForm(request);
      if (!form.ok) return html(400, errorPage("invalid_request", form.error.message));
      params = form.params;
    } else {
      return methodNotAllowed("GET, POST");
    }
    const checked = await checkAuthorization(request, params);
    if (checked.kind === "page") return html(400, errorPage(checked.error, checked.description));
    if (checked.kind === "redirect")
      return redirect(request, checked.redirectUri, {
        error: checked.error,
        error_description: attributeText(checked.description),
        state: checked.state,
      });

    const form = (problem?: string) =>
      html(
        200,
        loginPage({
          action: new URL(request.url).pathname,
          hidden: checked.hidden,
          clientName: checked.client.client_name ?? "An unnamed client",
          scope: checked.scope,
          resource: checked.resource,
          askOneTimeCode: checked.multiFactor,
          demo: oauthDemoUser,
          ...(problem === undefined ? {} : { problem }),
        }),
        new URL(checked.redirectUri).origin,
      );
    if (request.method !== "POST") return form();

    const username = params.get("username") ?? "";
    const password = params.get("password") ?? "";
    const otp = params.get("otp") ?? "";
    if ([username, password, otp].some((value) => value.length > limits.credential))
      return form(`User name, password and code are at most ${limits.credential} characters each.`);
    if (username !== oauthDemoUser.username || password !== oauthDemoUser.password)
      return form("The user name or the password is wrong. The demo user is shown below.");
    if (checked.multiFactor && otp !== oauthDemoUser.oneTimeCode)
      return form("The one-time code is wrong or missing: this request asked for a multi-factor login (acr_values).");

    const code = await seal(
      "code+jwt",
      {
        cid: await sha256Base64url(checked.clientId),
        redirect_uri: checked.redirectUri,
        code_challenge: checked.codeChallenge,
        scope: checked.scope,
        resource: checked.resource,
        sub: username,
        acr: checked.multiFactor ? acrMultiFactor : acrPassword,
        auth_time: seconds(),
        ...(checked.dpopJkt === undefined ? {} : { dpop_jkt: checked.dpopJkt }),
      },
      codeLifetimeSeconds,
    );
    return redirect(request, checked.redirectUri, { code, state: checked.state });
  };

  return { authorize };
}
