import { statusAndPhrase, type Exchange } from "../http/index.ts";
import { startSandboxClient, type SandboxClient, type SandboxTransport } from "../sandbox/index.ts";
import { renderExchange, renderRequestLine } from "./exchange-view.ts";

/** The one sentence that says how the sandbox answers, for every island. */
export function readySentence(transport: SandboxTransport): string {
  return transport.kind === "service-worker"
    ? "Ready. A service worker in your browser answers; the requests also show in the developer tools' Network panel."
    : `Ready, answering in the page. ${transport.reason ?? ""} Everything works the same; only the Network panel stays empty.`;
}

/**
 * What every sandbox island shares (the 401 page's handshake, a status page's "Try it", the full
 * sandbox, a workshop lesson): the status line ([data-sandbox-status], with an optional
 * [data-status-text] beside a spinner), the error line ([data-sandbox-error]), the live
 * announcement ([data-announce]) and the exchange log ([data-exchange-log]). Islands are views:
 * they send through the page's one sandbox client (src/sandbox/index.ts).
 */
export class SandboxShell {
  readonly root: HTMLElement;
  /** The site's base path, from the island's data-base. */
  readonly base: string;
  #started: Promise<SandboxClient | undefined> | undefined;
  #shown = 0;

  constructor(root: HTMLElement) {
    this.root = root;
    this.base = root.dataset["base"] ?? "/";
  }

  /**
   * Starts, or joins, the page's sandbox client, and says so in the status line; sets the island's
   * data-ready to the transport's kind. Undefined, with a sentence, when it could not start.
   */
  client(): Promise<SandboxClient | undefined> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<SandboxClient | undefined> {
    if (this.root.dataset["ready"] === undefined) this.status("Starting the sandbox…", "starting");
    try {
      const client = await startSandboxClient(this.base);
      this.root.dataset["ready"] = client.transport.kind;
      this.status(readySentence(client.transport), "ready");
      return client;
    } catch {
      this.status("The sandbox could not start. Reload the page to try again.", "error");
      return undefined;
    }
  }

  status(text: string, state: "starting" | "ready" | "error"): void {
    const status = this.root.querySelector<HTMLElement>("[data-sandbox-status]");
    if (status === null) return;
    status.hidden = false;
    // The spinner stays in place (CSS hides it once ready); only the sentence changes.
    const sentence = status.querySelector("[data-status-text]") ?? status;
    sentence.textContent = text;
    status.dataset["state"] = state;
  }

  /** Shows a sentence in the error line; "" clears it. */
  error(text: string): void {
    const error = this.root.querySelector<HTMLElement>("[data-sandbox-error]");
    if (error !== null) error.textContent = text;
  }

  announce(text: string): void {
    const live = this.root.querySelector<HTMLElement>("[data-announce]");
    if (live !== null) live.textContent = text;
  }

  /** Draws an exchange, numbered, and announces its status line; the caller places it. */
  exchangeView(exchange: Exchange, label: string, number = this.#shown + 1): HTMLElement {
    this.#shown = Math.max(this.#shown, number);
    this.announce(
      `Request ${number}, ${label.toLowerCase()}: the server answered ${statusAndPhrase(exchange.response)}.`,
    );
    return renderExchange(exchange, number, label);
  }

  /**
   * Draws an exchange in the log: above the earlier ones, or below them (`"oldest-first"`, the
   * order of a sequence diagram beside the log, which also puts the request as sent under its
   * heading).
   */
  show(exchange: Exchange, label: string, order: "newest-first" | "oldest-first" = "newest-first"): HTMLElement {
    const view = this.exchangeView(exchange, label);
    if (order === "oldest-first") view.querySelector("h3")?.after(renderRequestLine(exchange.request));
    const log = this.root.querySelector("[data-exchange-log]");
    if (order === "oldest-first") log?.append(view);
    else log?.prepend(view);
    return view;
  }
}
