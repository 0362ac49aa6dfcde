import type { StepElement } from "./workshop-navigator.ts";

/** True when the address asks for the speaker view (?view=speaker). */
export function isSpeakerView(href: string): boolean {
  return new URL(href).searchParams.get("view") === "speaker";
}

/** Opens the speaker view of this lesson in a window of its own (one per lesson). */
export function openSpeakerWindow(): void {
  const url = new URL(location.href);
  url.searchParams.set("view", "speaker");
  window.open(url.href, `lab-speaker:${location.pathname}`, "popup,width=960,height=720");
}

/** What the speaker view says when the projected window has run a step. */
export function ranSentence(index: number, status: number, expected: number): string {
  return status === expected
    ? `Step ${index + 1} answered ${status}, as expected.`
    : `Step ${index + 1} answered ${status}, not ${expected}.`;
}

/**
 * The speaker view, in a second window of the presenter's: the notes always shown, the next step, a
 * timer since it opened, and a line on how it is in step with the projected window. It drives the
 * projected window (workshop-lesson.ts) and sends no request itself. `stop` clears its timer.
 */
export class SpeakerView {
  readonly #root: HTMLElement;
  #timerStart = Date.now();
  #interval: ReturnType<typeof setInterval> | undefined;
  #title: string | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
  }

  start(): void {
    const html = document.documentElement;
    html.toggleAttribute("data-speaker", true);
    html.toggleAttribute("data-notes", true);
    this.#root.querySelector<HTMLElement>("[data-speaker-panel]")!.hidden = false;
    this.#title ??= document.title;
    document.title = `Speaker view: ${this.#title}`;
    this.#tick();
    if (this.#interval === undefined) this.#interval = setInterval(() => this.#tick(), 1000);
    this.say("No projected window answered: open this lesson in another window of this browser.");
  }

  stop(): void {
    clearInterval(this.#interval);
    this.#interval = undefined;
  }

  restartTimer(): void {
    this.#timerStart = Date.now();
    this.#tick();
  }

  /** The line on the projected window: whether it answered, what its last run said. */
  say(text: string): void {
    const status = this.#root.querySelector("[data-speaker-link]");
    if (status) status.textContent = text;
  }

  /** What comes after step `index`: its heading and narration. */
  showNext(steps: readonly StepElement[], index: number): void {
    const next = steps[index + 1];
    const target = this.#root.querySelector("[data-speaker-next]");
    if (!target) return;
    target.textContent = next
      ? `${next.querySelector("h2")?.textContent ?? ""}: ${next.querySelector(".lab-ws-narration")?.textContent?.trim() ?? ""}`
      : "This is the last step.";
  }

  #tick(): void {
    const timer = this.#root.querySelector<HTMLElement>("[data-timer]");
    const seconds = Math.floor((Date.now() - this.#timerStart) / 1000);
    if (timer) timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }
}
