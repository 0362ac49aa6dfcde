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
    result.replaceChildren(sentence(`Waiting ${event.secondsLeft} s before sending…`));
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
    view,
    ...(event.digest === undefined || setup ? [] : [renderDigestChain(event.digest, "lab-ws-digest")]),
  );
  step.dataset["status"] = String(status);
  return verdict;
}
