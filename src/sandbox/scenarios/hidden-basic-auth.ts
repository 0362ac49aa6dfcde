import { checkBasicAccount, methodNotAllowed } from "./basic-auth.ts";
import { jsonResponse } from "./json-response.ts";
import { http } from "msw";
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
    const { methodAllowed, user } = checkBasicAccount(request, params);
    if (user === undefined) return notFoundResponse();
    if (!methodAllowed) return methodNotAllowed();
    return jsonResponse(200, { authenticated: true, user });
  });
}
