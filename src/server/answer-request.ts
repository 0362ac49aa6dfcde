import type { IncomingMessage, ServerResponse } from "node:http";
import { isOAuthWellKnownPath, type ApiResponder } from "../sandbox/node.ts";
import { answerApi } from "./answer-api.ts";
import { answerProbe, probeReportPath } from "./answer-probe.ts";
import { answerLiveView, liveViewPath, type LiveFeed } from "./live-view.ts";
import type { BodyBudget } from "./body-budget.ts";
import { plainResponse } from "./plain-response.ts";
import type { OwnNames } from "./own-names.ts";
import { serveStatic, type StaticSite } from "./static-files.ts";
import { isHostValue, requestUrl } from "./to-web-request.ts";

export interface Site extends StaticSite {
  /** `<basePath>api/`. */
  apiRoot: string;
  respond: ApiResponder;
  maxBodyBytes: number;
  /** The memory all requests together may hold as content (body-budget.ts). */
  bodyBudget: BodyBudget;
  /** `host:port` we listen on, for HTTP/1.0 requests without a Host field. */
  fallbackHost: string;
  /** Whether other machines can reach the server: then a Host that is not ours is refused (421). */
  lan: boolean;
  /** Whether a host is one of this server's names or addresses (own-names.ts). */
  isOwnHost: OwnNames;
  /** The live view's exchanges, and whether other machines may see them (--live-view; live-view.ts). */
  liveView: { feed: LiveFeed; open: boolean };
}

/** The longest request-target answered (RFC 9112 §3 asks for at least 8000 octets; msw's matcher stops at 8192). */
export const maxTargetLength = 8192;

/** Methods fetch's Request refuses to carry (Fetch §2.2.1 forbidden methods); the handlers never see them. */
const forbiddenMethods = new Set(["CONNECT", "TRACE", "TRACK"]);

const notAPath = "The request-target is not a path on this server (RFC 9112 §3.2). Ask for a path that starts with /.";

/** Why the request's Host field(s) cannot be answered (RFC 9112 §3.2: 400), or undefined. */
function hostProblem(message: IncomingMessage): string | undefined {
  const hosts: string[] = [];
  for (let i = 0; i < message.rawHeaders.length; i += 2) {
    if (message.rawHeaders[i]?.toLowerCase() === "host") hosts.push(message.rawHeaders[i + 1] ?? "");
  }
  if (hosts.length > 1) return "The request has more than one Host field (RFC 9112 §3.2). Send exactly one.";
  if (hosts.length === 0 && message.httpVersionMinor >= 1) {
    return "An HTTP/1.1 request needs a Host field (RFC 9112 §3.2). Send the name you reached this server by.";
  }
  const host = hosts[0];
  if (host !== undefined && !isHostValue(host)) {
    return "The Host field is not a host name or address with an optional port (RFC 9110 §7.2). Send the name you reached this server by.";
  }
  return undefined;
}

const misdirected = (what: string) =>
  `${what} is not a name of this server, so it does not answer for it (RFC 9110 §15.5.20, 421 Misdirected Request). Use the address the instructor gave, or ask them to add the name to ALLOWED_HOSTS.`;

/**
 * Why this server is not the one to answer the request (421, RFC 9110 §15.5.20), or undefined: an
 * absolute-form target (RFC 9112 §3.2.2) whose host is not one of its names, and, when other machines can reach it, a Host that is not one of its names (a DNS-rebound or
 * forged name, RFC 9110 §17.1). On loopback an unknown Host is answered, but never used as the
 * origin (requestUrl).
 */
function misdirection(site: Site, message: IncomingMessage, target: string): string | undefined {
  if (/^https?:\/\//i.test(target)) {
    let authority: URL;
    try {
      authority = new URL(target);
    } catch {
      return undefined;
    }
    if (!site.isOwnHost(authority.host)) return misdirected(`The target's authority ${authority.host}`);
  }
  const host = message.headers.host;
  if (site.lan && host !== undefined && !site.isOwnHost(host)) return misdirected(`The Host ${host.slice(0, 100)}`);
  return undefined;
}

