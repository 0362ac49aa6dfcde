import {
  loadOAuthFlow,
  type DecodedToken,
  type OAuthFlow,
  type OAuthClientSetup,
  type OAuthFlowOptions,
  type OAuthOutcome,
  type OAuthStep,
} from "../sandbox/index.ts";
import type { Exchange } from "../http/index.ts";
import { bindTooltips, renderFindings } from "./auth-value-view.ts";
import { element } from "./dom.ts";
import { revealAnswer } from "./reveal-answer.ts";
import { SandboxShell } from "./sandbox-shell.ts";
import { SequenceView } from "./sequence-view.ts";

/** Most steps "Run to end" takes: the longest flow (step-up with a refresh) has 16. */
const maxSteps = 40;

/** A decoded JWT as text: its header and claims as JSON, never as markup. */
function renderToken(token: DecodedToken): HTMLElement {
  const box = element("details", undefined, "lab-token");
  box.open = true;
  box.dataset["token"] = token.name;
  box.append(element("summary", `${token.name}, decoded (the client reads it; the resource verifies it)`));
  if ("problem" in token) {
    box.append(element("p", token.problem));
    return box;
  }
  for (const [title, value] of [
    ["Header", token.header],
    ["Claims", token.claims],
  ] as const) {
    const figure = element("figure", undefined, "lab-transcript");
    figure.append(element("figcaption", title));
    const pre = element("pre");
    pre.tabIndex = 0;
    pre.append(element("code", JSON.stringify(value, null, 2)));
    figure.append(pre);
    box.append(figure);
  }
  const { exp, iat } = token.claims;
  if (typeof exp === "number" && typeof iat === "number")
    box.append(
      element("p", `Issued ${new Date(iat * 1000).toISOString()}, expires ${new Date(exp * 1000).toISOString()}.`),
    );
  return box;
}

/**
 * The view of one <oauth-client>: the page's sandbox client runs the step machine
 * (src/sandbox/oauth-flow.ts) one exchange per "Next step", or to the end; each step goes into the
 * log (the exchange, what the client made of it, the lints, decoded tokens) and the diagram with
 * its three participants. Everything a server sent is set as text.
 */
class OAuthClientView {
  readonly #root: HTMLElement;
  readonly #shell: SandboxShell;
  #sequence: SequenceView | undefined;
  #flow: OAuthFlow | undefined;
  #done = false;
  #busy = false;
  #exchanges: Exchange[] = [];
  /** The element's connection: the diagram's view observes the page until it aborts. */
  #signal: AbortSignal;
  /** The diagram's participants, known once the step machine has loaded. */
  #servers: readonly string[] | undefined;

  constructor(root: HTMLElement, signal: AbortSignal) {
    this.#root = root;
    this.#signal = signal;
    this.#shell = new SandboxShell(root);
    bindTooltips(root);
  }

  /** The element is on the page again, under a new connection: the diagram's view is made again for it. */
  connect(signal: AbortSignal): void {
    if (signal === this.#signal) return;
    this.#signal = signal;
    if (this.#sequence === undefined) return;
    this.#sequence = undefined;
    this.#sequenceView()?.update(this.#exchanges, this.#exchanges.length > 0);
  }

  #sequenceView(): SequenceView | undefined {
    if (this.#servers === undefined) return undefined;
    this.#sequence ??= new SequenceView(this.#root.querySelector<HTMLElement>("[data-sequence]") ?? this.#root, {
      servers: this.#servers,
      title: "The OAuth client's exchanges with the resource server and the authorization server",
      signal: this.#signal,
    });
    return this.#sequence;
  }

