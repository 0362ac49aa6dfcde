import type { LogEntry, SandboxLog } from "../sandbox/index.ts";
import { element } from "./dom.ts";
import { latestId, liveEntries } from "./live-feed.ts";
import { SandboxLogView } from "./sandbox-log-view.ts";
import type { SequenceView } from "./sequence-view.ts";

/** What the page says where no live server answers: the static site has none. */
export const liveNeedsServerSentence =
  "The live view needs the live server: run npm start and open this page from it. The static site sees no one's requests.";

/** How often the page asks for new exchanges while it is visible. */
const pollMs = 2_000;
/** The page shows this many exchanges, as the feed keeps (src/server/live-view.ts). */
const shownEntries = 100;

/**
 * <live-view>: polls `<base>live/feed` on `npm start` (src/server/live-view.ts) and shows every
 * exchange the server's API answered, for any client, in the sandbox's views: the exchange log
 * with raw HTTP/1.1 and the lints (sandbox-log-view.ts) and the sequence diagram (sequence-view.ts).
 * The server redacted the secrets; the entries cannot be sent again. Polls only while the page is
 * visible and not paused; stops for good where no live server answers, with a sentence saying so.
 */
export class LiveView extends HTMLElement {
  #connection: AbortController | undefined;
  #log: SandboxLog = { entries: [], outcomes: [], selected: undefined, nextId: 1, nextRun: 1 };
  #after = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #paused = false;
  #stopped = false;
  #logView: SandboxLogView | undefined;
  #sequence: Promise<SequenceView> | undefined;

  connectedCallback(): void {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    this.#logView = new SandboxLogView(this, { onSelect: () => {}, onResend: () => {} });
    this.querySelector("[data-pause]")?.addEventListener("click", (event) => this.#togglePause(event), { signal });
    document.addEventListener("visibilitychange", () => this.#schedule(0), { signal });
    this.dataset["ready"] = "";
    void this.#poll();
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
    clearTimeout(this.#timer);
  }

  #togglePause(event: Event): void {
    const button = event.currentTarget;
    if (!(button instanceof HTMLButtonElement)) return;
    this.#paused = !this.#paused;
    button.setAttribute("aria-pressed", String(this.#paused));
    this.#status(
      this.#paused ? "Paused: new exchanges are not shown until you resume." : "Watching for new exchanges.",
    );
    this.#schedule(0);
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    if (this.#stopped || this.#paused || document.hidden || this.#connection?.signal.aborted) return;
    this.#timer = setTimeout(() => void this.#poll(), delay);
  }

  #status(text: string, state = "watching"): void {
    const status = this.querySelector<HTMLElement>("[data-live-status]");
    if (status === null) return;
    status.textContent = text;
    status.dataset["state"] = state;
  }

  /** Stops polling for good, with the sentence that says why. */
  #stop(sentence: string): void {
    this.#stopped = true;
    this.#status(sentence, "off");
  }

  async #poll(): Promise<void> {
    if (this.#stopped || this.#paused) return;
    let response: Response;
    try {
      response = await fetch(`${this.dataset["base"] ?? "/"}live/feed?after=${this.#after}`, {
        cache: "no-store",
        credentials: "omit",
        signal: this.#connection?.signal ?? null,
      });
    } catch {
      if (this.#connection?.signal.aborted === true) return;
      this.#status("The live server does not answer. Is npm start still running? Trying again…", "error");
      this.#schedule(pollMs * 2);
      return;
    }
    if (response.status === 403) return this.#stop((await response.text()).replace(/^403[^\n]*\n+/, "").trim());
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.startsWith("application/json")) return this.#stop(liveNeedsServerSentence);
    const feed: unknown = await response.json().catch(() => undefined);
    const entries = liveEntries(feed);
    if (entries === undefined) return this.#stop(liveNeedsServerSentence);
    if ((latestId(feed) ?? this.#after) < this.#after) {
      // The server restarted: its ids begin again. Start over, the old exchanges gone with it.
      this.#after = 0;
      this.#log = { ...this.#log, entries: [] };
      this.#logView?.render(this.#log);
      this.#schedule(0);
      return;
    }
    // A live server answered: its MCP endpoint is at this origin (the static site has none).
    for (const target of this.querySelectorAll<HTMLElement>("[data-mcp-url]"))
      target.textContent = `${location.origin}${this.dataset["base"] ?? "/"}api/oauth/mcp`;
    this.#add(entries);
    this.#schedule(pollMs);
  }

  #add(entries: LogEntry[]): void {
    if (this.#log.entries.length === 0 && entries.length === 0) {
      this.#status("Watching: no exchanges yet. Send a request to this server's API (curl, an MCP client, a script).");
      return;
    }
    this.#status("Watching for new exchanges.");
    if (entries.length === 0) return;
    this.#after = Math.max(this.#after, ...entries.map((entry) => entry.id));
    const kept = [...this.#log.entries, ...entries].slice(-shownEntries);
    this.#log = { ...this.#log, entries: kept, nextId: this.#after + 1, nextRun: this.#after + 1 };
    this.#logView?.render(this.#log);
    this.#plain();
    const announce = this.querySelector("[data-announce]");
    if (announce !== null)
      announce.textContent = `${entries.length} new exchange${entries.length === 1 ? "" : "s"}, the newest ${entries.at(-1)?.exchange.request.method ?? ""} answered ${entries.at(-1)?.exchange.response.status ?? ""}.`;
    const root = this.querySelector<HTMLElement>("[data-sequence]");
    if (root === null || this.#connection === undefined) return;
    const { signal } = this.#connection;
    this.#sequence ??= import("./sequence-view.ts").then(
      ({ SequenceView }) =>
        new SequenceView(root, { signal, title: "The exchanges this server answered, newest last" }),
    );
    const exchanges = kept.map((entry) => entry.exchange);
    void this.#sequence.then((view) => view.update(exchanges, true));
  }

  /**
   * The log's entries here are others' requests, redacted by the server: they have no "Copy as" or
   * "Send again", and their note says what was cut rather than the sandbox's reload note.
   */
  #plain(): void {
    for (const view of this.querySelectorAll<HTMLElement>("[data-exchange-log] [data-entry]:not([data-live])")) {
      view.dataset["live"] = "";
      view.querySelector(".lab-entry-actions")?.remove();
      view
        .querySelector(".lab-note")
        ?.replaceWith(
          element(
            "p",
            "Secrets redacted by the server: credentials, tokens, codes, cookies, session IDs, passwords.",
            "lab-note",
          ),
        );
    }
  }
}

if (!customElements.get("live-view")) customElements.define("live-view", LiveView);
