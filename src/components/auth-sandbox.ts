import {
  answerChallenge,
  newClientMemory,
  rememberChallenges,
  rememberedDigest,
  type DigestComputation,
} from "../sandbox/answer-challenge.ts";
import { apiRoot } from "../sandbox/api-path.ts";
import { startSandbox } from "../sandbox/browser.ts";
import { buildRequest, simpleAuthorization, type RequestDraft } from "../sandbox/build-request.ts";
import {
  appendEntry,
  clearLog,
  createStore,
  emptyLog,
  logEntry,
  recordOutcome,
  selectedEntry,
  selectEntry,
  startRun,
  type SandboxLog,
} from "../sandbox/exchange-store.ts";
import { followChallenge } from "../sandbox/follow-challenge.ts";
import { performExchange } from "../sandbox/perform-exchange.ts";
import { loadSandbox, saveSandbox } from "../sandbox/sandbox-persistence.ts";
import type { SandboxTransport } from "../sandbox/transport.ts";
import type { HttpRequestRecord } from "../http/index.ts";
import { bindTooltips } from "./auth-value-view.ts";
import { CopyAsView } from "./copy-as-view.ts";
import { renderLogEntry } from "./log-entry-view.ts";
import { RequestForm } from "./request-form.ts";
import { findPreset } from "./sandbox-presets.ts";
import { SequenceView } from "./sequence-view.ts";

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * <auth-sandbox>: the full sandbox of /sandbox/. The request builder (request-form.ts) drafts a
 * request; "Send" sends exactly that, "Send like a browser" follows the challenge
 * (follow-challenge.ts). Every exchange goes into one store (exchange-store.ts) that the log, the
 * sequence diagram and "copy as" render, and that survives a reload in sessionStorage without
 * its secrets (sandbox-persistence.ts).
 */
export class AuthSandbox extends HTMLElement {
  #transport: SandboxTransport | undefined;
  readonly #log = createStore<SandboxLog>(emptyLog());
  #memory = newClientMemory();
  /** Passwords and tokens typed this session: never stored, only used to cut them from what is. */
  readonly #secrets = new Set<string>();
  #form!: RequestForm;
  #sequence!: SequenceView;
  #copyAs!: CopyAsView;
  #rendered = new Map<number, HTMLElement>();
  #base = "/";
  #detailsTimer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;

