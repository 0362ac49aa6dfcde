import { statusAndPhrase, type Exchange } from "../http/index.ts";
import {
  appendEntry,
  clearLog,
  createStore,
  emptyLog,
  loadSandbox,
  logEntry,
  newClientMemory,
  recordOutcome,
  saveSandbox,
  selectedEntry,
  selectEntry,
  startRun,
  type DigestComputation,
  type SandboxClient,
  type SandboxLog,
} from "../sandbox/index.ts";
import { bindTooltips } from "./auth-value-view.ts";
import { CopyAsView } from "./copy-as-view.ts";
import { renderLogEntry } from "./log-entry-view.ts";
import { RequestForm } from "./request-form.ts";
import { linkedRequest, linkLimits, requestLink } from "./request-link.ts";
import { findPreset } from "./sandbox-presets.ts";
import { SandboxShell } from "./sandbox-shell.ts";
import type { SequenceView } from "./sequence-view.ts";

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * <auth-sandbox>: the full sandbox of /sandbox/. The request builder (request-form.ts) drafts a
 * request; "Send" sends exactly that, "Send like a browser" follows challenges and redirects, both
 * through the page's sandbox client. Every exchange goes into one store that the log, the
 * sequence diagram and "copy as" render, and that survives a reload in sessionStorage without
 * its secrets.
 */
