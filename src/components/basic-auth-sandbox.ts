import type { HttpRequestRecord } from "../http/index.ts";
import { simpleAuthorization } from "../sandbox/build-request.ts";
import { startSandbox } from "../sandbox/browser.ts";
import { performExchange } from "../sandbox/perform-exchange.ts";
import type { SandboxTransport } from "../sandbox/transport.ts";
import { renderExchange } from "./exchange-view.ts";

type Mode = "none" | "right" | "wrong";

const labels: Record<Mode, string> = {
  none: "without credentials",
  right: "with these credentials",
  wrong: "with a wrong password",
};

/**
 * <basic-auth-sandbox>: the 401 page's live Basic handshake. The form's user name and password
 * become the endpoint's expected credentials (api/basic-auth/{user}/{passwd}, as in httpbin); the
 * three buttons send the request with none, those, or a wrong password.
 */
export class BasicAuthSandbox extends HTMLElement {
  #transport: SandboxTransport | undefined;
  #count = 0;

  connectedCallback(): void {
    const base = this.dataset["base"] ?? "/";
    void startSandbox(base).then(
      (transport) => this.#ready(transport),
      () => this.#setStatus("The sandbox could not start. Reload the page to try again.", "error"),
    );
    this.querySelector("form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      const { submitter } = event;
      void this.#send((submitter instanceof HTMLButtonElement ? submitter.value : "none") as Mode);
    });
  }

  #ready(transport: SandboxTransport): void {
    this.#transport = transport;
    for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button, input")) {
      control.disabled = false;
    }
    this.dataset["ready"] = transport.kind;
    this.#setStatus(
      transport.kind === "service-worker"
        ? "Ready. Requests are answered by a service worker in your browser; they also show in the developer tools' Network panel."
        : `Ready. ${transport.reason ?? ""}`,
      "ready",
    );
  }

  #setStatus(text: string, state: string): void {
    const status = this.querySelector<HTMLElement>("[data-sandbox-status]");
    if (status === null) return;
    // The spinner stays in place (CSS hides it once ready); only the sentence changes.
    const sentence = status.querySelector("[data-status-text]") ?? status;
    sentence.textContent = text;
    status.dataset["state"] = state;
  }

  #field(name: string): string {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value ?? "";
  }

  async #send(mode: Mode): Promise<void> {
    if (!this.#transport) return;
    const user = this.#field("user");
    const password = this.#field("password");
    const log = this.querySelector("[data-exchange-log]");
    const announce = this.querySelector("[data-announce]");
    const error = this.querySelector<HTMLElement>("[data-sandbox-error]");
    if (error) error.textContent = "";
    if (user === "" || password === "") {
      if (error) error.textContent = "Enter a user name and a password: they become part of the endpoint's path.";
      return;
    }
    if (user.includes(":")) {
      if (error)
        error.textContent =
          'A Basic user name cannot contain ":" (RFC 7617 §2): the colon separates it from the password.';
      return;
    }
    const base = this.dataset["base"] ?? "/";
    const path = `${base}api/basic-auth/${encodeURIComponent(user)}/${encodeURIComponent(password)}`;
    const headers: Array<[string, string]> = [];
    if (mode !== "none") {
      // A control character in either field is refused with the RFC's sentence, not thrown.
      const authorization = simpleAuthorization({
        type: "basic",
        user,
        password: mode === "right" ? password : `${password}-wrong`,
      });
      if (!authorization.ok) {
        if (error) error.textContent = authorization.message;
        return;
      }
      if (authorization.value !== undefined) headers.push(["Authorization", authorization.value]);
    }
    const record: HttpRequestRecord = { method: "GET", url: new URL(path, location.origin).href, headers };
    const result = await performExchange(this.#transport, record, location.origin);
    if (!result.ok) {
      if (error) error.textContent = result.message;
      return;
    }
    this.#count += 1;
    log?.prepend(renderExchange(result.exchange, this.#count, `Sent ${labels[mode]}`));
    if (announce) {
      const { status, statusText } = result.exchange.response;
      announce.textContent = `Request ${this.#count} sent ${labels[mode]}: the server answered ${status} ${statusText}.`;
    }
  }
}

if (!customElements.get("basic-auth-sandbox")) customElements.define("basic-auth-sandbox", BasicAuthSandbox);
