import { setupWorker, type SetupWorker } from "msw/browser";
import { sitePath } from "../site-config.ts";
import { answerWithHandlers, createHandlers } from "./handlers.ts";
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

async function start(basePath: string): Promise<SandboxTransport> {
  const handlers = createHandlers(basePath);
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
