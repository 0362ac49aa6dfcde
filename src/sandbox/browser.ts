import { getResponse } from "msw";
import { setupWorker } from "msw/browser";
import { createHandlers } from "./handlers.ts";
import type { SandboxTransport } from "./transport.ts";

let started: Promise<SandboxTransport> | undefined;

/**
 * Starts the sandbox in the browser, once per page: msw's service worker registered at the site's
 * base path, or, where a worker cannot control this page (no service worker support, an insecure
 * origin, a hard reload, a blocked registration), the same handlers answering in the page.
 */
export function startSandbox(basePath: string): Promise<SandboxTransport> {
  started ??= start(basePath);
  return started;
}

async function start(basePath: string): Promise<SandboxTransport> {
  const handlers = createHandlers(basePath);
  const inPage = (reason: string): SandboxTransport => ({
    kind: "in-page",
    reason,
    send: async (request) =>
      (await getResponse(handlers, request)) ??
      new Response("No sandbox endpoint answers this path.", { status: 404, statusText: "Not Found" }),
  });

  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    return inPage("This browser cannot run service workers here, so the sandbox answers inside the page.");
  }
  try {
    const worker = setupWorker(...handlers);
    await worker.start({
      serviceWorker: { url: `${basePath}mockServiceWorker.js`, options: { scope: basePath } },
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
    return { kind: "service-worker", send: (request) => fetch(request) };
  } catch {
    return inPage("The service worker could not start, so the sandbox answers inside the page.");
  }
}
