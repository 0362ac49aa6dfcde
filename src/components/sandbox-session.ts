import { statusAndPhrase, type Exchange, type Result } from "../http/index.ts";
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
  selectEntry,
  startRun,
  type DigestComputation,
  type FormSnapshot,
  type RequestDraft,
  type SandboxClient,
  type SandboxLog,
} from "../sandbox/index.ts";

/** Where the request comes from: the request builder (request-form.ts), or a test's stand-in. */
export interface RequestSource {
  /** What the form holds, without its secrets, for the saved copy and the address. */
  snapshot(): FormSnapshot;
  /** The request the form describes, or a sentence on what is wrong with it. */
  draft(): Result<{ draft: RequestDraft }>;
  /** The passwords and tokens typed in the form. */
  secrets(): string[];
}

/** The part of Web Storage the saved copy uses (a Map-backed fake in tests). */
export type SessionStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** What the session tells the page. */
export interface SessionView {
  /** A sentence for the live region (screen readers). */
  announce(text: string): void;
  /** A sentence for the error line; "" clears it. */
  error(text: string): void;
  /** A send is out and takes longer than a glance (150 ms); false once it is back. */
  busy(busy: boolean): void;
  /** The views that follow the log a task later (the diagram, the copy-as code). */
  details(log: SandboxLog): void;
}

export interface SessionOptions {
  /** The tab's storage for the saved copy (sessionStorage), or undefined when it is switched off. */
  storage: SessionStorage | undefined;
  form: RequestSource;
  view: SessionView;
}

/** How long typing must pause before the saved copy (the whole log) is written again. */
const saveDelay = 150;
/** How long a send may take before the busy state is drawn. */
const busyDelay = 150;

/**
 * The full sandbox's state, without the page (auth-sandbox.ts draws it): the log of exchanges (one
 * store the log, the diagram and "copy as" follow), the client memory, the secrets typed this
 * session, the three ways to send (exactly as built, like a browser, again), one at a time, and the
 * saved copy in sessionStorage, written once typing pauses and at once when the page is left,
 * without its secrets.
 */
export class SandboxSession {
  readonly log = createStore<SandboxLog>(emptyLog());
  readonly #storage: SessionStorage | undefined;
  readonly #form: RequestSource;
  readonly #view: SessionView;
  #client: SandboxClient | undefined;
  /** The client memory restored after a reload, handed to the client once it has started. */
  #memory = newClientMemory();
  /** Passwords and tokens typed this session: never stored, only used to cut them from what is. */
  readonly #secrets = new Set<string>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #detailsTimer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;