  #options(module: Awaited<ReturnType<typeof loadOAuthFlow>>): OAuthFlowOptions {
    const { oauthFlowResources, oauthFlowTwists } = module;
    const form = this.#root.querySelector("form");
    const data = form === null ? new FormData() : new FormData(form);
    return {
      resource: oauthFlowResources.find((choice) => choice.id === data.get("resource"))?.id ?? "resource",
      twist: oauthFlowTwists.find((choice) => choice.id === data.get("twist"))?.id ?? "none",
      refresh: data.get("refresh") !== null,
    };
  }

  /**
   * The site's published client metadata document, as the page was built with it
   * (OAuthClient.astro, data-client-metadata): its URL becomes the client_id where the document
   * lists this page's redirect URI. Anything unreadable is no document: the client registers.
   */
  #setup(): OAuthClientSetup {
    let value: unknown;
    try {
      value = JSON.parse(this.#root.dataset["clientMetadata"] ?? "null");
    } catch {
      return {};
    }
    if (typeof value !== "object" || value === null || !("url" in value) || !("redirectUris" in value)) return {};
    const { url, redirectUris } = value;
    if (typeof url !== "string" || !Array.isArray(redirectUris)) return {};
    return { clientMetadata: { url, redirectUris: redirectUris.filter((uri) => typeof uri === "string") } };
  }

  #buttons(disabled: boolean): void {
    for (const button of this.#root.querySelectorAll<HTMLButtonElement>("[data-oauth-next], [data-oauth-run]"))
      button.disabled = disabled || this.#done;
  }

  async act(action: "next" | "run" | "reset"): Promise<void> {
    if (action === "reset") return this.#reset();
    if (this.#busy) return;
    this.#busy = true;
    this.#buttons(true);
    try {
      for (let count = 0; count < (action === "run" ? maxSteps : 1) && !this.#done; count++) await this.#next();
    } finally {
      this.#busy = false;
      this.#buttons(false);
    }
  }

  #reset(): void {
    if (this.#flow !== undefined) void this.#flow.return({ kind: "stopped", message: "" });
    this.#flow = undefined;
    this.#done = false;
    this.#exchanges = [];
    this.#root.querySelector("[data-exchange-log]")?.replaceChildren();
    const empty = this.#root.querySelector<HTMLElement>("[data-log-empty]");
    if (empty !== null) empty.hidden = false;
    const outcome = this.#root.querySelector<HTMLElement>("[data-oauth-outcome]");
    if (outcome !== null) {
      outcome.hidden = true;
      outcome.textContent = "";
      delete outcome.dataset["outcome"];
    }
    this.#shell.error("");
    this.#sequence?.update([], false);
    if (!this.#busy) this.#buttons(false);
  }

  async #next(): Promise<void> {
    this.#shell.error("");
    if (this.#flow === undefined) {
      const client = await this.#shell.client();
      if (client === undefined) return;
      const module = await loadOAuthFlow();
      this.#servers = module.oauthParticipants;
      this.#sequenceView();
      this.#flow = module.runOAuthFlow(client, this.#options(module), this.#setup());
    }
    const next = await this.#flow.next();
    if (next.done === true) this.#finish(next.value);
    else this.#show(next.value);
  }

  #show(step: OAuthStep): void {
    this.#exchanges.push(step.exchange);
    const number = this.#exchanges.length;
    const article = this.#shell.exchangeView(step.exchange, `${step.label} (${step.server})`, number);
    article.dataset["server"] = step.server;
    article.dataset["step"] = String(number);
    if (step.note !== "") article.querySelector("h3")?.after(element("p", step.note, "lab-note"));
    for (const token of step.tokens) article.append(renderToken(token));
    const lints = element("section", undefined, "lab-lints");
    lints.append(element("h4", "What the RFCs say about this step"));
    lints.append(renderFindings(step.findings, "No problems found in this step."));
    article.append(lints);
    const empty = this.#root.querySelector<HTMLElement>("[data-log-empty]");
    if (empty !== null) empty.hidden = true;
    this.#root.querySelector("[data-exchange-log]")?.append(article);
    this.#sequence?.update(this.#exchanges, true);
    revealAnswer(article);
  }

  #finish(outcome: OAuthOutcome): void {
    this.#done = true;
    const line = this.#root.querySelector<HTMLElement>("[data-oauth-outcome]");
    if (line !== null) {
      line.hidden = false;
      line.textContent = outcome.message;
      line.dataset["outcome"] = outcome.kind;
    }
    this.#shell.announce(outcome.message);
  }
}

const views = new WeakMap<HTMLElement, OAuthClientView>();

/** The view of this element, made once, for its connection `signal` (oauth-client.ts). */
export function oauthClientView(root: HTMLElement, signal: AbortSignal): OAuthClientView {
  let view = views.get(root);
  if (view === undefined) {
    view = new OAuthClientView(root, signal);
    views.set(root, view);
  } else view.connect(signal);
  return view;
}
