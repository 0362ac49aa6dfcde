import { getResponse, type HttpHandler } from "msw";
import { apiRoot } from "../site-config.ts";
import { defaultServerSecret, defaultNonceLifetimeMs, type SandboxOptions } from "./scenarios/sandbox-options.ts";
import { createProcessMemory } from "./memory.ts";
import { adminHandler } from "./scenarios/admin.ts";
import { basicAuthHandler } from "./scenarios/basic-auth.ts";
import { bearerHandler } from "./scenarios/bearer.ts";
import { digestAuthHandlers } from "./scenarios/digest-auth.ts";
import { hiddenBasicAuthHandler } from "./scenarios/hidden-basic-auth.ts";
import { notFoundHandler, notFoundResponse } from "./scenarios/not-found.ts";
import { defaultAccessTokenLifetimeSeconds } from "./scenarios/oauth/oauth-constants.ts";
import { oauthHandlers } from "./scenarios/oauth/oauth-handlers.ts";
import { statusHandler } from "./scenarios/status.ts";

export type { SandboxOptions } from "./scenarios/sandbox-options.ts";

/**
 * The one list of request handlers behind the sandbox API, for every transport: the service
 * worker, the in-page fallback, the live Node server, and the tests. Paths are under
 * `<basePath>api/`; `basePath` may also be an absolute URL prefix (`http://localhost/`) for
 * msw/node's interception, which matches only absolute patterns.
 */
export function createHandlers(basePath: string, options: SandboxOptions = {}): HttpHandler[] {
  const root = apiRoot(basePath);
  const now = options.now ?? Date.now;
  const memory = options.memory ?? createProcessMemory();
  return [
    basicAuthHandler(root),
    hiddenBasicAuthHandler(root),
    bearerHandler(root, { now }),
    ...digestAuthHandlers(root, {
      secret: options.serverSecret ?? defaultServerSecret,
      nonceLifetimeMs: options.nonceLifetimeMs ?? defaultNonceLifetimeMs,
      now,
      nonceCounts: memory.digestNonceCounts,
    }),
    statusHandler(root, { random: options.random ?? Math.random }),
    adminHandler(root),
    ...oauthHandlers(root, {
      secret: options.serverSecret ?? defaultServerSecret,
      now,
      accessTokenLifetimeSeconds: options.oauthAccessTokenLifetimeSeconds ?? defaultAccessTokenLifetimeSeconds,
      memory,
      ...(options.oauthSigningKey === undefined ? {} : { signingKey: options.oauthSigningKey }),
      ...(options.clientMetadata === undefined ? {} : { clientMetadata: options.clientMetadata }),
    }),
    notFoundHandler(root),
  ];
}

/**
 * The answer of a handler list to one request: the handler's, or, for a path no handler takes
 * (outside the API root), the same 404 a path under it that names nothing gets. The in-page
 * fallback (browser.ts) and Node's transport (node.ts) both answer with it.
 */
export async function answerWithHandlers(
  handlers: readonly HttpHandler[],
  request: Request,
  baseUrl?: string,
): Promise<Response> {
  const response = await getResponse([...handlers], request, baseUrl === undefined ? {} : { baseUrl, quiet: true });
  return response ?? notFoundResponse();
}