export class AuthSandbox extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  #client: SandboxClient | undefined;
  readonly #log = createStore<SandboxLog>(emptyLog());
  /** The client memory restored after a reload, handed to the client once it has started. */
  #memory = newClientMemory();
  /** Passwords and tokens typed this session: never stored, only used to cut them from what is. */
  readonly #secrets = new Set<string>();
  #form!: RequestForm;
  /** The live diagram's root; its view (and the diagram code) loads with the first exchange to draw. */
  #sequenceRoot!: HTMLElement;
  #sequence: Promise<SequenceView> | undefined;
  #copyAs!: CopyAsView;
  #rendered = new Map<number, HTMLElement>();
  #detailsTimer: ReturnType<typeof setTimeout> | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;

  connectedCallback(): void {
    const form = this.querySelector("form");
    const sequence = this.querySelector<HTMLElement>("[data-sequence]");
    const copyAs = this.querySelector<HTMLElement>("[data-copy-as]");
    if (form === null || sequence === null || copyAs === null) return;
    this.#form = new RequestForm(form);
    this.#sequenceRoot = sequence;
    this.#copyAs = new CopyAsView(copyAs);
    bindTooltips(this);
    this.#restore();

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#flushSave();
      const { submitter } = event;
      void this.#exclusive(() =>
        submitter instanceof HTMLButtonElement && submitter.value === "browser"
          ? this.#sendLikeBrowser()
          : this.#send(),
      );
    });
    // Ctrl+Enter (⌘+Enter on a Mac) from any field sends with the form's first, default action.
    form.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      const action = form.querySelector<HTMLButtonElement>('button[type="submit"]');
      if (action !== null && !action.disabled) form.requestSubmit(action);
    });
    // The address follows every change (a request too long for it is never put there, so this stays
    // cheap); the saved copy, which holds the whole log, is written once typing pauses (150 ms).
    for (const type of ["input", "change"]) {
      form.addEventListener(type, () => {
        this.#showAddress();
        this.#scheduleSave();
      });
    }
    this.querySelector("[data-clear]")?.addEventListener("click", () => {
      this.#log.set(clearLog(this.#log.get()));
      this.#client?.forget();
      this.#memory = newClientMemory();
      this.#shell.announce("The log is empty.");
    });
    this.querySelector("[data-token-list]")?.addEventListener("click", (event) => {
      const button = (event.target as Element | null)?.closest?.("button[data-token]");
      if (!(button instanceof HTMLButtonElement)) return;
      const preset = findPreset(`bearer-${button.dataset["token"] ?? ""}`);
      if (preset !== undefined) this.#form.applyPreset(preset);
      this.#save();
      this.#showAddress();
      this.querySelector<HTMLInputElement>('input[name="token"]')?.focus();
    });
    this.#log.subscribe((log) => {
      this.#render(log);
      this.#scheduleDetails();
    });
    this.#render(this.#log.get());
    this.#renderDetails(this.#log.get());
    // A deferred save must not be lost when the reader leaves right after an exchange.
    window.addEventListener("pagehide", () => {
      this.#flushSave();
      this.#flushDetails();
    });

    void this.#shell.client().then((client) => client !== undefined && this.#ready(client));
  }

  #restore(): void {
    const snapshot = loadSandbox(storage());
    if (snapshot !== undefined) {
      if (snapshot.form !== undefined) this.#form.restore(snapshot.form);
      this.#log.set(snapshot.log);
      this.#memory = snapshot.memory;
    } else {
      const preset = findPreset(this.#form.snapshot().preset);
      if (preset !== undefined) this.#form.applyPreset(preset);
    }
    // An address that names another request (shared, or a status page's ?endpoint=status/404) wins
    // over what this tab kept; after a reload it names the kept one, whose body stays. From then on
    // the address follows the form.
    const linked = linkedRequest(location.search);
    if (linked !== undefined && requestLink(this.#form.snapshot()) !== location.search.slice(1)) {
      this.#form.applyLink(linked);
      this.#showAddress();
    }
    this.#form.showAuthPanel();
  }

  /**
   * Keeps the address on the request on screen (replaceState: no history entry per keystroke), so
   * it can be shared: method, endpoint, auth type and user name only (request-link.ts).
   */
  #showAddress(): void {
    const url = new URL(location.href);
    const link = requestLink(this.#form.snapshot());
    url.search = link ?? "";
    if (url.href !== location.href) history.replaceState(history.state, "", url);
    const note = this.querySelector<HTMLElement>("[data-link-note]");
    if (note !== null && note.hidden !== (link !== undefined)) {
      note.hidden = link !== undefined;
      note.textContent =
        link === undefined
          ? `This request is too long for the page's address (an endpoint over ${linkLimits.endpoint.toLocaleString("en")} characters or a user name over ${linkLimits.user}): the address names the page only.`
          : "";
    }
  }

  #scheduleSave(): void {
    if (this.#saveTimer !== undefined) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#flushSave(), 150);
  }

  #flushSave(): void {
    if (this.#saveTimer === undefined) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    this.#save();
  }

  #save(): void {
    const memory = this.#client?.memory ?? this.#memory;
    saveSandbox(storage(), { form: this.#form.snapshot(), log: this.#log.get(), memory }, [...this.#secrets]);
  }

  #ready(client: SandboxClient): void {
    client.memory = {
      ...this.#memory,
      ...(client.memory.cnonce === undefined ? {} : { cnonce: client.memory.cnonce }),
    };
    this.#client = client;
    for (const button of this.querySelectorAll<HTMLButtonElement>("button[data-needs-sandbox]"))
      button.disabled = false;
  }

  /**
   * Runs one send at a time, from the press on: a press while one is out does nothing, so the log
   * reads in order. The busy state is drawn only when the answer takes longer than a glance
   * (150 ms): a sandbox answer usually comes back within a frame or two, and disabling and
   * re-enabling the buttons for it would only flicker and cost a render on the main thread, which
   * the service worker's handlers need.
   */
  async #exclusive(task: () => Promise<void>): Promise<void> {
    if (this.#inFlight) return;
    this.#inFlight = true;
    const slow = setTimeout(() => this.#showBusy(true), 150);
    try {
      await task();
    } finally {
      clearTimeout(slow);
      this.#inFlight = false;
      this.#showBusy(false);
    }
  }

  #showBusy(busy: boolean): void {
    if (this.hasAttribute("aria-busy") === busy) return;
    this.toggleAttribute("aria-busy", busy);
    for (const button of this.querySelectorAll<HTMLButtonElement>("button[data-needs-sandbox]"))
      button.disabled = busy || this.#client === undefined;
  }

  #keepSecrets(): void {
    for (const secret of this.#form.secrets()) this.#secrets.add(secret);
  }

  async #send(): Promise<void> {
    this.#shell.error("");
    const drafted = this.#form.draft();
    if (!drafted.ok) return this.#shell.error(drafted.error.message);
    if (this.#client === undefined) return;
    this.#keepSecrets();
    const sent = await this.#client.send(drafted.draft);
    if (!sent.ok) return this.#shell.error(sent.error.message);
    this.#logRun(sent.exchange, "Sent exactly as built", sent.digest);
  }

  /** Logs one exchange as a run of its own. */
  #logRun(exchange: Exchange, label: string, digest?: DigestComputation): void {
    if (this.#client === undefined) return;
    const started = startRun(this.#log.get());
    const entry = logEntry(started.log, started.run, exchange, label, this.#client.transport.kind, digest);
    this.#log.set(appendEntry(started.log, entry));
    this.#shell.announce(`Request ${entry.id}: the server answered ${statusAndPhrase(exchange.response)}.`);
  }

  async #sendLikeBrowser(): Promise<void> {
    this.#shell.error("");
    const drafted = this.#form.draft();
    if (!drafted.ok) return this.#shell.error(drafted.error.message);
    const client = this.#client;
    if (client === undefined) return;
    this.#keepSecrets();
    const started = startRun(this.#log.get());
    this.#log.set(started.log);
    const result = await client.follow(drafted.draft, {
      onStep: (step) => {
        const log = this.#log.get();
        this.#log.set(
          appendEntry(log, logEntry(log, started.run, step.exchange, step.label, client.transport.kind, step.digest)),
        );
      },
    });
    if (result.steps.length === 0) return this.#shell.error(result.outcome.message);
    this.#log.set(recordOutcome(this.#log.get(), { run: started.run, ...result.outcome }));
    const count = result.steps.length;
    this.#shell.announce(`Sent like a browser, ${count} request${count === 1 ? "" : "s"}: ${result.outcome.message}`);
  }

  #resend(id: number): void {
    const entry = this.#log.get().entries.find((candidate) => candidate.id === id);
    const client = this.#client;
    if (entry === undefined || entry.redacted === true || client === undefined) return;
    this.#shell.error("");
    void this.#exclusive(async () => {
      const sent = await client.resend(entry.exchange.request);
      if (!sent.ok) return this.#shell.error(sent.error.message);
      this.#logRun(sent.exchange, `Sent again, exactly as request #${id}`, entry.digest);
    });
  }

  #render(log: SandboxLog): void {
    const list = this.querySelector<HTMLElement>("[data-exchange-log]");
    if (list === null) return;
    const outcomes = new Map(log.outcomes.map((outcome) => [outcome.run, outcome]));
    const lastOfRun = new Map(log.entries.map((entry) => [entry.run, entry.id]));
    const keep = new Set<number>();
    let added = false;
    for (const entry of log.entries) {
      keep.add(entry.id);
      const outcome = lastOfRun.get(entry.run) === entry.id ? outcomes.get(entry.run) : undefined;
      const key = `${entry.id}:${outcome?.message ?? ""}`;
      const existing = this.#rendered.get(entry.id);
      if (existing?.dataset["key"] === key) continue;
      const view = renderLogEntry(entry, outcome, {
        onSelect: (selected) => {
          this.#log.set(selectEntry(this.#log.get(), selected));
          this.#copyAs.show(selectedEntry(this.#log.get()), true);
          this.querySelector<HTMLElement>('[data-copy-as] [role="tab"][aria-selected="true"]')?.focus();
        },
        onResend: (resent) => this.#resend(resent),
      });
      view.dataset["key"] = key;
      // Oldest first, as the sequence diagram runs: the 401 comes before the 200 that answered it.
      if (existing !== undefined) existing.replaceWith(view);
      else {
        list.append(view);
        added = true;
      }
      this.#rendered.set(entry.id, view);
    }
    // The answer of the latest send starts with the first exchange of its run (a browser's 401).
    const latestRun = log.entries.at(-1)?.run;
    const firstOfRun = log.entries.find((entry) => entry.run === latestRun);
    if (added && firstOfRun !== undefined) {
      const view = this.#rendered.get(firstOfRun.id);
      // In the next frame, where layout is computed anyway: reading it here would force a layout
      // between the click and the exchange reaching the screen.
      requestAnimationFrame(() => this.#reveal(view));
    }
    for (const [id, view] of this.#rendered) {
      if (!keep.has(id)) {
        view.remove();
        this.#rendered.delete(id);
      }
    }
    for (const view of this.#rendered.values())
      view.toggleAttribute("data-selected", Number(view.dataset["entry"]) === selectedEntry(log)?.id);
    const empty = this.querySelector<HTMLElement>("[data-log-empty]");
    if (empty !== null) empty.hidden = log.entries.length > 0;
  }

  /**
   * Where the log is a pane of its own (the workbench at 1024 px and wider, sandbox.css), scrolls
   * it to the first exchange of a send, so the answer shows beside the form without moving the page.
   */
  #reveal(view: HTMLElement | undefined): void {
    const pane = view?.closest<HTMLElement>(".lab-results");
    if (view === undefined || !view.isConnected || pane == null || pane.scrollHeight <= pane.clientHeight) return;
    pane.scrollTop += view.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
  }

  /**
   * The diagram, the copy-as code and the saved copy follow the log in a task of their own, so the
   * new exchange reaches the screen first; several log changes in one task coalesce into one.
   */
  #scheduleDetails(): void {
    if (this.#detailsTimer !== undefined) return;
    this.#detailsTimer = setTimeout(() => this.#flushDetails(), 0);
  }

  #flushDetails(): void {
    if (this.#detailsTimer === undefined) return;
    clearTimeout(this.#detailsTimer);
    this.#detailsTimer = undefined;
    this.#renderDetails(this.#log.get());
    this.#save();
  }

  #renderDetails(log: SandboxLog): void {
    // Mermaid loads only once this page has made an exchange (not for a log restored after a reload).
    const exchanges = log.entries.map((entry) => entry.exchange);
    const draw = log.entries.some((entry) => entry.redacted !== true);
    // An empty log keeps the markup's own sentence; the view's code loads with the first exchange.
    if (exchanges.length > 0 || this.#sequence !== undefined) {
      const root = this.#sequenceRoot;
      this.#sequence ??= import("./sequence-view.ts").then(({ SequenceView }) => new SequenceView(root));
      void this.#sequence.then((view) => view.update(exchanges, draw));
    }
    this.#copyAs.show(selectedEntry(log));
  }
}

if (!customElements.get("auth-sandbox")) customElements.define("auth-sandbox", AuthSandbox);
