import { jsonResponse, sandboxResponse } from "./json-response.ts";
import { http } from "msw";
import { parseBasic } from "../../http/index.ts";
import { basicUnauthorized } from "./basic-unauthorized.ts";
import { sandboxRealm } from "./realm.ts";

/** The protection space of every Basic endpoint of the sandbox (RFC 9110 §11.5). */
export const basicRealm = sandboxRealm;

/**
 * `basic-auth/{user}/{passwd}` (as httpbin's): 401 with a Basic challenge until the request
 * carries exactly these credentials, then 200 with `{"authenticated": true, "user": ...}`.
 * The challenge announces charset="UTF-8" (RFC 7617 §2.1), and the credentials are decoded as
 * UTF-8 accordingly.
 */
export function basicAuthHandler(apiRoot: string) {
  return http.all(`${apiRoot}basic-auth/:user/:passwd`, ({ request, params }) => {
    const { methodAllowed, user } = checkBasicAccount(request, params);
    if (!methodAllowed) return methodNotAllowed();
    if (user === undefined) return basicUnauthorized();
    return jsonResponse(200, { authenticated: true, user });
  });
}

/**
 * What an endpoint whose path sets the account (`.../{user}/{passwd}`) makes of a request: whether
 * its method is one the endpoint allows (GET and HEAD: reading only), and the user name when the
 * request carries exactly the path's Basic credentials (RFC 7617 §2), else undefined.
 */
export function checkBasicAccount(
  request: Request,
  params: Readonly<Record<string, unknown>>,
): { methodAllowed: boolean; user: string | undefined } {
  const methodAllowed = request.method === "GET" || request.method === "HEAD";
  const authorization = request.headers.get("Authorization");
  const credentials = authorization === null ? undefined : parseBasic(authorization);
  const matches =
    credentials?.ok === true &&
    credentials.user === String(params["user"]) &&
    credentials.password === String(params["passwd"]);
  return { methodAllowed, user: matches ? credentials.user : undefined };
}

/** 405 for a method the endpoint does not allow, with the ones it does (RFC 9110 §15.5.6, §10.2.1). */
export function methodNotAllowed(): Response {
  return sandboxResponse(null, 405, { Allow: "GET, HEAD" });
}
