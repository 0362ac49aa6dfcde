import { selectedEntry, type LogEntry, type RunOutcome, type SandboxLog } from "../sandbox/index.ts";
import { renderLogEntry, type LogEntryActions } from "./log-entry-view.ts";

/**
 * The sandbox's exchange log on the page ([data-exchange-log]), oldest first, as the sequence
 * diagram runs: an entry is drawn once and drawn again only when what it shows changes (its run's
 * outcome), so a long log costs one new entry per exchange; entries no longer in the log are
 * removed, the selected one marked, and the answer of a new send scrolled into the log's pane.
 */
export class SandboxLogView {
  readonly #root: HTMLElement;
  readonly #actions: LogEntryActions;
  /** Each entry's view, by id, with the key (data-key) of what it shows. */
  readonly #rendered = new Map<number, HTMLElement>();

  constructor(root: HTMLElement, actions: LogEntryActions) {
    this.#root = root;
    this.#actions = actions;
  }

  render(log: SandboxLog): void {
    const list = this.#root.querySelector<HTMLElement>("[data-exchange-log]");
    if (list === null) return;
    const added = this.#drawEntries(list, log);
    // The answer of the latest send starts with the first exchange of its run (a browser's 401).
    const latestRun = log.entries.at(-1)?.run;
    const firstOfRun = log.entries.find((entry) => entry.run === latestRun);
    if (added && firstOfRun !== undefined) {
      const view = this.#rendered.get(firstOfRun.id);
      // In the next frame, where layout is computed anyway: reading it here would force a layout
      // between the click and the exchange reaching the screen.
      requestAnimationFrame(() => reveal(view));
    }
    const selected = selectedEntry(log)?.id;
    for (const view of this.#rendered.values())
      view.toggleAttribute("data-selected", Number(view.dataset["entry"]) === selected);
    const empty = this.#root.querySelector<HTMLElement>("[data-log-empty]");
    if (empty !== null) empty.hidden = log.entries.length > 0;
  }

  /** Draws the entries that are new or changed, removes those no longer logged; true when one was added. */
  #drawEntries(list: HTMLElement, log: SandboxLog): boolean {
    const outcomes = new Map(log.outcomes.map((outcome) => [outcome.run, outcome]));
    const lastOfRun = new Map(log.entries.map((entry) => [entry.run, entry.id]));
    const keep = new Set<number>();
    let added = false;
    for (const entry of log.entries) {
      keep.add(entry.id);
      const outcome = lastOfRun.get(entry.run) === entry.id ? outcomes.get(entry.run) : undefined;
      const existing = this.#rendered.get(entry.id);
      const view = this.#draw(entry, outcome, existing);
      if (view === existing) continue;
      // Oldest first, as the sequence diagram runs: the 401 comes before the 200 that answered it.
      if (existing !== undefined) existing.replaceWith(view);
      else {
        list.append(view);
        added = true;
      }
      this.#rendered.set(entry.id, view);
    }
    for (const [id, view] of this.#rendered) {
      if (!keep.has(id)) {
        view.remove();
        this.#rendered.delete(id);
      }
    }
    return added;
  }

  /** The entry's view: `existing` when it shows the same, else a new one. */
  #draw(entry: LogEntry, outcome: RunOutcome | undefined, existing: HTMLElement | undefined): HTMLElement {
    const key = `${entry.id}:${outcome?.message ?? ""}`;
    if (existing?.dataset["key"] === key) return existing;
    const view = renderLogEntry(entry, outcome, this.#actions);
    view.dataset["key"] = key;
    return view;
  }
}

/**
 * Where the log is a pane of its own (the workbench at 1024 px and wider, sandbox.css), scrolls it
 * to the first exchange of a send, so the answer shows beside the form without moving the page.
 */
function reveal(view: HTMLElement | undefined): void {
  const pane = view?.closest<HTMLElement>(".lab-results");
  if (view === undefined || !view.isConnected || pane == null || pane.scrollHeight <= pane.clientHeight) return;
  pane.scrollTop += view.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
}
