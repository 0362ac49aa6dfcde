import { http } from "msw";
import { bearerChallenge, formatChallenge, type BearerChallengeOptions } from "../../http/index.ts";
import { demoTokens } from "./demo-tokens.ts";
import { findBearerToken } from "./find-bearer-token.ts";
import { jsonResponse } from "./json-response.ts";
import { sandboxRealm } from "./realm.ts";

/** Safe methods only read (RFC 9110 §9.2.1); they need the scope "read", every other method "write". */
const readMethods = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** The scope a request to `api/bearer` needs: "read" for safe methods, "write" for the rest. */
export function bearerRequiredScope(method: string): "read" | "write" {
  return readMethods.has(method.toUpperCase()) ? "read" : "write";
}

/**
 * `bearer`: a resource protected by OAuth 2.0 bearer tokens, RFC 6750 throughout.
 *
 * - no token, or credentials of another scheme → 401, `Bearer realm="HTTP Status Lab"` and no
 *   error code: §3.1 says the resource server SHOULD NOT include one when the request "lacks any
 *   authentication information (e.g., the client was unaware that authentication is necessary or
 *   attempted using an unsupported authentication method)";
 * - a malformed request (not `Bearer 1*SP b64token`, an empty token, a repeated access_token, a
 *   token sent by two methods) → 400 `error="invalid_request"` (§3.1);
 * - a token it did not issue, or an expired one → 401 `error="invalid_token"` with
 *   `error_description` (§3.1);
 * - a valid token without the scope the method needs → 403 `error="insufficient_scope"` with
 *   `scope` (§3, §3.1);
 * - otherwise 200 `{"authenticated": true, "token": ..., "scope": ...}`.
 *
 * Every refusal carries a WWW-Authenticate challenge (§3: MUST for missing or unusable tokens,
 * MAY otherwise), and the JSON body repeats the error with a sentence for the reader. The token
 * may come in the Authorization field (§2.1), a form body (§2.2) or the query (§2.3); a success
 * for a query token is marked `Cache-Control: private` (§2.3).
 *
 * httpbin's `/bearer` differs on purpose: it answers 200 to any Authorization field at all (even
 * `Basic ...`, echoing it with "Bearer " stripped character by character) and 401 with a bare
 * `WWW-Authenticate: Bearer` otherwise, so none of the §3.1 errors can be seen there.
 */
export function bearerHandler(apiRoot: string, options: { now: () => number }) {
  return http.all(`${apiRoot}bearer`, async ({ request }) => {
    const refuse = (status: number, challenge: BearerChallengeOptions, message?: string): Response => {
      const value = formatChallenge(bearerChallenge({ realm: sandboxRealm, ...challenge }));
      const body: Record<string, string | boolean> = { authenticated: false };
      if (challenge.error !== undefined) body["error"] = challenge.error;
      if (message !== undefined) body["message"] = message;
      return jsonResponse(status, body, { "WWW-Authenticate": value });
    };

    const search = await findBearerToken(request);
    if (search.kind === "none") {
      return search.otherScheme === undefined
        ? refuse(401, {})
        : refuse(
            401,
            {},
            `This resource takes a bearer token (RFC 6750), not ${search.otherScheme} credentials; send "Authorization: Bearer <token>".`,
          );
    }
    if (search.kind === "malformed") {
      return refuse(400, { error: "invalid_request", errorDescription: attributeText(search.message) }, search.message);
    }

    const known = demoTokens.find((entry) => entry.token === search.token);
    if (known === undefined) {
      const description = "The access token is not one this server issued.";
      return refuse(
        401,
        { error: "invalid_token", errorDescription: description },
        `${description} Try one of the demo tokens.`,
      );
    }
    if (known.expiresAt !== undefined && Date.parse(known.expiresAt) <= options.now()) {
      const description = `The access token expired at ${known.expiresAt}.`;
      return refuse(401, { error: "invalid_token", errorDescription: description }, description);
    }
    const needed = bearerRequiredScope(request.method);
    const granted = known.scope.split(" ");
    if (!granted.includes(needed)) {
      const description = `${request.method} needs the scope ${needed}; this token has ${known.scope}.`;
      return refuse(403, { scope: needed, error: "insufficient_scope", errorDescription: description }, description);
    }
    const headers: Record<string, string> = search.method === "query" ? { "Cache-Control": "private" } : {};
    return jsonResponse(200, { authenticated: true, token: known.token, scope: known.scope }, headers);
  });
}

/**
 * error_description may hold only printable ASCII without `"` and `\` (RFC 6750 §3); the full
 * sentence goes in the body, and the attribute gets it with other characters replaced.
 */
export function attributeText(message: string): string {
  let out = "";
  for (const char of message) {
    const code = char.charCodeAt(0);
    if (char === '"') out += "'";
    else if (char === "§") out += "section ";
    else if (char === "\\" || code < 0x20 || code > 0x7e) out += "?";
    else out += char;
  }
  return out;
}
