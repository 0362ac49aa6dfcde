import { scrollBehaviour } from "./reveal-answer.ts";

/** A lesson's step as the page marks it up (WorkshopStep.astro): its number and its request. */
export interface StepElement extends HTMLElement {
  dataset: DOMStringMap & { step: string; run: string };
}

/** The step the address names (?step=N, counted from 1), as an index; the first step otherwise. */
export function requestedStep(href: string): number {
  const requested = Number(new URL(href).searchParams.get("step"));
  return Number.isInteger(requested) && requested >= 1 ? requested - 1 : 0;
}

/**
 * A lesson's steps, one shown at a time: which one, the step in the address (?step=N, replaced, so
 * the history gets no entry per step), the counter and the bar's previous and next buttons, and the
 * scroll geometry that brings a step or its answer into view below the sticky bar.
 */
export class WorkshopNavigator {
  readonly #root: HTMLElement;
  readonly steps: readonly StepElement[];
  #current = 0;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.steps = [...root.querySelectorAll<StepElement>(".lab-ws-step")];
  }

  /** The index of the step shown. */
  get current(): number {
    return this.#current;
  }

  /** Shows step `index` (kept within the lesson) and puts it in the address; true when the step changed. */
  show(index: number): boolean {
    const clamped = Math.max(0, Math.min(this.steps.length - 1, index));
    const changed = clamped !== this.#current;
    this.#current = clamped;
    this.steps.forEach((step, i) => {
      step.classList.toggle("lab-ws-current", i === clamped);
      step.setAttribute("aria-current", i === clamped ? "step" : "false");
    });
    const url = new URL(location.href);
    url.searchParams.set("step", String(clamped + 1));
    url.hash = "";
    history.replaceState(null, "", url);
    const counter = this.#root.querySelector("[data-step-counter]");
    if (counter) counter.textContent = `Step ${clamped + 1} of ${this.steps.length}`;
    const previous = this.#root.querySelector<HTMLButtonElement>('button[data-action="previous"]');
    const next = this.#root.querySelector<HTMLButtonElement>('button[data-action="next"]');
    if (previous) previous.disabled = clamped === 0;
    if (next) next.disabled = clamped === this.steps.length - 1;
    return changed;
  }

  /** Moves the focus to the shown step's heading, and the heading into view below the bar. */
  focusCurrent(): void {
    const heading = this.steps[this.#current]?.querySelector("h2");
    if (!heading) return;
    heading.focus({ preventScroll: true });
    if (!this.#inView(heading, heading)) this.#scrollToTop(heading);
  }

  /** After a run: the focus on the verdict, and on screen what the step says to look at. */
  reveal(step: HTMLElement, verdict: HTMLElement): void {
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

  /** Where the sticky bar ends when it is stuck: nothing above this line can be read. */
  #barBottom(): number {
    const bar = this.#root.querySelector<HTMLElement>(".lab-ws-bar");
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
}
