import type { HttpHandler } from "msw";
import { apiRoot } from "../site-config.ts";
import { defaultDigestSecret, defaultNonceLifetimeMs, type SandboxOptions } from "./scenarios/sandbox-options.ts";
import { createProcessMemory } from "./memory.ts";
import { adminHandler } from "./scenarios/admin.ts";
import { basicAuthHandler } from "./scenarios/basic-auth.ts";
import { bearerHandler } from "./scenarios/bearer.ts";
import { digestAuthHandlers } from "./scenarios/digest-auth.ts";
import { hiddenBasicAuthHandler } from "./scenarios/hidden-basic-auth.ts";
import { notFoundHandler } from "./scenarios/not-found.ts";
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
      secret: options.digestSecret ?? defaultDigestSecret,
      nonceLifetimeMs: options.nonceLifetimeMs ?? defaultNonceLifetimeMs,
      now,
      nonceCounts: memory.digestNonceCounts,
    }),
    statusHandler(root, { random: options.random ?? Math.random }),
    adminHandler(root),
    ...oauthHandlers(root, {
      secret: options.digestSecret ?? defaultDigestSecret,
      now,
      accessTokenLifetimeSeconds: options.oauthAccessTokenLifetimeSeconds ?? defaultAccessTokenLifetimeSeconds,
      memory,
      ...(options.oauthSigningKey === undefined ? {} : { signingKey: options.oauthSigningKey }),
    }),
    notFoundHandler(root),
  ];
}
