/**
 * <oauth-client>: "Send like an OAuth client" on the guide /oauth/. Only this small element loads
 * with the page; the runtime (the sandbox client, the views) is imported on the first click, and
 * the step machine with jose after it (src/sandbox/index.ts, loadOAuthFlow).
 */
import type { oauthClientView } from "./oauth-client-runtime.ts";

type Runtime = { oauthClientView: typeof oauthClientView };

export class OAuthClientElement extends HTMLElement {
  #runtime: Promise<Runtime> | undefined;
  #connection: AbortController | undefined;

  connectedCallback(): void {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const use = (action: "next" | "run" | "reset") => () => {
      this.#runtime ??= import("./oauth-client-runtime.ts");
      void this.#runtime
        .then(({ oauthClientView }) => oauthClientView(this, signal).act(action))
        .catch(() => {
          this.#runtime = undefined;
          const error = this.querySelector("[data-sandbox-error]");
          if (error !== null)
            error.textContent = "The sandbox could not be loaded. Check your connection and reload the page.";
        });
    };
    this.querySelector("[data-oauth-next]")?.addEventListener("click", use("next"), { signal });
    this.querySelector("[data-oauth-run]")?.addEventListener("click", use("run"), { signal });
    this.querySelector("[data-oauth-reset]")?.addEventListener("click", use("reset"), { signal });
    // A changed choice starts a new flow at the next click.
    this.querySelector("form")?.addEventListener(
      "change",
      () => {
        if (this.#runtime !== undefined) use("reset")();
      },
      { signal },
    );
    // Back on the page after a flow ran: its diagram's view observes the page again.
    void this.#runtime?.then(({ oauthClientView }) => oauthClientView(this, signal)).catch(() => undefined);
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
  }
}

if (!customElements.get("oauth-client")) customElements.define("oauth-client", OAuthClientElement);
