/** How the sandbox delivers a request to the handlers, and where the answer came from. */
export interface SandboxTransport {
  /** "service-worker": msw's worker answers real fetches; "in-page": msw's getResponse in the page. */
  kind: "service-worker" | "in-page";
  /** Why the in-page fallback is in use, as a sentence for the reader (absent for the worker). */
  reason?: string;
  send(request: Request): Promise<Response>;
}
