/**
 * <lab-diagram-zoom>: the "Enlarge diagram" button of a diagram, static (SequenceDiagram.astro, a
 * figure) or live (LiveSequence.astro, a section that sequence-view.ts draws into and shows the
 * button once there is a drawing). It moves the diagram's frame and its one SVG (never a copy;
 * a live diagram redrawn while open is redrawn there) into a full-screen modal dialog, where it is drawn large enough to read
 * (site.css: at least 85% of Mermaid's 16 px text) and scrolls when wider than the screen, and
 * puts it back when the dialog closes (Close, Escape). Without JavaScript the button stays hidden
 * and the diagram is the page's own.
 */
export class DiagramZoom extends HTMLElement {
  #dialog: HTMLDialogElement | undefined;
  #connection: AbortController | undefined;

  connectedCallback(): void {
    const figure = this.closest<HTMLElement>("figure, [data-sequence]");
    const frame = figure?.querySelector<HTMLElement>(".lab-diagram-frame");
    const button = this.querySelector("button");
    if (!figure || !frame || !button) return;
    this.#connection = new AbortController();
    button.addEventListener("click", () => this.#open(figure, frame), { signal: this.#connection.signal });
    // A live diagram's frame is empty until its first drawing (sequence-view.ts shows the button then).
    if (frame.querySelector("svg") !== null) this.hidden = false;
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
  }

  #open(figure: HTMLElement, frame: HTMLElement): void {
    const dialog = (this.#dialog ??= this.#build(figure, frame));
    dialog.querySelector(".lab-diagram-scroll")?.append(frame);
    dialog.showModal();
  }

  #build(figure: HTMLElement, frame: HTMLElement): HTMLDialogElement {
    const dialog = document.createElement("dialog");
    dialog.className = "lab-diagram-dialog";
    const bar = document.createElement("div");
    bar.className = "lab-diagram-bar";
    const title = document.createElement("p");
    title.id = `${frame.querySelector("svg")?.id ?? "diagram"}-enlarged`;
    title.textContent = frame.querySelector("svg > title")?.textContent ?? figure.ariaLabel ?? "Diagram";
    dialog.setAttribute("aria-labelledby", title.id);
    const form = document.createElement("form");
    form.method = "dialog";
    const close = document.createElement("button");
    close.textContent = "Close";
    form.append(close);
    bar.append(title, form);
    // Focusable, so the keyboard can scroll a diagram wider or taller than the screen.
    const scroll = document.createElement("div");
    scroll.className = "lab-diagram-scroll";
    scroll.tabIndex = 0;
    scroll.setAttribute("role", "group");
    scroll.setAttribute("aria-label", "Diagram (scrolls with the arrow keys)");
    dialog.append(bar, scroll);
    dialog.addEventListener("close", () => this.after(frame));
    figure.append(dialog);
    return dialog;
  }
}

if (!customElements.get("lab-diagram-zoom")) customElements.define("lab-diagram-zoom", DiagramZoom);
