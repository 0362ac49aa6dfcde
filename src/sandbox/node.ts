import { getResponse } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { answerWithHandlers, createHandlers } from "./handlers.ts";
import type { SandboxOptions } from "./scenarios/sandbox-options.ts";
import type { SandboxTransport } from "./transport.ts";

export type { SandboxOptions };

export { isOAuthWellKnownPath, oauthPaths } from "./scenarios/oauth/oauth-paths.ts";
export {
  maxDocumentBytes as maxClientMetadataBytes,
  type ClientMetadataSource,
  type FetchedDocument as FetchedClientMetadata,
} from "./scenarios/oauth/client-metadata.ts";
export { defaultServerSecret } from "./scenarios/sandbox-options.ts";
export {
  createProcessMemory,
  eachOnceKeyspace,
  MemoryUnavailableError,
  type OnceKeyspace,
  type OnceKeyspaceName,
  type OnceKeyspaceSpec,
  type SandboxMemory,
} from "./memory.ts";

/** Answers one request with the sandbox handlers, or undefined when the path is not under `<base>api/`. */
export type ApiResponder = (request: Request) => Promise<Response | undefined>;

/**
 * The sandbox API for a Node server (src/server): the same handler list the service worker uses,
 * run by msw's getResponse over Node's own Request and Response. Handler paths are relative
 * (`/base/api/...`), and msw resolves them against the request's own origin, so the server
 * answers whatever Host it is reached by.
 */
export function createApiResponder(basePath: string, options: SandboxOptions = {}): ApiResponder {
  const handlers = createHandlers(basePath, options);
  return (request) => getResponse(handlers, request, { baseUrl: new URL(request.url).origin, quiet: true });
}

/**
 * msw/node interception of `fetch` for tests: requests to `<origin><basePath>api/...` are answered
 * in-process by the sandbox handlers (msw/node matches absolute patterns only, so the origin is
 * part of them). Call `listen({ onUnhandledFrame: "error" })` before, so that no test reaches the
 * network, and `close()` after.
 */
export function setupSandboxServer(origin: string, basePath: string, options: SandboxOptions = {}): SetupServer {
  return setupServer(...createHandlers(new URL(basePath, origin).href, options));
}

/** The sandbox's transport in Node, for the sandbox client in tests and scripts: the handlers in-process. */
export function nodeTransport(basePath: string, options: SandboxOptions = {}): SandboxTransport {
  const handlers = createHandlers(basePath, options);
  return { kind: "node", send: (request) => answerWithHandlers(handlers, request, new URL(request.url).origin) };
}
