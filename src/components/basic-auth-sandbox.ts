import type { Exchange } from "../http/index.ts";
import type { AuthDraft, SandboxClient } from "../sandbox/index.ts";
import { revealAnswer } from "./reveal-answer.ts";
import type { SandboxShell } from "./sandbox-shell.ts";
import type { SequenceView } from "./sequence-view.ts";

type Mode = "none" | "right" | "wrong";

const labels: Record<Mode, string> = {
  none: "Sent without credentials",
  right: "Sent with these credentials",
  wrong: "Sent with a wrong password",
};

/**
 * <basic-auth-sandbox>: the 401 page's live Basic handshake. The form's user name and password
 * become the endpoint's expected credentials (api/basic-auth/{user}/{passwd}, as in httpbin); the
 * three buttons send the request with none, those, or a wrong password, through the sandbox client.
 * Each exchange shows the request as sent (its Authorization in view) above the answer and its
 * challenge, oldest first, and a live sequence diagram of the same exchanges follows (Mermaid
 * loads after the first one, never with the page).
 *
 * The sandbox (msw, the handlers, the service worker) is most of the page's script, and the form
 * sits far below the first screen: only this element loads with the page, and the sandbox is
 * imported and started when the form comes within a screen of the viewport, not while the page
 * loads (decisions/content-page-weight.md). Until then it says it is starting, controls disabled.
 */
export class BasicAuthSandbox extends HTMLElement {
  #shell: SandboxShell | undefined;
  #client: SandboxClient | undefined;
  #sequence: SequenceView | undefined;
  readonly #exchanges: Exchange[] = [];
  #connection: AbortController | undefined;

  connectedCallback(): void {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const near = new IntersectionObserver(
      (records) => {
        if (!records.some((record) => record.isIntersecting)) return;
        near.disconnect();
        void this.#start(signal);
      },
      { rootMargin: "100% 0px" },
    );
    near.observe(this);
    signal.addEventListener("abort", () => near.disconnect(), { once: true });
    this.querySelector("form")?.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        const { submitter } = event;
        void this.#send((submitter instanceof HTMLButtonElement ? submitter.value : "none") as Mode);
      },
      { signal },
    );
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
  }

  /** Loads and starts the sandbox; the diagram's view lives until `signal` aborts. */
  async #start(signal: AbortSignal): Promise<void> {
    try {
      const [{ SandboxShell }, { SequenceView }] = await Promise.all([
        import("./sandbox-shell.ts"),
        import("./sequence-view.ts"),
      ]);
      if (signal.aborted) return;
      this.#shell ??= new SandboxShell(this);
      const sequence = this.querySelector<HTMLElement>("[data-sequence]");
      if (sequence !== null) {
        this.#sequence = new SequenceView(sequence, { signal });
        // Back on the page: the diagram shows the exchanges made before it left.
        if (this.#exchanges.length > 0) this.#sequence.update(this.#exchanges, true);
      }
    } catch {
      const error = this.querySelector("[data-sandbox-error]");
      if (error !== null)
        error.textContent = "The sandbox could not be loaded. Check your connection and reload the page.";
      return;
    }
    this.#client = await this.#shell.client();
    if (this.#client === undefined) return;
    for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button, input"))
      control.disabled = false;
  }

  #field(name: string): string {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value ?? "";
  }

  async #send(mode: Mode): Promise<void> {
    const shell = this.#shell;
    if (this.#client === undefined || shell === undefined) return;
    const user = this.#field("user");
    const password = this.#field("password");
    shell.error("");
    if (user === "" || password === "")
      return shell.error("Enter a user name and a password: they become part of the endpoint's path.");
    if (user.includes(":"))
      return shell.error(
        'A Basic user name cannot contain ":" (RFC 7617 §2): the colon separates it from the password.',
      );
    const auth: AuthDraft =
      mode === "none"
        ? { type: "none" }
        : { type: "basic", user, password: mode === "right" ? password : `${password}-wrong` };
    const sent = await this.#client.send({
      method: "GET",
      endpoint: `basic-auth/${encodeURIComponent(user)}/${encodeURIComponent(password)}`,
      auth,
      headers: [],
      body: "",
    });
    if (!sent.ok) return shell.error(sent.error.message);
    const view = shell.show(sent.exchange, labels[mode], "oldest-first");
    this.#exchanges.push(sent.exchange);
    this.#sequence?.update(this.#exchanges, true);
    revealAnswer(view);
  }
}

if (!customElements.get("basic-auth-sandbox")) customElements.define("basic-auth-sandbox", BasicAuthSandbox);
