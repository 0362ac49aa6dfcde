import { http, HttpResponse } from "msw";
import { parseBasic } from "../../http/index.ts";
import { basicUnauthorized } from "./basic-unauthorized.ts";
import { jsonResponse } from "./json-response.ts";

/** The only account name `admin/{user}/{passwd}` lets in. */
export const adminUser = "admin";

/**
 * `admin/{user}/{passwd}`: 401 against 403. The path sets a valid account (as basic-auth's does),
 * but only the account named "admin" is permitted:
 *
 * - no credentials, or not exactly these → 401 with the Basic challenge: the server does not
 *   know who is asking, and new credentials may help (RFC 9110 §15.5.2);
 * - these credentials, user not "admin" → 403 `{"authenticated": true, "authorized": false}`,
 *   without a challenge: the server knows who is asking and refuses anyway, and repeating the
 *   request with the same credentials will not help (RFC 9110 §15.5.4);
 * - these credentials, user "admin" → 200 `{"authenticated": true, "authorized": true}`.
 *
 * So `admin/user/passwd` sent as user:passwd gets 403, and `admin/admin/passwd` as admin:passwd gets 200.
 */
export function adminHandler(apiRoot: string) {
  return http.all(`${apiRoot}admin/:user/:passwd`, ({ request, params }) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new HttpResponse(null, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "GET, HEAD" } });
    }
    const authorization = request.headers.get("Authorization");
    const credentials = authorization === null ? undefined : parseBasic(authorization);
    if (
      credentials === undefined ||
      !credentials.ok ||
      credentials.user !== String(params["user"]) ||
      credentials.password !== String(params["passwd"])
    ) {
      return basicUnauthorized();
    }
    if (credentials.user !== adminUser) {
      return jsonResponse(403, {
        authenticated: true,
        authorized: false,
        user: credentials.user,
        message: `You are signed in as ${credentials.user}, but only ${adminUser} may use this resource; the same credentials will not do (RFC 9110 §15.5.4).`,
      });
    }
    return jsonResponse(200, { authenticated: true, authorized: true, user: credentials.user });
  });
}
