import { selectedEntry, type SandboxLog } from "../sandbox/index.ts";
import { bindTooltips } from "./auth-value-view.ts";
import { CopyAsView } from "./copy-as-view.ts";
import { RequestForm } from "./request-form.ts";
import { linkedRequest, linkLimits, requestLink } from "./request-link.ts";
import { SandboxLogView } from "./sandbox-log-view.ts";
import { findPreset } from "./sandbox-presets.ts";
import { SandboxSession } from "./sandbox-session.ts";
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
 * through the page's sandbox client. The session (sandbox-session.ts) holds the log, the client
 * memory and the saved copy, without the page; this element draws it (the log, sandbox-log-view.ts;
 * the live diagram; "copy as") and keeps the page's address on the request. What it listens to and
 * observes is released when it leaves the page, and taken up again when it comes back.
 */
export class AuthSandbox extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  #session: SandboxSession | undefined;
  #logView: SandboxLogView | undefined;
  /** The views with listeners of their own, made again with every connection. */
  #form: RequestForm | undefined;
  #copyAs: CopyAsView | undefined;
  /** The live diagram's view; it (and the diagram code) loads with the first exchange to draw. */
  #sequence: Promise<SequenceView> | undefined;
  #connection: AbortController | undefined;

  connectedCallback(): void {
    const form = this.querySelector("form");
    const copyAs = this.querySelector<HTMLElement>("[data-copy-as]");
    if (form === null || copyAs === null || this.querySelector("[data-sequence]") === null) return;
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    this.#form = new RequestForm(form, signal);
    this.#copyAs = new CopyAsView(copyAs, signal);
    this.#sequence = undefined;
    bindTooltips(this, signal);
    const session = this.#session ?? this.#startSession();
    this.#listen(form, session, signal);
    this.#logView?.render(session.log.get());
    this.#renderDetails(session.log.get());
    void this.#shell.client().then((client) => {
      if (client === undefined || signal.aborted) return;
      session.ready(client);
      for (const button of this.querySelectorAll<HTMLButtonElement>("button[data-needs-sandbox]"))
        button.disabled = false;
    });
  }

  disconnectedCallback(): void {
    this.#session?.flush();
    this.#connection?.abort();
  }

  /** The session and the log's view, made with the first connection and kept while the page lives. */
  #startSession(): SandboxSession {
    const form = () => this.#form!;
    const session = new SandboxSession({
      storage: storage(),
      form: { snapshot: () => form().snapshot(), draft: () => form().draft(), secrets: () => form().secrets() },
      view: {
        announce: (text) => this.#shell.announce(text),
        error: (text) => this.#shell.error(text),
        busy: (busy) => this.#showBusy(busy),
        details: (log) => this.#renderDetails(log),
      },
    });
    const logView = new SandboxLogView(this, {
      onSelect: (selected) => {
        session.select(selected);
        this.#copyAs?.show(selectedEntry(session.log.get()), true);
        this.querySelector<HTMLElement>('[data-copy-as] [role="tab"][aria-selected="true"]')?.focus();
      },
      onResend: (resent) => void session.resend(resent),
    });
    session.log.subscribe((log) => logView.render(log));
    this.#session = session;
    this.#logView = logView;
    this.#restore(session, form());
    return session;
  }

  #listen(form: HTMLFormElement, session: SandboxSession, signal: AbortSignal): void {
    form.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        const { submitter } = event;
        const browser = submitter instanceof HTMLButtonElement && submitter.value === "browser";
        void (browser ? session.sendLikeBrowser() : session.send());
      },
      { signal },
    );
    // Ctrl+Enter (⌘+Enter on a Mac) from any field sends with the form's first, default action.
    form.addEventListener(
      "keydown",
      (event) => {
        if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
        event.preventDefault();
        const action = form.querySelector<HTMLButtonElement>('button[type="submit"]');
        if (action !== null && !action.disabled) form.requestSubmit(action);
      },
      { signal },
    );
    // The address follows every change (a request too long for it is never put there, so this stays
    // cheap); the saved copy, which holds the whole log, is written once typing pauses.
    for (const type of ["input", "change"]) {
      form.addEventListener(
        type,
        () => {
          this.#showAddress();
          session.scheduleSave();
        },
        { signal },
      );
    }
    this.querySelector("[data-clear]")?.addEventListener("click", () => session.clear(), { signal });
    this.querySelector("[data-token-list]")?.addEventListener(
      "click",
      (event) => {
        const button = (event.target as Element | null)?.closest?.("button[data-token]");
        if (!(button instanceof HTMLButtonElement)) return;
        const preset = findPreset(`bearer-${button.dataset["token"] ?? ""}`);
        if (preset !== undefined) this.#form?.applyPreset(preset);
        session.save();
        this.#showAddress();
        this.querySelector<HTMLInputElement>('input[name="token"]')?.focus();
      },
      { signal },
    );
    // A deferred save must not be lost when the reader leaves right after an exchange.
    window.addEventListener("pagehide", () => session.flush(), { signal });
  }

  /** The saved copy of this tab, or the form's first preset; then the request the address names. */
  #restore(session: SandboxSession, form: RequestForm): void {
    const restored = session.restore();
    if (restored !== undefined) {
      if (restored.form !== undefined) form.restore(restored.form);
    } else {
      const preset = findPreset(form.snapshot().preset);
      if (preset !== undefined) form.applyPreset(preset);
    }
    // An address that names another request (shared, or a status page's ?endpoint=status/404) wins
    // over what this tab kept; after a reload it names the kept one, whose body stays. From then on
    // the address follows the form.
    const linked = linkedRequest(location.search);
    if (linked !== undefined && requestLink(form.snapshot()) !== location.search.slice(1)) {
      form.applyLink(linked);
      this.#showAddress();
    }
    form.showAuthPanel();
  }

  /**
   * Keeps the address on the request on screen (replaceState: no history entry per keystroke), so
   * it can be shared: method, endpoint, auth type and user name only (request-link.ts).
   */
  #showAddress(): void {
    if (this.#form === undefined) return;
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

  /** The send buttons: disabled while a send is out (and slow), or before the sandbox has started. */
  #showBusy(busy: boolean): void {
    if (this.hasAttribute("aria-busy") === busy) return;
    this.toggleAttribute("aria-busy", busy);
    for (const button of this.querySelectorAll<HTMLButtonElement>("button[data-needs-sandbox]"))
      button.disabled = busy || this.#session?.client === undefined;
  }

  #renderDetails(log: SandboxLog): void {
    // Mermaid loads only once this page has made an exchange (not for a log restored after a reload).
    const exchanges = log.entries.map((entry) => entry.exchange);
    const draw = log.entries.some((entry) => entry.redacted !== true);
    // An empty log keeps the markup's own sentence; the view's code loads with the first exchange.
    const root = this.querySelector<HTMLElement>("[data-sequence]");
    const signal = this.#connection?.signal;
    if (root !== null && signal !== undefined && (exchanges.length > 0 || this.#sequence !== undefined)) {
      this.#sequence ??= import("./sequence-view.ts").then(({ SequenceView }) => new SequenceView(root, { signal }));
      void this.#sequence.then((view) => view.update(exchanges, draw));
    }
    this.#copyAs?.show(selectedEntry(log));
  }
}

if (!customElements.get("auth-sandbox")) customElements.define("auth-sandbox", AuthSandbox);
