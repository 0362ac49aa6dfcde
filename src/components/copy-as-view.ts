import { toCurl, toFetch, toPhp, toPython, type HttpRequestRecord } from "../http/index.ts";
import type { LogEntry } from "../sandbox/index.ts";
import type { CodeLanguage } from "./highlight.ts";

/** The four ways "copy as" writes a request, in tab order. */
export const codeFormats = [
  { id: "curl", label: "curl", language: "shellscript", generate: toCurl },
  { id: "fetch", label: "fetch", language: "javascript", generate: toFetch },
  { id: "python", label: "Python", language: "python", generate: toPython },
  { id: "php", label: "PHP", language: "php", generate: toPhp },
] as const satisfies ReadonlyArray<{
  id: string;
  label: string;
  language: CodeLanguage;
  generate: (request: HttpRequestRecord) => string;
}>;

type FormatId = (typeof codeFormats)[number]["id"];

/**
 * The "copy as" panel: tabs for curl, fetch, Python and PHP (src/http codegen) showing the
 * selected request, highlighted by Shiki once the panel is on screen (the highlighter is imported
 * then, not before), and a copy button. The code is shown as plain text at once and coloured
 * when Shiki is ready, so a slow import never hides it.
 */
export class CopyAsView {
  readonly #root: HTMLElement;
  #format: FormatId = "curl";
  #entry: LogEntry | undefined;
  #code = "";
  #version = 0;
  #visible = false;
  #highlighted = "";

  constructor(root: HTMLElement) {
    this.#root = root;
    const tabs = [...root.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    for (const tab of tabs) {
      tab.addEventListener("click", () => this.#choose(tab.dataset["format"] as FormatId, false));
      tab.addEventListener("keydown", (event) => {
        const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (step === 0 && event.key !== "Home" && event.key !== "End") return;
        event.preventDefault();
        const index = tabs.indexOf(tab);
        const next =
          event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : (index + step + tabs.length) % tabs.length;
        this.#choose(tabs[next]?.dataset["format"] as FormatId, true);
      });
    }
    root.querySelector("[data-copy]")?.addEventListener("click", () => void this.#copy());
    // Shiki is imported the first time the panel is on screen with code in it, not before.
    new IntersectionObserver(
      (records) => {
        this.#visible = records.some((record) => record.isIntersecting);
        if (this.#visible) this.#render();
      },
      { rootMargin: "200px" },
    ).observe(root);
  }

  /** Shows this entry's request (or a sentence when there is none); `reveal` scrolls the panel into view. */
  show(entry: LogEntry | undefined, reveal = false): void {
    this.#entry = entry;
    this.#render();
    if (reveal) this.#root.scrollIntoView({ block: "nearest" });
  }

  #choose(format: FormatId, focus: boolean): void {
    this.#format = format;
    for (const tab of this.#root.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
      const selected = tab.dataset["format"] === format;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected) this.#root.querySelector("[role=tabpanel]")?.setAttribute("aria-labelledby", tab.id);
      if (selected && focus) tab.focus();
    }
    this.#render();
  }

  #render(): void {
    const code = this.#root.querySelector<HTMLElement>("[data-code]");
    const caption = this.#root.querySelector<HTMLElement>("[data-code-caption]");
    const copy = this.#root.querySelector<HTMLButtonElement>("[data-copy]");
    if (code === null) return;
    const format = codeFormats.find((candidate) => candidate.id === this.#format) ?? codeFormats[0];
    const entry = this.#entry;
    this.#version += 1;
    if (entry === undefined) {
      this.#code = "";
      this.#highlighted = "";
      code.textContent = "Send a request first: its code appears here.";
      if (caption !== null) caption.textContent = "";
      if (copy !== null) copy.disabled = true;
      return;
    }
    const generated = format.generate(entry.exchange.request);
    if (copy !== null) copy.disabled = false;
    if (caption !== null) {
      caption.textContent = `Request #${entry.id}: ${entry.label}.${entry.redacted === true ? " Its credentials were not kept after the reload: send it again for a complete command." : ""}`;
    }
    const key = `${format.id}\n${generated}`;
    if (key === this.#highlighted && this.#code === generated) return;
    this.#code = generated;
    this.#highlighted = "";
    code.textContent = generated;
    code.dataset["format"] = format.id;
    delete code.dataset["highlighted"];
    if (!this.#visible) return;
    const version = this.#version;
    void import("./highlight.ts")
      .then(({ highlight }) => highlight(generated, format.language))
      .then((fragment) => {
        if (version !== this.#version) return;
        code.replaceChildren(fragment);
        code.dataset["highlighted"] = "";
        this.#highlighted = key;
      })
      .catch(() => {
        // The plain text is already shown; colours are a nicety.
      });
  }

  async #copy(): Promise<void> {
    const status = this.#root.querySelector<HTMLElement>("[data-copy-status]");
    try {
      await navigator.clipboard.writeText(this.#code);
      if (status !== null) status.textContent = "Copied.";
    } catch {
      if (status !== null)
        status.textContent = "The browser did not let the page copy. Select the code and copy it yourself.";
    }
  }
}
