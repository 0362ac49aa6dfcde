import { http, HttpResponse } from "msw";
import { parseBasic } from "../../http/index.ts";
import { notFoundResponse } from "./not-found.ts";

/**
 * `hidden-basic-auth/{user}/{passwd}` (as httpbin's): 404 until the request carries exactly these
 * Basic credentials, then 200 with `{"authenticated": true, "user": ...}`. RFC 9110 §15.5.5 lets
 * an origin server answer 404 instead of 403 (or 401) to hide that a resource exists. The 404 is
 * the very response a path that does not exist gets: no challenge, no telling body, and even a
 * method other than GET or HEAD learns nothing (405 only once the credentials match). Being hidden,
 * it sends no WWW-Authenticate, so a browser never prompts: the client must send credentials
 * unasked (preemptively, as `curl -u` does).
 */
export function hiddenBasicAuthHandler(apiRoot: string) {
  return http.all(`${apiRoot}hidden-basic-auth/:user/:passwd`, ({ request, params }) => {
    const authorization = request.headers.get("Authorization");
    const credentials = authorization === null ? undefined : parseBasic(authorization);
    const matches =
      credentials?.ok === true &&
      credentials.user === String(params["user"]) &&
      credentials.password === String(params["passwd"]);
    if (!matches) return notFoundResponse();
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new HttpResponse(null, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "GET, HEAD" } });
    }
    return HttpResponse.json({ authenticated: true, user: credentials.user });
  });
}