  connectedCallback(): void {
    this.#base = this.dataset["base"] ?? "/";
    const form = this.querySelector("form");
    const sequence = this.querySelector<HTMLElement>("[data-sequence]");
    const copyAs = this.querySelector<HTMLElement>("[data-copy-as]");
    if (form === null || sequence === null || copyAs === null) return;
    this.#form = new RequestForm(form);
    this.#sequence = new SequenceView(sequence);
    this.#copyAs = new CopyAsView(copyAs);
    bindTooltips(this);
    this.#restore();

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const { submitter } = event;
      void this.#exclusive(() =>
        submitter instanceof HTMLButtonElement && submitter.value === "browser"
          ? this.#sendLikeBrowser()
          : this.#send(),
      );
    });
    form.addEventListener("input", () => this.#save());
    form.addEventListener("change", () => this.#save());
    this.querySelector("[data-clear]")?.addEventListener("click", () => {
      this.#log.set(clearLog(this.#log.get()));
      this.#memory = newClientMemory();
      this.#announce("The log is empty.");
    });
    this.querySelector("[data-token-list]")?.addEventListener("click", (event) => {
      const button = (event.target as Element | null)?.closest?.("button[data-token]");
      if (!(button instanceof HTMLButtonElement)) return;
      const preset = findPreset(`bearer-${button.dataset["token"] ?? ""}`);
      if (preset !== undefined) this.#form.applyPreset(preset);
      this.#save();
      this.querySelector<HTMLInputElement>('input[name="token"]')?.focus();
    });
    this.#log.subscribe((log) => {
      this.#render(log);
      this.#scheduleDetails();
    });
    this.#render(this.#log.get());
    this.#renderDetails(this.#log.get());
    // A deferred save must not be lost when the reader leaves right after an exchange.
    window.addEventListener("pagehide", () => this.#flushDetails());

    void startSandbox(this.#base).then(
      (transport) => this.#ready(transport),
      () => this.#status("The sandbox could not start. Reload the page to try again.", "error"),
    );
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
    // A link such as /sandbox/?endpoint=status/404 (from a status page) picks the endpoint.
    const endpoint = new URLSearchParams(location.search).get("endpoint");
    if (endpoint !== null && endpoint !== "") this.#form.setEndpoint(endpoint.slice(0, 2000));
    this.#form.showAuthPanel();
  }

  #save(): void {
    saveSandbox(storage(), { form: this.#form.snapshot(), log: this.#log.get(), memory: this.#memory }, [
      ...this.#secrets,
    ]);
  }

  #ready(transport: SandboxTransport): void {
    this.#transport = transport;
    for (const button of this.querySelectorAll<HTMLButtonElement>("button[data-needs-sandbox]"))
      button.disabled = false;
    this.dataset["ready"] = transport.kind;
    this.#status(
      transport.kind === "service-worker"
        ? "Ready. A service worker in your browser answers; the requests also show in the developer tools' Network panel."
        : `Ready, answering in the page. ${transport.reason ?? ""} Everything works the same; only the Network panel stays empty.`,
      "ready",
    );
  }

  #status(text: string, state: string): void {
    const status = this.querySelector<HTMLElement>("[data-sandbox-status]");
    if (status === null) return;
    // The spinner stays in place (CSS hides it once ready); only the sentence changes.
    const sentence = status.querySelector("[data-status-text]") ?? status;
    sentence.textContent = text;
    status.dataset["state"] = state;
  }

  #error(text: string): void {
    const error = this.querySelector<HTMLElement>("[data-sandbox-error]");
    if (error !== null) error.textContent = text;
  }

  #announce(text: string): void {
    const live = this.querySelector<HTMLElement>("[data-announce]");
    if (live !== null) live.textContent = text;
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
      button.disabled = busy || this.#transport === undefined;
  }

  #sendRecord = (record: HttpRequestRecord) => {
    if (this.#transport === undefined)
      return Promise.resolve({ ok: false as const, message: "The sandbox is still starting; try again in a moment." });
    return performExchange(this.#transport, record, location.origin);
  };

  #keepSecrets(): void {
    for (const secret of this.#form.secrets()) this.#secrets.add(secret);
  }

  /** The Authorization value "Send" adds: Basic, Bearer or raw as typed; Digest answers the challenge it remembers. */
  async #authorization(draft: RequestDraft, url: string, method: string, body: string | undefined) {
    if (draft.auth.type !== "digest") return { ...simpleAuthorization(draft.auth), digest: undefined };
    const remembered = rememberedDigest(this.#memory, url);
    if (remembered.length === 0) {
      return {
        ok: false as const,
        message:
          "Digest credentials answer a challenge, and there is none for this endpoint yet. Use “Send like a browser”, or send once with “None” to get the challenge first.",
      };
    }
    const answer = await answerChallenge(
      remembered,
      draft.auth,
      body === undefined ? { method, url } : { method, url, body },
      this.#memory,
    );
    return answer.ok
      ? { ok: true as const, value: answer.authorization, digest: answer.digest }
      : { ok: false as const, message: answer.message };
  }

  async #send(): Promise<void> {
    this.#error("");
    const drafted = this.#form.draft();
    if (!drafted.ok) return this.#error(drafted.message);
    const { draft } = drafted;
    this.#keepSecrets();
    const root = apiRoot(this.#base);
    const plain = buildRequest(draft, root, location.origin);
    if (!plain.ok) return this.#error(plain.message);
    const authorization = await this.#authorization(draft, plain.record.url, plain.record.method, plain.record.body);
    if (!authorization.ok) return this.#error(authorization.message);
    const built = buildRequest(draft, root, location.origin, authorization.value);
    if (!built.ok) return this.#error(built.message);
    await this.#run(built.record, "Sent exactly as built", authorization.digest);
  }

  /** Sends one record as a run of its own and logs it. */
  async #run(record: HttpRequestRecord, label: string, digest?: DigestComputation): Promise<void> {
    const result = await this.#sendRecord(record);
    if (!result.ok) return this.#error(result.message);
    rememberChallenges(this.#memory, result.exchange);
    const started = startRun(this.#log.get());
    const entry = logEntry(
      started.log,
      started.run,
      result.exchange,
      label,
      this.#transport?.kind ?? "in-page",
      digest,
    );
    this.#log.set(appendEntry(started.log, entry));
    const { status, statusText } = result.exchange.response;
    this.#announce(`Request ${entry.id}: the server answered ${status} ${statusText}.`);
  }

  async #sendLikeBrowser(): Promise<void> {
    this.#error("");
    const drafted = this.#form.draft();
    if (!drafted.ok) return this.#error(drafted.message);
    this.#keepSecrets();
    const started = startRun(this.#log.get());
    this.#log.set(started.log);
    const result = await followChallenge({
      draft: drafted.draft,
      apiRoot: apiRoot(this.#base),
      origin: location.origin,
      send: this.#sendRecord,
      memory: this.#memory,
      onStep: (step) => {
        const log = this.#log.get();
        this.#log.set(
          appendEntry(
            log,
            logEntry(log, started.run, step.exchange, step.label, this.#transport?.kind ?? "in-page", step.digest),
          ),
        );
      },
    });
    if (result.steps.length === 0) return this.#error(result.outcome.message);
    this.#log.set(recordOutcome(this.#log.get(), { run: started.run, ...result.outcome }));
    const count = result.steps.length;
    this.#announce(`Sent like a browser, ${count} request${count === 1 ? "" : "s"}: ${result.outcome.message}`);
  }

  #resend(id: number): void {
    const entry = this.#log.get().entries.find((candidate) => candidate.id === id);
    if (entry === undefined || entry.redacted === true) return;
    this.#error("");
    void this.#exclusive(() =>
      this.#run(entry.exchange.request, `Sent again, exactly as request #${id}`, entry.digest),
    );
  }

  #render(log: SandboxLog): void {
    const list = this.querySelector<HTMLElement>("[data-exchange-log]");
    if (list === null) return;
    const outcomes = new Map(log.outcomes.map((outcome) => [outcome.run, outcome]));
    const lastOfRun = new Map(log.entries.map((entry) => [entry.run, entry.id]));
    const keep = new Set<number>();
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
      // Newest first: the reader sees the answer right under the buttons.
      if (existing !== undefined) existing.replaceWith(view);
      else list.prepend(view);
      this.#rendered.set(entry.id, view);
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
    this.#sequence.update(
      log.entries.map((entry) => entry.exchange),
      log.entries.some((entry) => entry.redacted !== true),
    );
    this.#copyAs.show(selectedEntry(log));
  }
}

if (!customElements.get("auth-sandbox")) customElements.define("auth-sandbox", AuthSandbox);
