import { renderDigestChain } from "./digest-chain-view.ts";
import { qrCodeElement } from "./qr-code.ts";
import { loadLessonRun, type LessonRun, type LessonStepSpec, type SandboxClient } from "../sandbox/index.ts";
import { SandboxShell } from "./sandbox-shell.ts";
import { workshopKeys, type WorkshopAction as Action } from "./workshop-actions.ts";
import { workshopChannel, type WorkshopMessage } from "./workshop-channel.ts";
import { parseTextSize, stepTextSize } from "./workshop-text-size.ts";

const textSizeKey = "lab-workshop-text-size";

interface StepElement extends HTMLElement {
  dataset: DOMStringMap & { step: string; run: string };
}

/**
 * <workshop-lesson>: shows one step at a time, keeps the step in the URL (?step=N, and view=speaker
 * in the speaker view), runs a step's request as a draft through the sandbox client, scrolls its answer
 * into view, handles the presenter's keys (and a clicker's), and keeps a speaker view in a second
 * window on the same step.
 */
export class WorkshopLesson extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  #client: SandboxClient | undefined;
  /** The values earlier steps saved from their responses (codes, tokens, nonces), PKCE, the DPoP key. */
  /** The lesson's runner, loaded with the first step (loadLessonRun). */
  #lessonRun: LessonRun | undefined;
  #steps: StepElement[] = [];
  #current = 0;
  #ranThrough = -1;
  #running = false;
  /** The speaker view drives the projected window and shows its notes; it sends no request. */
  #speaker = false;
  #channel: ReturnType<typeof workshopChannel> | undefined;
  /** Steps whose answer this window has seen (its own run, or the projected window's). */
  #ran = new Set<number>();
  #timerStart = Date.now();
  #textSize = 1;

  connectedCallback(): void {
    this.#steps = [...this.querySelectorAll<StepElement>(".lab-ws-step")];
    this.classList.add("lab-ws-live");
    const params = new URL(location.href).searchParams;
    this.#speaker = params.get("view") === "speaker";
    const requested = Number(params.get("step"));
    this.#show(Number.isInteger(requested) && requested >= 1 ? requested - 1 : 0, false, false);
    this.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
      if (!button) return;
      const action = button.dataset["action"];
      if (action === "restart-timer") this.#timerStart = Date.now();
      else void this.#act(action as Action);
      // The tools close once one is used, except the text size, which is pressed a few times.
      if (action !== "smaller" && action !== "larger") button.closest<HTMLElement>("[popover]")?.hidePopover();
    });
    document.addEventListener("keydown", (event) => this.#onKey(event));
    this.#applyTextSize(storedTextSize());
    this.#fillAudienceLink();
    this.#channel = workshopChannel(location.pathname, (message) => this.#onMessage(message));
    if (this.#speaker) this.#startSpeakerView();
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
        if (message.type === "here") this.#speakerLink("In step with the projected lesson.");
        // Moved from the other window: the step's heading comes into view here too.
        this.#show(message.index, true, false);
        break;
      case "reset":
        this.#reset(false);
        break;
      case "run":
        if (!this.#speaker) {
          this.#show(message.index, false, false);
          void this.#run(message.index);
        }
        break;
      case "ran":
        this.#ran.add(message.index);
        if (this.#speaker) this.#speakerLink(ranSentence(message.index, message.status, message.expected));
        break;
      case "hello":
        if (!this.#speaker) this.#channel?.post({ type: "here", index: this.#current });
        break;
    }
  }

  async #act(action: Action): Promise<void> {
    switch (action) {
      case "previous":
        this.#show(this.#current - 1, true);
        break;
      case "next":
        this.#show(this.#current + 1, true);
        break;
      case "advance":
        // A clicker has one "forward" key: it runs a step, then moves on once the answer is shown.
        if (this.#ran.has(this.#current)) this.#show(this.#current + 1, true);
        else await this.#act("run");
        break;
      case "run":
        if (this.#speaker) this.#channel?.post({ type: "run", index: this.#current });
        else await this.#run(this.#current);
        break;
      case "reset":
        this.#reset(true);
        break;
      case "notes":
        this.#toggle("notes", "data-notes");
        break;
      case "present":
        this.#toggle("present", "data-present");
        break;
      case "speaker": {
        const url = new URL(location.href);
        url.searchParams.set("view", "speaker");
        window.open(url.href, `lab-speaker:${location.pathname}`, "popup,width=960,height=720");
        break;
      }
      case "qr":
        this.#openDialog("dialog[data-qr]");
        break;
      case "smaller":
      case "larger": {
        const size = stepTextSize(this.#textSize, action === "larger" ? 1 : -1);
        try {
          localStorage.setItem(textSizeKey, String(size));
        } catch {
          // Storage switched off: the size holds until the page is left.
        }
        this.#applyTextSize(size);
        break;
      }
      case "help":
        this.#openDialog("dialog[data-help]");
        break;
    }
  }

  #openDialog(selector: string): void {
    this.querySelector<HTMLElement>("[popover]")?.hidePopover();
    const dialog = this.querySelector<HTMLDialogElement>(selector);
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Scales the lesson's text (the root font size every rem follows), and says the size. */
  #applyTextSize(size: number): void {
    this.#textSize = size;
    document.documentElement.style.setProperty("--lab-ws-text", String(size));
    const output = this.querySelector("[data-text-size]");
    if (output) output.textContent = `${Math.round(size * 100)}%`;
  }

  #speakerLink(text: string): void {
    const status = this.querySelector("[data-speaker-link]");
    if (status) status.textContent = text;
  }

  /** The speaker view: notes always shown, the next step, a timer; asks the projected window where it is. */
  #startSpeakerView(): void {
    document.documentElement.toggleAttribute("data-speaker", true);
    document.documentElement.toggleAttribute("data-notes", true);
    this.querySelector<HTMLElement>("[data-speaker-panel]")!.hidden = false;
    document.title = `Speaker view: ${document.title}`;
    const timer = this.querySelector<HTMLElement>("[data-timer]");
    const tick = () => {
      const seconds = Math.floor((Date.now() - this.#timerStart) / 1000);
      if (timer) timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    };
    tick();
    setInterval(tick, 1000);
    this.#speakerLink("No projected window answered: open this lesson in another window of this browser.");
    this.#channel?.post({ type: "hello" });
  }

  #toggle(action: Action, attribute: string): void {
    const root = document.documentElement;
    const on = !root.hasAttribute(attribute);
    root.toggleAttribute(attribute, on);
    this.querySelector(`button[data-action="${action}"]`)?.setAttribute("aria-pressed", String(on));
  }

  /** Shows step `index`; `focus` moves the focus (and the view) to its heading; `tell` tells the other windows. */
  #show(index: number, focus: boolean, tell = true): void {
    const clamped = Math.max(0, Math.min(this.#steps.length - 1, index));
    const changed = clamped !== this.#current;
    this.#current = clamped;
    this.#steps.forEach((step, i) => {
      step.classList.toggle("lab-ws-current", i === clamped);
      step.setAttribute("aria-current", i === clamped ? "step" : "false");
    });
    const url = new URL(location.href);
    url.searchParams.set("step", String(clamped + 1));
    url.hash = "";
    history.replaceState(null, "", url);
    const counter = this.querySelector("[data-step-counter]");
    if (counter) counter.textContent = `Step ${clamped + 1} of ${this.#steps.length}`;
    const previous = this.querySelector<HTMLButtonElement>('button[data-action="previous"]');
    const next = this.querySelector<HTMLButtonElement>('button[data-action="next"]');
    if (previous) previous.disabled = clamped === 0;
    if (next) next.disabled = clamped === this.#steps.length - 1;
    const heading = this.#steps[clamped]?.querySelector("h2");
    // A lesson opens at its top; moving to a step brings its heading into view below the bar.
    if (focus && heading) {
      heading.focus({ preventScroll: true });
      if (!this.#inView(heading, heading)) this.#scrollToTop(heading);
    }
    if (this.#speaker) this.#showNext(clamped);
    if (tell && changed) this.#channel?.post({ type: "step", index: clamped });
  }

  /** Where the sticky bar ends when it is stuck: nothing above this line can be read. */
  #barBottom(): number {
    const bar = this.querySelector<HTMLElement>(".lab-ws-bar");
    if (!bar) return 0;
    const style = getComputedStyle(bar);
    return style.position === "sticky" ? parseFloat(style.top) + bar.offsetHeight : 0;
  }

  /** True when everything from `top` to `bottom` is on screen below the sticky bar. */
  #inView(top: Element, bottom: Element): boolean {
    return top.getBoundingClientRect().top >= this.#barBottom() && bottom.getBoundingClientRect().bottom <= innerHeight;
  }

  /** Scrolls `element` to just below the sticky bar. */
  #scrollToTop(element: Element): void {
    const top = element.getBoundingClientRect().top + scrollY - this.#barBottom() - 8;
    scrollTo({ top: Math.max(0, top), behavior: scrollBehaviour() });
  }

  /** After a run: the focus on the verdict, and on screen what the step says to look at. */
  #reveal(step: HTMLElement, verdict: HTMLElement): void {
    verdict.tabIndex = -1;
    verdict.focus({ preventScroll: true });
    const looks = step.querySelectorAll(".lab-ws-look");
    const last = looks[looks.length - 1] ?? verdict;
    const heading = step.querySelector("h2") ?? verdict;
    if (this.#inView(heading, last)) return;
    const fits =
      last.getBoundingClientRect().bottom - heading.getBoundingClientRect().top <= innerHeight - this.#barBottom() - 16;
    this.#scrollToTop(fits ? heading : verdict);
  }

  #showNext(index: number): void {
    const next = this.#steps[index + 1];
    const target = this.querySelector("[data-speaker-next]");
    if (!target) return;
    target.textContent = next
      ? `${next.querySelector("h2")?.textContent ?? ""}: ${next.querySelector(".lab-ws-narration")?.textContent?.trim() ?? ""}`
      : "This is the last step.";
  }

  #reset(tell: boolean): void {
    this.#client?.forget();
    this.#lessonRun?.reset();
    this.#ranThrough = -1;
    this.#ran.clear();
    for (const result of this.querySelectorAll("[data-result]")) result.replaceChildren();
    this.#show(0, true, false);
    if (tell) this.#channel?.post({ type: "reset" });
  }

  /** Runs a step; steps before it run first when it depends on them (a challenge to answer). */
  async #run(index: number): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      const client = await this.#shell.client();
      if (client === undefined) return;
      this.#client = client;
      this.#lessonRun ??= (await loadLessonRun()).createLessonRun();
      const catchUp = index - 1 > this.#ranThrough;
      if (catchUp) {
        client.forget();
        this.#lessonRun.reset();
        for (let i = 0; i < index; i += 1) await this.#runOne(client, i, true);
      }
      await this.#runOne(client, index, false);
    } finally {
      this.#running = false;
    }
  }

  async #runOne(client: SandboxClient, index: number, quiet: boolean): Promise<void> {
    const step = this.#steps[index];
    if (!step) return;
    const result = step.querySelector<HTMLElement>("[data-result]")!;
    const spec = JSON.parse(step.dataset.run) as LessonStepSpec;
    const run = this.#lessonRun;
    if (run === undefined) return;
    const wait = run.waitSeconds(spec, Date.now());
    if (!wait.ok) {
      result.replaceChildren(sentence(wait.error.message, "lab-error"));
      return;
    }
    // A catch-up run skips a plain delay, but not a wait for a token to expire: later steps need it.
    if (wait.seconds > 0 && (!quiet || spec.request.waitUntil !== undefined)) {
      for (let left = wait.seconds; left > 0; left -= 1) {
        result.replaceChildren(sentence(`Waiting ${left} s before sending…`));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    const drafted = await run.draft(spec, client.base, client.origin, client.memory.lastAuthorization);
    const outcome = drafted.ok ? await client.send(drafted.draft) : drafted;
    if (!outcome.ok) {
      result.replaceChildren(sentence(outcome.error.message, "lab-error"));
      return;
    }
    const saved = run.record(spec, outcome.exchange);
    this.#ranThrough = Math.max(this.#ranThrough, index);
    const expected = spec.expectStatus;
    const lookAt = (step.querySelector<HTMLElement>("[data-look-at]")?.dataset["lookAt"] ?? "").split(",");
    const view = this.#shell.exchangeView(
      outcome.exchange,
      quiet ? "Ran to set up a later step" : "This step",
      index + 1,
    );
    for (const row of view.querySelectorAll<HTMLTableRowElement>(".lab-headers tbody tr")) {
      const name = row.querySelector("th")?.textContent?.toLowerCase() ?? "";
      row.classList.toggle("lab-ws-look", lookAt.includes(name));
    }
    if (lookAt.includes("status")) view.querySelector(".lab-status-line")?.classList.add("lab-ws-look");
    if (lookAt.includes("body")) view.querySelector(".lab-body")?.classList.add("lab-ws-look");
    const { status } = outcome.exchange.response;
    const mismatches = run.mismatches(spec, outcome.exchange);
    const verdict =
      mismatches.length === 0 && saved.ok
        ? sentence(`The server answered ${status}, as expected.`, "lab-ws-verdict")
        : sentence(
            `The server answered ${status}, not as the lesson says: ${[...mismatches, ...(saved.ok ? [] : [saved.error.message])].join("; ")}. Run the lesson from the start (Home) to try again.`,
            "lab-error",
          );
    // The answer first (status line, challenge), then how the Digest response was computed.
    result.replaceChildren(
      verdict,
      view,
      ...(outcome.digest === undefined || quiet ? [] : [renderDigestChain(outcome.digest, "lab-ws-digest")]),
    );
    step.dataset["status"] = String(status);
    this.#ran.add(index);
    if (!quiet) {
      this.#channel?.post({ type: "ran", index, status, expected });
      if (index === this.#current) this.#reveal(step, verdict);
    }
  }

  #fillAudienceLink(): void {
    const link = this.querySelector<HTMLAnchorElement>("[data-audience-link]");
    const qr = this.querySelector<HTMLElement>("[data-audience-qr]");
    const hint = this.querySelector<HTMLElement>("[data-audience-hint]");
    if (!link || !qr || !hint) return;
    const url = new URL(location.href);
    url.search = "";
    url.hash = "";
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    link.href = url.href;
    link.textContent = url.href;
    qr.replaceChildren(qrCodeElement(url.href, `QR code of ${url.href}`));
    if (loopback) {
      const command = document.createElement("code");
      command.textContent = "npm start -- --host 0.0.0.0";
      hint.replaceChildren(
        "This address only works on this computer. Start the server with ",
        command,
        " and open the lesson with the LAN address it prints, so the class can reach it (and curl the same endpoints).",
      );
    } else {
      hint.textContent = "Everyone on this network can open this address, and curl the same endpoints under api/.";
    }
  }
}

/** The presenter's text size from the last visit (1 when storage is switched off or tampered with). */
function storedTextSize(): number {
  try {
    return parseTextSize(localStorage.getItem(textSizeKey));
  } catch {
    return 1;
  }
}

/** What the speaker view says when the projected window has run a step. */
function ranSentence(index: number, status: number, expected: number): string {
  return status === expected
    ? `Step ${index + 1} answered ${status}, as expected.`
    : `Step ${index + 1} answered ${status}, not ${expected}.`;
}

/** Smooth scrolling, unless the reader asked for reduced motion. */
function scrollBehaviour(): ScrollBehavior {
  return matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth";
}

function sentence(text: string, className?: string): HTMLParagraphElement {
  const paragraph = document.createElement("p");
  paragraph.textContent = text;
  if (className) paragraph.className = className;
  return paragraph;
}

if (!customElements.get("workshop-lesson")) customElements.define("workshop-lesson", WorkshopLesson);
