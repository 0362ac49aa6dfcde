import type { AuthDraft, SandboxClient } from "../sandbox/index.ts";
import { SandboxShell } from "./sandbox-shell.ts";

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
 */
export class BasicAuthSandbox extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  #client: SandboxClient | undefined;

  connectedCallback(): void {
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
    this.#shell.show(sent.exchange, labels[mode]);
  }
}

if (!customElements.get("basic-auth-sandbox")) customElements.define("basic-auth-sandbox", BasicAuthSandbox);
