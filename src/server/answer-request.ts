import type { IncomingMessage, ServerResponse } from "node:http";
import { oauthWellKnownPrefix, type ApiResponder } from "../sandbox/node.ts";
import { answerApi } from "./answer-api.ts";
import { plainResponse } from "./plain-response.ts";
import { resolveStatic, sendStatic } from "./static-files.ts";
import { requestUrl } from "./to-web-request.ts";

export interface Site {
  /** The built site's directory, absolute. */
  root: string;
  /** The base path, starting and ending with "/". */
  basePath: string;
  /** `<basePath>api/`. */
  apiRoot: string;
  respond: ApiResponder;
  maxBodyBytes: number;
  /** `host:port` we listen on, for requests whose Host field is unusable. */
  fallbackHost: string;
}

const notAPath = "The request-target is not a path on this server (RFC 9112 §3.2). Ask for a path that starts with /.";

/**
 * Answers one request: under `<base>api/` with the sandbox's handlers (answer-api.ts), anything
 * else as a file of the built site, the way GitHub Pages resolves it (static-files.ts), with the
 * site's 404 page for what does not exist. Files answer GET and HEAD (405 with Allow otherwise);
 * `/` redirects to the base path when the site lives under one.
 */
export async function answerRequest(site: Site, message: IncomingMessage, out: ServerResponse): Promise<void> {
  const head = message.method === "HEAD";
  const url = requestUrl(message.headers.host, message.url ?? "/", site.fallbackHost);
  if (url === undefined) {
    plainResponse(out, 400, notAPath, { head, close: true });
    return;
  }
  const { pathname } = new URL(url);
  // The OAuth scenario's RFC 9728 / RFC 8414 metadata lives at the origin's /.well-known/ (§3.1 of both).
  if (pathname.startsWith(site.apiRoot) || pathname.startsWith(oauthWellKnownPrefix)) {
    if (await answerApi(message, out, url, site.respond, site.maxBodyBytes)) return;
  }

  // The content of a request for a file is never read: close the connection after answering.
  const hasContent =
    message.headers["transfer-encoding"] !== undefined || Number(message.headers["content-length"] ?? 0) > 0;
  if (hasContent) out.setHeader("Connection", "close");
  if (pathname === "/" && site.basePath !== "/") {
    out.writeHead(302, { Location: site.basePath, "Content-Length": "0" }).end();
    return;
  }
  const resolution = await resolveStatic(site.root, site.basePath, pathname);
  if (resolution.kind === "file" && message.method !== "GET" && !head) {
    const sentence = `${message.method ?? "This method"} does not apply to a file of the site: use GET or HEAD.`;
    plainResponse(out, 405, sentence, { headers: { Allow: "GET, HEAD" } });
    return;
  }
  await sendStatic(message, out, resolution);
}
