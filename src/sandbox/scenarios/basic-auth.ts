import { http, HttpResponse } from "msw";
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
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new HttpResponse(null, { status: 405, headers: { Allow: "GET, HEAD" } });
    }
    const expectedUser = String(params["user"]);
    const expectedPassword = String(params["passwd"]);
    const authorization = request.headers.get("Authorization");
    const credentials = authorization === null ? undefined : parseBasic(authorization);
    if (credentials?.ok && credentials.user === expectedUser && credentials.password === expectedPassword) {
      return HttpResponse.json({ authenticated: true, user: credentials.user });
    }
    return basicUnauthorized();
  });
}
