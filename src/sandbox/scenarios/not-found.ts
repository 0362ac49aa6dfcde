import { http } from "msw";
import { jsonResponse } from "./json-response.ts";

/**
 * The answer for a path under the API root that names no resource (RFC 9110 §15.5.5), the same
 * in every transport. hidden-basic-auth answers with exactly this, so that its 404 tells a client
 * nothing a missing path would not.
 */
export function notFoundResponse(): Response {
  return jsonResponse(404, { error: "No sandbox endpoint answers this path." });
}

/** Catches every other path under the API root; must come last in the handler list. */
export function notFoundHandler(apiRoot: string) {
  return http.all(`${apiRoot}*`, () => notFoundResponse());
}
