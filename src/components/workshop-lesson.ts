import { qrCodeElement } from "./qr-code.ts";
import type { DigestChain } from "../http/index.ts";
import { stepDraft, type SandboxClient, type StepRequest } from "../sandbox/index.ts";
import { SandboxShell } from "./sandbox-shell.ts";

type Action = "previous" | "next" | "run" | "reset" | "notes" | "present" | "help";

/** One key per action (issue: "one key per action"); every action also has a button. */
const keys: Record<string, Action> = {
  ArrowLeft: "previous",
  ArrowRight: "next",
  r: "run",
  R: "run",
  Home: "reset",
  s: "notes",
  S: "notes",
  p: "present",
  P: "present",
  "?": "help",
};

interface StepElement extends HTMLElement {
  dataset: DOMStringMap & { step: string; request: string };
}

/**
 * <workshop-lesson>: shows one step at a time, keeps the step in the URL (?step=N, nothing else),
 * runs a step's request as a draft through the sandbox client, and handles the presenter's keys.
 */
export class WorkshopLesson extends HTMLElement {
  readonly #shell = new SandboxShell(this);
  #client: SandboxClient | undefined;
  #steps: StepElement[] = [];
  #current = 0;
  #ranThrough = -1;
  #running = false;

  connectedCallback(): void {
    this.#steps = [...this.querySelectorAll<StepElement>(".lab-ws-step")];
    this.classList.add("lab-ws-live");
    const requested = Number(new URL(location.href).searchParams.get("step"));
    this.#show(Number.isInteger(requested) && requested >= 1 ? requested - 1 : 0, false);
    this.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
      if (button) void this.#act(button.dataset["action"] as Action);
    });
    document.addEventListener("keydown", (event) => this.#onKey(event));
    this.#fillAudienceLink();
  }

  #onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as Element | null;
    if (target?.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
    const action = keys[event.key];
    if (action === undefined) return;
    event.preventDefault();
    void this.#act(action);
  }

  async #act(action: Action): Promise<void> {
    switch (action) {
      case "previous":
        this.#show(this.#current - 1, true);
        break;
      case "next":
        this.#show(this.#current + 1, true);
        break;
      case "run":
        await this.#run(this.#current);
        break;
      case "reset":
        this.#reset();
        break;
      case "notes":
        this.#toggle("notes", "data-notes");
        break;
      case "present":
        this.#toggle("present", "data-present");
        break;
      case "help":
        this.querySelector<HTMLDialogElement>("dialog[data-help]")?.showModal();
        break;
    }
  }

  #toggle(action: Action, attribute: string): void {
    const root = document.documentElement;
    const on = !root.hasAttribute(attribute);
    root.toggleAttribute(attribute, on);
    this.querySelector(`button[data-action="${action}"]`)?.setAttribute("aria-pressed", String(on));
    if (action === "notes") this.querySelector<HTMLElement>("[data-presenter]")!.hidden = !on;
  }

  #show(index: number, focus: boolean): void {
    const clamped = Math.max(0, Math.min(this.#steps.length - 1, index));
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
    if (focus) this.#steps[clamped]?.querySelector("h2")?.focus({ preventScroll: true });
    this.#steps[clamped]?.scrollIntoView({ block: "nearest" });
  }

  #reset(): void {
    this.#client?.forget();
    this.#ranThrough = -1;
    for (const result of this.querySelectorAll("[data-result]")) result.replaceChildren();
    this.#show(0, true);
  }

  /** Runs a step; steps before it run first when it depends on them (a challenge to answer). */
  async #run(index: number): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      const client = await this.#shell.client();
      if (client === undefined) return;
      this.#client = client;
      const catchUp = index - 1 > this.#ranThrough;
      if (catchUp) {
        client.forget();
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
    const request = JSON.parse(step.dataset.request) as StepRequest & { delaySeconds: number };
    if (request.delaySeconds > 0 && !quiet) {
      result.replaceChildren(sentence(`Waiting ${request.delaySeconds} s before sending…`));
      await new Promise((resolve) => setTimeout(resolve, request.delaySeconds * 1000));
    }
    const drafted = stepDraft(request, client.memory.lastAuthorization);
    const outcome = drafted.ok ? await client.send(drafted.draft) : drafted;
    if (!outcome.ok) {
      result.replaceChildren(sentence(outcome.error.message, "lab-error"));
      return;
    }
    this.#ranThrough = Math.max(this.#ranThrough, index);
    const expected = Number(step.querySelector<HTMLElement>("[data-expect]")?.dataset["expect"]);
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
    const verdict =
      status === expected
        ? sentence(`The server answered ${status}, as expected.`, "lab-ws-verdict")
        : sentence(
            `The server answered ${status}, not ${expected}: run the lesson from the start (Home) to try again.`,
            "lab-error",
          );
    result.replaceChildren(
      verdict,
      ...(outcome.digest === undefined || quiet ? [] : [digestChainView(outcome.digest.chain)]),
      view,
    );
    step.dataset["status"] = String(status);
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
    hint.textContent = loopback
      ? "This address only works on this computer. Start the server with `npm start -- --host 0.0.0.0` and open the lesson with the LAN address it prints, so the class can reach it (and curl the same endpoints)."
      : "Everyone on this network can open this address, and curl the same endpoints under api/.";
  }
}

/** The Digest computation (RFC 7616 §3.4.1–§3.4.3), each hash beside the text it hashes. */
function digestChainView(chain: DigestChain): HTMLElement {
  const list = document.createElement("dl");
  list.className = "lab-ws-digest";
  const rows: Array<[string, string, string]> = [
    ["HA1", chain.ha1Input, chain.ha1],
    ["HA2", chain.ha2Input, chain.ha2],
    ["response", chain.responseInput, chain.response],
  ];
  for (const [name, input, value] of rows) {
    const term = document.createElement("dt");
    term.textContent = `${name} = H("${input}")`;
    const definition = document.createElement("dd");
    const code = document.createElement("code");
    code.textContent = value;
    definition.append(code);
    list.append(term, definition);
  }
  return list;
}

function sentence(text: string, className?: string): HTMLParagraphElement {
  const paragraph = document.createElement("p");
  paragraph.textContent = text;
  if (className) paragraph.className = className;
  return paragraph;
}

if (!customElements.get("workshop-lesson")) customElements.define("workshop-lesson", WorkshopLesson);
