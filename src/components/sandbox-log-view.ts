import { selectedEntry, type LogEntry, type RunOutcome, type SandboxLog } from "../sandbox/index.ts";
import { renderLogEntry, type LogEntryActions } from "./log-entry-view.ts";
import { revealAnswer } from "./reveal-answer.ts";

/**
 * The sandbox's exchange log on the page ([data-exchange-log]), oldest first, as the sequence
 * diagram runs: an entry is drawn once and drawn again only when what it shows changes (its run's
 * outcome), so a long log costs one new entry per exchange; entries no longer in the log are
 * removed, the selected one marked, and the answer of a new send brought into view (reveal-answer.ts).
 */
export class SandboxLogView {
  readonly #root: HTMLElement;
  readonly #actions: LogEntryActions;
  /** Each entry's view, by id, with the key (data-key) of what it shows. */
  readonly #rendered = new Map<number, HTMLElement>();
  /** False until the first render: the log a page comes back to is drawn where it is, not revealed. */
  #drawnOnce = false;

  constructor(root: HTMLElement, actions: LogEntryActions) {
    this.#root = root;
    this.#actions = actions;
  }

  render(log: SandboxLog): void {
    const list = this.#root.querySelector<HTMLElement>("[data-exchange-log]");
    if (list === null) return;
    const added = this.#drawEntries(list, log);
    // The answer of the latest send: from the first exchange of its run (a browser's 401) to its last.
    const latestRun = log.entries.at(-1)?.run;
    const firstId = log.entries.find((entry) => entry.run === latestRun)?.id;
    const lastId = log.entries.at(-1)?.id;
    const reveal = added && this.#drawnOnce;
    this.#drawnOnce = true;
    if (reveal && firstId !== undefined && lastId !== undefined) {
      // In the next frame, where layout is computed anyway (reading it here would force a layout
      // between the click and the exchange reaching the screen), with the views drawn by then: an
      // entry is drawn again when its run's outcome arrives.
      requestAnimationFrame(() => {
        const [first, last] = [this.#rendered.get(firstId), this.#rendered.get(lastId)];
        if (first !== undefined && last !== undefined) revealAnswer(first, last);
      });
    }
    const selected = selectedEntry(log)?.id;
    for (const view of this.#rendered.values())
      view.toggleAttribute("data-selected", Number(view.dataset["entry"]) === selected);
    const empty = this.#root.querySelector<HTMLElement>("[data-log-empty]");
    if (empty !== null) empty.hidden = log.entries.length > 0;
  }

  /**
   * Draws the entries that are new or changed, removes those no longer logged; true when one was
   * added, or an entry of the latest run was drawn again (its outcome arrived): its answer is revealed.
   */
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
      if (existing !== undefined) {
        existing.replaceWith(view);
        added ||= entry.run === log.entries.at(-1)?.run;
      } else {
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
