import { basicChallenge, formatChallenge } from "../../http/index.ts";
import { jsonResponse } from "./json-response.ts";
import { sandboxRealm } from "./realm.ts";

/**
 * 401 with `WWW-Authenticate: Basic realm="HTTP Status Lab", charset="UTF-8"` and the body
 * `{"authenticated": false}`: a 401 MUST carry at least one challenge (RFC 9110 §15.5.2), and
 * charset announces that credentials are read as UTF-8 (RFC 7617 §2.1).
 */
export function basicUnauthorized(): Response {
  const challenge = formatChallenge(basicChallenge({ realm: sandboxRealm, charset: "UTF-8" }));
  return jsonResponse(401, { authenticated: false }, { "WWW-Authenticate": challenge });
}
