import { renderDigestChain } from "./digest-chain-view.ts";
import type { SandboxShell } from "./sandbox-shell.ts";
import type { StepElement } from "./workshop-navigator.ts";
import type { StepEvent } from "./workshop-step-runner.ts";

function sentence(text: string, className?: string): HTMLParagraphElement {
  const paragraph = document.createElement("p");
  paragraph.textContent = text;
  if (className) paragraph.className = className;
  return paragraph;
}

/** Marks what the step says to look at (data-look-at: header names, "status", "body") in its exchange. */
function markLookAt(step: HTMLElement, view: HTMLElement): void {
  const lookAt = (step.querySelector<HTMLElement>("[data-look-at]")?.dataset["lookAt"] ?? "").split(",");
  for (const row of view.querySelectorAll<HTMLTableRowElement>(".lab-headers tbody tr")) {
    const name = row.querySelector("th")?.textContent?.toLowerCase() ?? "";
    row.classList.toggle("lab-ws-look", lookAt.includes(name));
  }
  if (lookAt.includes("status")) view.querySelector(".lab-status-line")?.classList.add("lab-ws-look");
  if (lookAt.includes("body")) view.querySelector(".lab-body")?.classList.add("lab-ws-look");
}

/**
 * The countdown of a step that waits, with the button that skips it (PageDown does the same):
 * drawn once, then only its sentence changes, so a focused button keeps the focus.
 */
function showWaiting(result: HTMLElement, secondsLeft: number): void {
  let sentenceLine = result.querySelector<HTMLElement>("[data-waiting]");
  if (sentenceLine === null) {
    sentenceLine = sentence("");
    sentenceLine.dataset["waiting"] = "";
    const skip = document.createElement("button");
    skip.type = "button";
    skip.dataset["action"] = "skip-wait";
    skip.textContent = "Skip the wait (PageDown)";
    result.replaceChildren(sentenceLine, skip);
  }
  sentenceLine.textContent = `Waiting ${secondsLeft} s before sending…`;
}

/** What a skipped wait did instead, in words: the sandbox's clock moved for this one request. */
export function clockAheadSentence(seconds: number): string {
  return `The wait was skipped: this request asked the sandbox to check the token ${seconds} s ahead of its clock (its own Lab-Clock-Ahead field, which no real server has), as if the time had passed.`;
}

/**
 * Draws one event of a step run (workshop-step-runner.ts) in its step's result: a countdown, a
 * failure, or the verdict, the exchange and, for the step asked for, how the Digest response was
 * computed. Returns the verdict of an answer (the lesson moves the focus to it).
 */
export function showStepEvent(
  step: StepElement,
  event: StepEvent,
  shell: SandboxShell,
): HTMLParagraphElement | undefined {
  const result = step.querySelector<HTMLElement>("[data-result]")!;
  if (event.kind === "waiting") {
    showWaiting(result, event.secondsLeft);
    return undefined;
  }
  if (event.kind === "failed") {
    result.replaceChildren(sentence(event.message, "lab-error"));
    return undefined;
  }
  const { status } = event.exchange.response;
  const setup = event.role === "setup";
  const view = shell.exchangeView(event.exchange, setup ? "Ran to set up a later step" : "This step", event.index + 1);
  markLookAt(step, view);
  const verdict =
    event.problems.length === 0
      ? sentence(`The server answered ${status}, as expected.`, "lab-ws-verdict")
      : sentence(
          `The server answered ${status}, not as the lesson says: ${event.problems.join("; ")}. Run the lesson from the start (Home) to try again.`,
          "lab-error",
        );
  // The answer first (status line, challenge), then how the Digest response was computed.
  result.replaceChildren(
    verdict,
    ...(event.clockAhead > 0 ? [sentence(clockAheadSentence(event.clockAhead), "lab-ws-skipped")] : []),
    view,
    ...(event.digest === undefined || setup ? [] : [renderDigestChain(event.digest, "lab-ws-digest")]),
  );
  step.dataset["status"] = String(status);
  return verdict;
}

/** A saved value as a slide shows it: a time for an expiry (`…_exp`, seconds since the epoch), else the value, cut at 60 characters. */
function valueText(name: string, value: string): string {
  if (/_exp$/.test(name) && /^\d{1,12}$/.test(value))
    return new Date(Number(value) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

/**
 * Puts the values the lesson's steps have saved in place of their words (WorkshopStep.astro's
 * [data-value] spans, "the access token from step 6"): set as text, the whole value in the title;
 * a value not (or no longer) known shows its words again.
 */
export function showValues(root: HTMLElement, values: ReadonlyMap<string, string>): void {
  for (const span of root.querySelectorAll<HTMLElement>("[data-value]")) {
    const name = span.dataset["value"] ?? "";
    span.dataset["words"] ??= span.textContent ?? "";
    const value = values.get(name);
    span.textContent = value === undefined ? span.dataset["words"] : valueText(name, value);
    span.classList.toggle("lab-ws-known", value !== undefined);
    if (value === undefined) span.removeAttribute("title");
    else span.title = value;
  }
}
