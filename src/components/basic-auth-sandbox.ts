import type { Exchange } from "../http/index.ts";
import type { AuthDraft, SandboxClient } from "../sandbox/index.ts";
import { renderRequestLine } from "./exchange-view.ts";
import { SandboxShell } from "./sandbox-shell.ts";
import { SequenceView } from "./sequence-view.ts";

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
 */
export class BasicAuthSandbox extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  #client: SandboxClient | undefined;
  #sequence: SequenceView | undefined;
  readonly #exchanges: Exchange[] = [];

  connectedCallback(): void {
    const sequence = this.querySelector<HTMLElement>("[data-sequence]");
    if (sequence !== null) this.#sequence = new SequenceView(sequence);
    void this.#shell.client().then((client) => {
      this.#client = client;
      if (client === undefined) return;
      for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button, input"))
        control.disabled = false;
    });
    this.querySelector("form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      const { submitter } = event;
      void this.#send((submitter instanceof HTMLButtonElement ? submitter.value : "none") as Mode);
    });
  }

  #field(name: string): string {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value ?? "";
  }

  async #send(mode: Mode): Promise<void> {
    if (this.#client === undefined) return;
    const user = this.#field("user");
    const password = this.#field("password");
    this.#shell.error("");
    if (user === "" || password === "")
      return this.#shell.error("Enter a user name and a password: they become part of the endpoint's path.");
    if (user.includes(":"))
      return this.#shell.error(
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
    if (!sent.ok) return this.#shell.error(sent.error.message);
    const view = this.#shell.show(sent.exchange, labels[mode], "oldest-first");
    view.querySelector("h3")?.after(renderRequestLine(sent.exchange.request));
    this.#exchanges.push(sent.exchange);
    this.#sequence?.update(this.#exchanges, true);
  }
}

if (!customElements.get("basic-auth-sandbox")) customElements.define("basic-auth-sandbox", BasicAuthSandbox);
