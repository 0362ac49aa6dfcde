/**
 * Two endpoints of the live server alone, for `npm run browser-behaviour` (what browsers do with
 * each code, measured): a redirect that leads to an echo, so a measurement sees which method and
 * which content a browser sends after each 3xx. They are not sandbox handlers: in a service worker
 * they would show the worker's fetch, not the browser's own redirect handling.
 *   <base>api/behaviour/redirect/{300|301|302|303|307|308}  that status, Location: the echo
 *   <base>api/behaviour/echo                                 200, JSON {method, bodyLength, body}
 * Both read only what the server has already bounded (the request content, MAX_BODY_BYTES), echo
 * at most 64 characters of it as JSON text, and are stored nowhere (decisions/browser-behaviour.md).
 */
import type { ApiResponder } from "../sandbox/node.ts";
import { apiRoot } from "../site-config.ts";
import { reasonPhrase } from "../http/index.ts";
import { redirectsWithLocation } from "../data/status-responses.ts";

const echoedCharacters = 64;

export function withBehaviourEndpoints(respond: ApiResponder, basePath: string): ApiResponder {
  const root = `${apiRoot(basePath)}behaviour/`;
  return async (request) => {
    const path = new URL(request.url).pathname;
    if (!path.startsWith(root)) return respond(request);
    const rest = path.slice(root.length);
    const noStore = { "Cache-Control": "no-store" };
    if (rest === "echo") {
      const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
      return Response.json(
        { method: request.method, bodyLength: body.length, body: body.slice(0, echoedCharacters) },
        { headers: noStore },
      );
    }
    const code = Number(/^redirect\/(\d{3})$/.exec(rest)?.[1]);
    if (redirectsWithLocation.includes(code))
      return new Response(null, {
        status: code,
        statusText: reasonPhrase(code),
        headers: { ...noStore, Location: `${root}echo` },
      });
    return respond(request);
  };
}
