import { http } from "msw";
import { basicUnauthorized } from "./basic-unauthorized.ts";
import { checkBasicAccount, methodNotAllowed } from "./basic-auth.ts";
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
    const { methodAllowed, user } = checkBasicAccount(request, params);
    if (!methodAllowed) return methodNotAllowed();
    if (user === undefined) return basicUnauthorized();
    if (user !== adminUser) {
      return jsonResponse(403, {
        authenticated: true,
        authorized: false,
        user: user,
        message: `You are signed in as ${user}, but only ${adminUser} may use this resource; the same credentials will not do (RFC 9110 §15.5.4).`,
      });
    }
    return jsonResponse(200, { authenticated: true, authorized: true, user: user });
  });
}
