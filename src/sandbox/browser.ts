import { setupWorker, type SetupWorker } from "msw/browser";
import { clientMetadataPath, sitePath } from "../site-config.ts";
import { answerWithHandlers, createHandlers } from "./handlers.ts";
import {
  fetchedDocumentOf,
  type ClientMetadataSource,
  type FetchedDocument,
} from "./scenarios/oauth/client-metadata.ts";
import type { SandboxTransport } from "./transport.ts";

let started: Promise<SandboxTransport> | undefined;

/**
 * Starts the sandbox's transport in the browser, once per page: msw's service worker registered at
 * the site's base path, or, where a worker cannot control this page (no service worker support,
 * an insecure origin, a hard reload, a blocked registration), the same handlers answering in the
 * page. Use it through the sandbox client (index.ts), not directly.
 */
export function startBrowserTransport(basePath: string): Promise<SandboxTransport> {
  started ??= start(basePath);
  return started;
}

/**
 * How the authorization server reads Client ID Metadata Documents in the browser: from this page's
 * own origin only (a fetch elsewhere would be the reader's browser fetching for whoever named the
 * URL, and most hosts refuse it by CORS anyway), with no redirect followed and no credentials; and
 * the site's own document from this origin, whatever origin its client_id names.
 */
function browserClientMetadata(basePath: string): ClientMetadataSource {
  const read = async (url: string): Promise<FetchedDocument> => {
    try {
      const response = await fetch(url, {
        redirect: "manual",
        credentials: "omit",
        cache: "no-store",
        headers: { Accept: "application/json" },
      });
      return await fetchedDocumentOf(response);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    fetch: (url) =>
      new URL(url).origin === location.origin
        ? read(url)
        : Promise.resolve({
            ok: false,
            message: `the sandbox in your browser fetches client metadata documents from this page's origin (${location.origin}) only; the live server (npm start) fetches others.`,
          }),
    own: () => read(new URL(sitePath(basePath, clientMetadataPath), location.origin).href),
  };
}

async function start(basePath: string): Promise<SandboxTransport> {
  const handlers = createHandlers(basePath, { clientMetadata: browserClientMetadata(basePath) });
  const inPage = (reason: string): SandboxTransport => ({
    kind: "in-page",
    reason,
    send: (request) => answerWithHandlers(handlers, request),
  });

  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    return inPage("This browser cannot run service workers here, so the sandbox answers inside the page.");
  }
  try {
    const worker = setupWorker(...handlers);
    await worker.start({
      serviceWorker: { url: sitePath(basePath, "mockServiceWorker.js"), options: { scope: basePath } },
      quiet: true,
      onUnhandledFrame: "bypass",
    });
    if (navigator.serviceWorker.controller === null) {
      // A hard reload bypasses service workers for the whole page's lifetime.
      await worker.stop();
      return inPage(
        "This page is not controlled by the service worker (a hard reload?), so the sandbox answers inside the page.",
      );
    }
    return { kind: "service-worker", send: (request) => sendThroughWorker(worker, request) };
  } catch {
    return inPage("The service worker could not start, so the sandbox answers inside the page.");
  }
}

/**
 * Sends a real fetch that the service worker answers, so it shows in the Network panel. A page's
 * fetch with redirect: "manual" gets an opaque redirect for a 3xx (status 0, no fields: the
 * Fetch standard hides it), so the response is also taken where msw hands it to the page: the
 * handlers run in this page, and msw's "response:mocked" life-cycle event carries the response
 * they produced, status and fields included. That copy is used only when the fetch's own
 * response is an opaque redirect; the sandbox client sends one request at a time, so the first
 * mocked response for the same method and URL after the fetch started is this request's.
 */
async function sendThroughWorker(worker: SetupWorker, request: Request): Promise<Response> {
  const mocked = Promise.withResolvers<Response>();
  const onMocked = (event: { request: Request; response: Response }) => {
    if (event.request.method !== request.method || event.request.url !== request.url) return;
    worker.events.removeListener("response:mocked", onMocked);
    mocked.resolve(event.response.clone());
  };
  worker.events.on("response:mocked", onMocked);
  try {
    const response = await fetch(request);
    if (response.type !== "opaqueredirect") return response;
    const timeout = setTimeout(
      () => mocked.reject(new Error("the service worker answered with a redirect the page could not read")),
      5000,
    );
    try {
      return await mocked.promise;
    } finally {
      clearTimeout(timeout);
    }
  } finally {
    worker.events.removeListener("response:mocked", onMocked);
  }
}