  constructor(options: SessionOptions) {
    this.#storage = options.storage;
    this.#form = options.form;
    this.#view = options.view;
    this.log.subscribe(() => this.#scheduleDetails());
  }

  /** The page's sandbox client, once it has started (`ready`). */
  get client(): SandboxClient | undefined {
    return this.#client;
  }

  /** Takes up the saved copy of this tab: its log and client memory; returns its form, if one was saved. */
  restore(): { form: FormSnapshot | undefined } | undefined {
    const snapshot = loadSandbox(this.#storage);
    if (snapshot === undefined) return undefined;
    this.log.set(snapshot.log);
    this.#memory = snapshot.memory;
    return { form: snapshot.form };
  }

  /** Hands the restored client memory to the started client (keeping the client's own cnonce source). */
  ready(client: SandboxClient): void {
    client.memory = {
      ...this.#memory,
      ...(client.memory.cnonce === undefined ? {} : { cnonce: client.memory.cnonce }),
    };
    this.#client = client;
  }

  /** Empties the log and forgets every challenge, nonce count and Authorization. */
  clear(): void {
    this.log.set(clearLog(this.log.get()));
    this.#client?.forget();
    this.#memory = newClientMemory();
    this.#view.announce("The log is empty.");
  }

  select(id: number): void {
    this.log.set(selectEntry(this.log.get(), id));
  }

  /** Writes the saved copy once typing pauses. */
  scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#flushSave(), saveDelay);
  }

  /** Writes the saved copy now. */
  save(): void {
    const memory = this.#client?.memory ?? this.#memory;
    saveSandbox(this.#storage, { form: this.#form.snapshot(), log: this.log.get(), memory }, [...this.#secrets]);
  }

  /** Writes what is still deferred, and cancels its timers (the page is left, or the sandbox removed). */
  flush(): void {
    this.#flushSave();
    this.#flushDetails();
  }

  /** "Send": the draft exactly as built. */
  send(): Promise<void> {
    this.#flushSave();
    return this.#exclusive(async () => {
      const drafted = this.#drafted();
      if (drafted === undefined || this.#client === undefined) return;
      const sent = await this.#client.send(drafted);
      if (!sent.ok) return this.#view.error(sent.error.message);
      this.#logRun(sent.exchange, "Sent exactly as built", sent.digest);
    });
  }

  /** "Send like a browser": answers challenges and follows redirects, each exchange logged as it comes. */
  sendLikeBrowser(): Promise<void> {
    this.#flushSave();
    return this.#exclusive(async () => {
      const drafted = this.#drafted();
      const client = this.#client;
      if (drafted === undefined || client === undefined) return;
      const started = startRun(this.log.get());
      this.log.set(started.log);
      const result = await client.follow(drafted, {
        onStep: (step) => {
          const log = this.log.get();
          const entry = logEntry(log, started.run, step.exchange, step.label, client.transport.kind, step.digest);
          this.log.set(appendEntry(log, entry));
        },
      });
      if (result.steps.length === 0) return this.#view.error(result.outcome.message);
      this.log.set(recordOutcome(this.log.get(), { run: started.run, ...result.outcome }));
      const count = result.steps.length;
      this.#view.announce(`Sent like a browser, ${count} request${count === 1 ? "" : "s"}: ${result.outcome.message}`);
    });
  }

  /** "Send this request again": the logged request byte for byte (for Digest, a replayed nonce count). */
  resend(id: number): Promise<void> {
    const entry = this.log.get().entries.find((candidate) => candidate.id === id);
    const client = this.#client;
    if (entry === undefined || entry.redacted === true || client === undefined) return Promise.resolve();
    this.#view.error("");
    return this.#exclusive(async () => {
      const sent = await client.resend(entry.exchange.request);
      if (!sent.ok) return this.#view.error(sent.error.message);
      this.#logRun(sent.exchange, `Sent again, exactly as request #${id}`, entry.digest);
    });
  }

  /** The form's draft, its secrets kept to be cut from the saved copy; undefined (and said) when it has none. */
  #drafted(): RequestDraft | undefined {
    this.#view.error("");
    const drafted = this.#form.draft();
    if (!drafted.ok) {
      this.#view.error(drafted.error.message);
      return undefined;
    }
    if (this.#client === undefined) return undefined;
    for (const secret of this.#form.secrets()) this.#secrets.add(secret);
    return drafted.draft;
  }

  /**
   * Runs one send at a time, from the press on: a press while one is out does nothing, so the log
   * reads in order. The busy state is drawn only when the answer takes longer than a glance: a
   * sandbox answer usually comes back within a frame or two, and disabling and re-enabling the
   * buttons for it would only flicker and cost a render on the main thread, which the service
   * worker's handlers need.
   */
  async #exclusive(task: () => Promise<void>): Promise<void> {
    if (this.#inFlight) return;
    this.#inFlight = true;
    const slow = setTimeout(() => this.#view.busy(true), busyDelay);
    try {
      await task();
    } finally {
      clearTimeout(slow);
      this.#inFlight = false;
      this.#view.busy(false);
    }
  }

  /** Logs one exchange as a run of its own. */
  #logRun(exchange: Exchange, label: string, digest?: DigestComputation): void {
    if (this.#client === undefined) return;
    const started = startRun(this.log.get());
    const entry = logEntry(started.log, started.run, exchange, label, this.#client.transport.kind, digest);
    this.log.set(appendEntry(started.log, entry));
    this.#view.announce(`Request ${entry.id}: the server answered ${statusAndPhrase(exchange.response)}.`);
  }

  #flushSave(): void {
    if (this.#saveTimer === undefined) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    this.save();
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
    this.#view.details(this.log.get());
    this.save();
  }
}
