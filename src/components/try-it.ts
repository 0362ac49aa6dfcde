/**
 * <status-try-it>: a status page's "Try it live". Only this small element loads with the page;
 * the sandbox runtime (msw's worker, the handlers, the exchange view) is imported on the first
 * click, which also starts the service worker.
 */
export class StatusTryIt extends HTMLElement {
  #connection: AbortController | undefined;

  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>("button[data-send]");
    this.#connection = new AbortController();
    button?.addEventListener(
      "click",
      () => {
        button.disabled = true;
        void import("./try-it-runtime.ts")
          .then(({ sendTryIt }) => sendTryIt(this))
          .catch(() => {
            const error = this.querySelector("[data-sandbox-error]");
            if (error !== null)
              error.textContent = "The sandbox could not be loaded. Check your connection and reload the page.";
          })
          .finally(() => {
            button.disabled = false;
          });
      },
      { signal: this.#connection.signal },
    );
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
  }
}

if (!customElements.get("status-try-it")) customElements.define("status-try-it", StatusTryIt);
