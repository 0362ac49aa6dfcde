import type { SandboxClient } from "../sandbox/index.ts";
import { SandboxShell } from "./sandbox-shell.ts";
import { workshopKeys, type WorkshopAction as Action } from "./workshop-actions.ts";
import { workshopChannel, type WorkshopChannel, type WorkshopMessage } from "./workshop-channel.ts";
import { requestedStep, WorkshopNavigator } from "./workshop-navigator.ts";
import { isSpeakerView, openSpeakerWindow, ranSentence, SpeakerView } from "./workshop-speaker.ts";
import { StepRunner } from "./workshop-step-runner.ts";
import { showStepEvent, showValues } from "./workshop-step-view.ts";
import { PresenterTools } from "./workshop-tools.ts";

/**
 * <workshop-lesson>: shows one step at a time (workshop-navigator.ts: the step in the address,
 * ?step=N), runs a step's request as a draft through the sandbox client (workshop-step-runner.ts,
 * drawn by workshop-step-view.ts), handles the presenter's keys (and a clicker's) and tools
 * (workshop-tools.ts), and keeps a speaker view (workshop-speaker.ts, ?view=speaker) in a second
 * window on the same step over a BroadcastChannel. Everything it listens to, its channel and its
 * timers are released when it leaves the page, and taken up again when it comes back.
 */
export class WorkshopLesson extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  readonly #speaker = new SpeakerView(this);
  readonly #tools = new PresenterTools(this);
  #navigator: WorkshopNavigator | undefined;
  #runner: StepRunner | undefined;
  #client: SandboxClient | undefined;
  /** The speaker view drives the projected window and shows its notes; it sends no request. */
  #isSpeaker = false;
  #channel: WorkshopChannel | undefined;
  /** Steps whose answer this window has seen (its own run, or the projected window's). */
  readonly #ran = new Set<number>();
  #connection: AbortController | undefined;

  connectedCallback(): void {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const navigator = (this.#navigator ??= new WorkshopNavigator(this));
    this.#runner ??= new StepRunner(navigator.steps.map((step) => step.dataset.run));
    this.classList.add("lab-ws-live");
    this.#isSpeaker = isSpeakerView(location.href);
    this.#goTo(requestedStep(location.href), { focus: false, tell: false });
    this.addEventListener("click", (event) => this.#onClick(event), { signal });
    document.addEventListener("keydown", (event) => this.#onKey(event), { signal });
    this.#tools.restore();
    this.#channel = workshopChannel(location.pathname, (message) => this.#onMessage(message));
    if (this.#isSpeaker) {
      this.#speaker.start();
      this.#channel.post({ type: "hello" });
    }
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
    this.#channel?.close();
    this.#channel = undefined;
    this.#speaker.stop();
  }

  #onClick(event: MouseEvent): void {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
    if (!button) return;
    const action = button.dataset["action"];
    if (action === "restart-timer") this.#speaker.restartTimer();
    else if (action === "skip-wait") this.#runner?.skipWait();
    else void this.#act(action as Action);
    // The tools close once one is used, except the text size, which is pressed a few times.
    if (action !== "smaller" && action !== "larger") button.closest<HTMLElement>("[popover]")?.hidePopover();
  }

  #onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as Element | null;
    if (target?.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
    const action = workshopKeys.get(event.key);
    if (action === undefined) return;
    event.preventDefault();
    void this.#act(action);
  }

  #onMessage(message: WorkshopMessage): void {
    switch (message.type) {
      case "step":
      case "here":
        if (message.type === "here") this.#speaker.say("In step with the projected lesson.");
        // Moved from the other window: the step's heading comes into view here too.
        this.#goTo(message.index, { focus: true, tell: false });
        break;
      case "reset":
        this.#reset();
        break;
      case "run":
        if (!this.#isSpeaker) {
          this.#goTo(message.index, { focus: false, tell: false });
          void this.#run(message.index);
        }
        break;
      case "ran":
        this.#ran.add(message.index);
        if (this.#isSpeaker) this.#speaker.say(ranSentence(message.index, message.status, message.expected));
        break;
      case "hello":
        if (!this.#isSpeaker) this.#channel?.post({ type: "here", index: this.#current() });
        break;
    }
  }

  async #act(action: Action): Promise<void> {
    const current = this.#current();
    switch (action) {
      case "previous":
      case "next":
        this.#goTo(current + (action === "next" ? 1 : -1), { focus: true, tell: true });
        break;
      case "advance":
        // A clicker has one "forward" key: it runs a step, skips its wait, then moves on once the answer is shown.
        if (this.#runner?.waitingAt === current) this.#runner.skipWait();
        else if (this.#ran.has(current)) this.#goTo(current + 1, { focus: true, tell: true });
        else await this.#act("run");
        break;
      case "run":
        if (this.#isSpeaker) this.#channel?.post({ type: "run", index: current });
        else await this.#run(current);
        break;
      case "reset":
        this.#reset();
        this.#channel?.post({ type: "reset" });
        break;
      case "notes":
        this.#tools.toggle("notes", "data-notes");
        break;
      case "present":
        this.#tools.toggle("present", "data-present");
        break;
      case "speaker":
        openSpeakerWindow();
        break;
      case "qr":
        this.#tools.openDialog("dialog[data-qr]");
        break;
      case "smaller":
      case "larger":
        this.#tools.changeTextSize(action === "larger" ? 1 : -1);
        break;
      case "help":
        this.#tools.openDialog("dialog[data-help]");
        break;
    }
  }

  #current(): number {
    return this.#navigator?.current ?? 0;
  }

  /** Shows step `index`: `focus` brings its heading into view and focus; `tell` tells the other windows. */
  #goTo(index: number, { focus, tell }: { focus: boolean; tell: boolean }): void {
    const navigator = this.#navigator;
    if (navigator === undefined) return;
    const changed = navigator.show(index);
    if (focus) navigator.focusCurrent();
    if (this.#isSpeaker) this.#speaker.showNext(navigator.steps, navigator.current);
    if (tell && changed) this.#channel?.post({ type: "step", index: navigator.current });
  }

  /** Starts the lesson again in this window: no values, no answers, the first step. */
  #reset(): void {
    this.#client?.forget();
    this.#runner?.reset();
    this.#ran.clear();
    for (const result of this.querySelectorAll("[data-result]")) result.replaceChildren();
    showValues(this, new Map());
    this.#goTo(0, { focus: true, tell: false });
  }

  /** Runs a step (and the steps it depends on first), drawing each answer in its step. */
  async #run(index: number): Promise<void> {
    const navigator = this.#navigator;
    const runner = this.#runner;
    const signal = this.#connection?.signal;
    if (navigator === undefined || runner === undefined || signal === undefined) return;
    const client = await this.#shell.client();
    if (client === undefined) return;
    this.#client = client;
    for await (const event of runner.run(client, index, signal)) {
      const step = navigator.steps[event.index];
      if (step === undefined) continue;
      const verdict = showStepEvent(step, event, this.#shell);
      if (event.kind !== "answered") continue;
      this.#ran.add(event.index);
      showValues(this, runner.values);
      if (event.role === "setup") continue;
      const { status } = event.exchange.response;
      this.#channel?.post({ type: "ran", index: event.index, status, expected: event.expected });
      if (event.index === navigator.current && verdict !== undefined) navigator.reveal(step, verdict);
    }
  }
}

if (!customElements.get("workshop-lesson")) customElements.define("workshop-lesson", WorkshopLesson);