/**
 * Answers one request: under `<base>api/` with the sandbox's handlers (answer-api.ts), anything
 * else as a file of the built site, the way GitHub Pages resolves it (static-files.ts), with the
 * site's 404 page for what does not exist. Files answer GET and HEAD (405 with Allow otherwise);
 * `/` redirects to the base path when the site lives under one.
 *
 * What a client gets wrong is answered, never thrown: an HTTP major version other than 1 is 505
 * (RFC 9110 §15.6.6), a missing, repeated or malformed Host 400 (RFC 9112 §3.2), a target over
 * 8192 octets (with the Host, as a URL) 414 (RFC 9110 §15.5.15), and a method fetch cannot carry (TRACE, TRACK) on the API
 * 405 with Allow.
 */
export async function answerRequest(site: Site, message: IncomingMessage, out: ServerResponse): Promise<void> {
  const head = message.method === "HEAD";
  if (message.httpVersionMajor !== 1) {
    const sentence = `This server speaks HTTP/1.1 (and 1.0), not HTTP/${message.httpVersion}. Send the request as HTTP/1.1.`;
    plainResponse(out, 505, sentence, { head, close: true });
    return;
  }
  const problem = hostProblem(message);
  if (problem !== undefined) {
    plainResponse(out, 400, problem, { head, close: true });
    return;
  }
  const target = message.url ?? "/";
  const elsewhere = target.length > maxTargetLength ? undefined : misdirection(site, message, target);
  if (elsewhere !== undefined) {
    plainResponse(out, 421, elsewhere, { head, close: true });
    return;
  }
  const host = message.headers.host;
  const ownHost = host !== undefined && site.isOwnHost(host) ? host : undefined;
  const url = target.length > maxTargetLength ? undefined : requestUrl(ownHost, target, site.fallbackHost);
  if (target.length > maxTargetLength || (url !== undefined && url.length > maxTargetLength)) {
    const sentence = `The request's URL is ${Math.max(target.length, url?.length ?? 0)} characters long; this server reads at most ${maxTargetLength}. Ask for a shorter one.`;
    plainResponse(out, 414, sentence, { head, close: true });
    return;
  }
  if (url === undefined) {
    plainResponse(out, 400, notAPath, { head, close: true });
    return;
  }
  const { pathname } = new URL(url);
  if (pathname === probeReportPath(site.basePath)) return answerProbe(site, message, out);
  if (pathname.startsWith(liveViewPath(site.basePath))) {
    const live = { basePath: site.basePath, lan: site.lan, isOwnHost: site.isOwnHost, ...site.liveView };
    if (answerLiveView(message, out, new URL(url), live)) return;
  }
  const method = message.method ?? "GET";
  // The OAuth scenario's RFC 9728 / RFC 8414 / OpenID Connect discovery documents live at the origin's /.well-known/.
  if (pathname.startsWith(site.apiRoot) || isOAuthWellKnownPath(pathname)) {
    if (forbiddenMethods.has(method)) {
      const sentence = `${method} is not answered here: the sandbox's endpoints take GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS.`;
      plainResponse(out, 405, sentence, {
        head,
        close: true,
        headers: { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" },
      });
      return;
    }
    if (await answerApi(message, out, url, site.respond, site.maxBodyBytes, site.bodyBudget, site.liveView.feed))
      return;
  }

  // The content of a request for a file is never read: close the connection after answering.
  const hasContent =
    message.headers["transfer-encoding"] !== undefined || Number(message.headers["content-length"] ?? 0) > 0;
  if (hasContent) out.setHeader("Connection", "close");
  if (pathname === "/" && site.basePath !== "/") {
    out.writeHead(302, { Location: site.basePath, "Content-Length": "0" }).end();
    return;
  }
  if (method !== "GET" && !head) {
    const sentence = `${method} does not apply to the site's pages and files: use GET or HEAD.`;
    plainResponse(out, 405, sentence, { headers: { Allow: "GET, HEAD" } });
    return;
  }
  serveStatic(site, message, out, pathname);
}
