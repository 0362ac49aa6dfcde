import { sha256Base64url } from "../../../http/index.ts";
import { SignJWT } from "jose";
import { jsonResponse } from "../json-response.ts";
import { verifyDpopProof } from "./dpop-proof.ts";
import { limits, refreshLifetimeSeconds, type OAuthContext } from "./oauth-context.ts";
import { methodNotAllowed, oauthError, readForm, singleValues } from "./oauth-responses.ts";

/** The token endpoint (RFC 6749 §4.1.3, §5, §6; RFC 7636 §4.6; RFC 8707 §2.2; RFC 9068 tokens; RFC 9449 §5, §8, §10). */
export function tokenEndpoint(ctx: OAuthContext) {
  const {
    options,
    now,
    seconds,
    privateKey,
    kid,
    usedCodes,
    usedProofs,
    seal,
    unseal,
    nonceFor,
    nonceAccepted,
    issuerOf,
    clientOf,
  } = ctx;
  const issueTokens = async (
    request: Request,
    grant: {
      sub: string;
      clientId: string;
      scope: string;
      resource: string;
      acr: string;
      authTime: number;
      jkt?: string | undefined;
    },
    refreshToken: string | undefined,
    lifetime: number,
  ): Promise<Response> => {
    const iat = seconds();
    const accessToken = await new SignJWT({
      client_id: grant.clientId,
      scope: grant.scope,
      acr: grant.acr,
      auth_time: grant.authTime,
      ...(grant.jkt === undefined ? {} : { cnf: { jkt: grant.jkt } }),
    })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid })
      .setIssuer(issuerOf(request))
      .setAudience(grant.resource)
      .setSubject(grant.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetime)
      .setJti(crypto.randomUUID())
      .sign(privateKey);
    return jsonResponse(
      200,
      {
        access_token: accessToken,
        token_type: grant.jkt === undefined ? "Bearer" : "DPoP",
        expires_in: lifetime,
        scope: grant.scope,
        ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
      },
      { "Cache-Control": "no-store", Pragma: "no-cache" },
    );
  };

  const token = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const form = await readForm(request);
    if (!form.ok) return oauthError(400, "invalid_request", form.message);
    const fields = singleValues(form.params);
    if (!fields.ok)
      return oauthError(400, "invalid_request", `${fields.name} is given more than once (RFC 6749 §3.2).`);
    const get = fields.get;
    const clientId = get("client_id");
    const client = await clientOf(clientId);
    if (clientId === undefined || client === undefined)
      return oauthError(
        400,
        "invalid_client",
        "client_id is missing or not one this server registered (RFC 6749 §5.2).",
      );
    const cid = await sha256Base64url(clientId);
    const lifetime = Math.min(client.access_token_lifetime ?? Infinity, options.accessTokenLifetimeSeconds);

    // DPoP (RFC 9449 §5): a proof, when sent, must be valid and carry this server's nonce (§8).
    let jkt: string | undefined;
    if (request.headers.has("DPoP")) {
      const proof = await verifyDpopProof({
        request,
        nonceAccepted: nonceAccepted("as"),
        now: now(),
        replay: usedProofs,
      });
      if (!proof.ok)
        return oauthError(
          400,
          proof.error,
          proof.description,
          proof.error === "use_dpop_nonce" ? { "DPoP-Nonce": await nonceFor("as") } : {},
        );
      jkt = proof.jkt;
    } else if (client.dpop === true) {
      return oauthError(
        400,
        "invalid_dpop_proof",
        "This client registered dpop_bound_access_tokens: send a DPoP proof (RFC 9449 §5.2).",
      );
    }

    const grantType = get("grant_type");
    const resource = get("resource");
    if (grantType === "authorization_code") {
      const codeValue = get("code");
      const redirectUri = get("redirect_uri");
      const verifier = get("code_verifier");
      if (codeValue === undefined || redirectUri === undefined || verifier === undefined)
        return oauthError(
          400,
          "invalid_request",
          "Send code, redirect_uri and code_verifier (RFC 6749 §4.1.3, RFC 7636 §4.5).",
        );
      const code = await unseal("code+jwt", codeValue, limits.code);
      if (code === undefined)
        return oauthError(
          400,
          "invalid_grant",
          "The code is not one this server issued, or it expired (RFC 6749 §5.2).",
        );
      if (code["cid"] !== cid)
        return oauthError(400, "invalid_grant", "The code was issued to another client (RFC 6749 §4.1.3).");
      if (code["redirect_uri"] !== redirectUri)
        return oauthError(
          400,
          "invalid_grant",
          "redirect_uri is not the one of the authorization request (RFC 6749 §4.1.3).",
        );
      if (verifier.length > limits.codeVerifier || (await sha256Base64url(verifier)) !== code["code_challenge"])
        return oauthError(400, "invalid_grant", "The code_verifier does not match the code_challenge (RFC 7636 §4.6).");
      if (resource !== undefined && resource !== code["resource"])
        return oauthError(400, "invalid_target", "resource is not the one the code was issued for (RFC 8707 §2.2).");
      if (code["dpop_jkt"] !== undefined && code["dpop_jkt"] !== jkt)
        return oauthError(400, "invalid_grant", "The code is bound to another DPoP key (dpop_jkt, RFC 9449 §10).");
      if ((await usedCodes.use(String(code["jti"]), (Number(code["exp"]) + 1) * 1000, now())) === "replayed")
        return oauthError(
          400,
          "invalid_grant",
          "This code was used already; a code is good for one token request (RFC 6749 §4.1.2).",
        );
      const grant = {
        sub: String(code["sub"]),
        clientId,
        scope: String(code["scope"]),
        resource: String(code["resource"]),
        acr: String(code["acr"]),
        authTime: Number(code["auth_time"]),
        jkt,
      };
      const refresh = await seal(
        "refresh+jwt",
        {
          cid,
          sub: grant.sub,
          scope: grant.scope,
          resource: grant.resource,
          acr: grant.acr,
          auth_time: grant.authTime,
          ...(jkt === undefined ? {} : { jkt }),
        },
        refreshLifetimeSeconds,
      );
      return issueTokens(request, grant, refresh, lifetime);
    }
    if (grantType === "refresh_token") {
      const value = get("refresh_token");
      if (value === undefined) return oauthError(400, "invalid_request", "Send refresh_token (RFC 6749 §6).");
      const refresh = await unseal("refresh+jwt", value, limits.refreshToken);
      if (refresh === undefined || refresh["cid"] !== cid)
        return oauthError(
          400,
          "invalid_grant",
          "The refresh token is not one this server issued to this client, or it expired (RFC 6749 §5.2).",
        );
      if (refresh["jkt"] !== undefined && refresh["jkt"] !== jkt)
        return oauthError(
          400,
          "invalid_grant",
          "The refresh token is bound to a DPoP key: send a proof made with it (RFC 9449 §5).",
        );
      const granted = String(refresh["scope"]).split(" ");
      const scope = get("scope") ?? String(refresh["scope"]);
      if (scope.length > limits.scope || scope.split(" ").some((s) => !granted.includes(s)))
        return oauthError(400, "invalid_scope", "A refresh may ask for the scope granted or less (RFC 6749 §6).");
      if (resource !== undefined && resource !== refresh["resource"])
        return oauthError(400, "invalid_target", "resource is not the one this grant is for (RFC 8707 §2.2).");
      return issueTokens(
        request,
        {
          sub: String(refresh["sub"]),
          clientId,
          scope,
          resource: String(refresh["resource"]),
          acr: String(refresh["acr"]),
          authTime: Number(refresh["auth_time"]),
          jkt,
        },
        undefined,
        lifetime,
      );
    }
    return grantType === undefined
      ? oauthError(400, "invalid_request", "Send grant_type (RFC 6749 §4.1.3).")
      : oauthError(
          400,
          "unsupported_grant_type",
          "This server supports authorization_code and refresh_token (RFC 6749 §5.2).",
        );
  };

  return { token };
}
