import { problemOf, requestTarget, sequenceDiagram, shorten, statusAndPhrase, type Exchange } from "../http/index.ts";
import type mermaidApi from "mermaid";
import { element } from "./dom.ts";

/** The diagram shows this many of the newest exchanges; the text alternative lists the same ones. */
export const diagramLimit = 12;

type Mermaid = typeof mermaidApi;
let mermaidModule: Promise<Mermaid> | undefined;
let renderCount = 0;

/** Mermaid, imported the first time a diagram is drawn (never in the page's first load). */
function loadMermaid(): Promise<Mermaid> {
  mermaidModule ??= import("mermaid").then(({ default: mermaid }) => mermaid);
  return mermaidModule;
}

/** Resolves when the browser is idle (or after `timeout` ms), so drawing never delays a click's answer. */
function idle(timeout = 300): Promise<void> {
  return new Promise((resolve) => {
    if ("requestIdleCallback" in window) requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 1);
  });
}

function isDark(): boolean {
  return document.documentElement.dataset["theme"] === "dark";
}

/**
 * Mermaid's settings for a live diagram: strict security (no HTML labels, no links run), the
 * site's theme, every text at 16 px, and the drawing at its own width (the page's CSS scales it,
 * never below 12 px text). No `wrap`: Mermaid would break lines inside mermaidText's entity codes.
 */
function liveDiagramConfig(dark: boolean): Parameters<Mermaid["initialize"]>[0] {
  return {
    startOnLoad: false,
    securityLevel: "strict",
    theme: dark ? "dark" : "default",
    suppressErrorRendering: true,
    sequence: {
      useMaxWidth: false,
      // Narrower boxes and margins than Mermaid's defaults (150, 50, 50): the column holds more of
      // the drawing at full size, so less of it needs scrolling sideways.
      width: 110,
      actorMargin: 30,
      diagramMarginX: 8,
      actorFontSize: 16,
      noteFontSize: 16,
      messageFontSize: 16,
    },
  };
}

/**
 * Parses Mermaid's SVG text without innerHTML and drops anything that could run: scripts,
 * foreignObject, event-handler attributes and javascript: links. Mermaid's strict mode already
 * sanitizes; this is the second lock on the door.
 */
function svgElement(svgText: string): SVGSVGElement | undefined {
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = parsed.documentElement;
  if (root.nodeName.toLowerCase() !== "svg") return undefined;
  for (const node of [...root.querySelectorAll("script, foreignObject")]) node.remove();
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (
        name.startsWith("on") ||
        ((name === "href" || name === "xlink:href") && /^\s*javascript:/i.test(attribute.value))
      ) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/**
 * Longest value the drawing shows before cutting it with "…", so a challenge or a token keeps the
 * drawing narrow enough to be read at 12 px or more (on a phone it scrolls sideways inside its
 * frame). The list of steps has values whole (up to `stepValueMax`).
 */
export const drawnValueMax = 26;
/** Longest value the list of steps shows: a challenge or token whole, a 64 kB value not. */
const stepValueMax = 2000;

function fieldText(headers: ReadonlyArray<readonly [string, string]>, names: readonly string[]): string {
  return headers
    .filter(([name]) => names.includes(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${shorten(value, stepValueMax)}`)
    .join("; ");
}

/**
 * The diagram's text alternative: one list item per message, in order. With several `servers`,
 * each message names the server its exchange went to (Exchange.server), as the diagram does.
 */
export function sequenceSteps(exchanges: readonly Exchange[], servers: readonly string[] = []): string[] {
  const steps: string[] = [];
  for (const { request, response, server } of exchanges) {
    const name = servers.length === 0 ? "server" : servers.includes(server ?? "") ? (server ?? "") : (servers[0] ?? "");
    const { target } = requestTarget(request.url);
    const credentials = fieldText(request.headers, ["authorization", "proxy-authorization"]);
    steps.push(
      `Client to ${name}: ${request.method} ${shorten(target, stepValueMax)}${credentials === "" ? ", no credentials" : `, ${credentials}`}.`,
    );
    const challenge = fieldText(response.headers, ["www-authenticate", "proxy-authenticate"]);
    const from = servers.length === 0 ? "Server" : name;
    steps.push(`${from} to client: ${statusAndPhrase(response)}${challenge === "" ? "" : `, ${challenge}`}.`);
  }
  return steps;
}

/**
 * <section data-sequence> of the sandbox: a Mermaid sequence diagram of the newest exchanges
 * (source from src/http sequenceDiagram, reader text escaped there), redrawn after each exchange,
 * and always a list of the same steps as its text alternative. Mermaid loads (in idle time) after
 * the first exchange of the page, and draws while the diagram is on screen.
 */
export class SequenceView {
  readonly #root: HTMLElement;
  #exchanges: readonly Exchange[] = [];
  #drawing = false;
  #dirty = false;
  #enabled = false;
  #visible = false;

  /** The diagram's servers after the client (sequenceDiagram's servers option); one "Server" by default. */
  readonly #servers: readonly string[];
  readonly #title: string;
  readonly #emptyText: string;

  /** `options.signal`: the view listens and observes until it aborts (its element left the page). */
  constructor(root: HTMLElement, options: { servers?: readonly string[]; title?: string; signal: AbortSignal }) {
    const { signal } = options;
    this.#root = root;
    this.#servers = options.servers ?? [];
    this.#title = options.title ?? "The exchanges of this sandbox, newest last";
    // What an empty diagram says is the markup's (LiveSequence.astro): shown before this view loads.
    this.#emptyText = root.querySelector("[data-diagram-count]")?.textContent?.trim() ?? "";
    // Mermaid's layout is one long task: draw only while the diagram is on screen (or about to be).
    const visibility = new IntersectionObserver(
      (records) => {
        this.#visible = records.some((record) => record.isIntersecting);
        if (this.#visible && this.#enabled) void this.#draw();
      },
      { rootMargin: "200px" },
    );
    visibility.observe(root);
    root.querySelector("[data-diagram-draw]")?.addEventListener(
      "click",
      () => {
        this.#enabled = true;
        void this.#draw();
      },
      { signal },
    );
    const theme = new MutationObserver(() => {
      if (this.#enabled) void this.#draw();
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    signal.addEventListener(
      "abort",
      () => {
        visibility.disconnect();
        theme.disconnect();
      },
      { once: true },
    );
  }

  /** Shows these exchanges; `draw` loads Mermaid if it is not loaded yet (after a real exchange). */
  update(exchanges: readonly Exchange[], draw: boolean): void {
    this.#exchanges = exchanges.slice(-diagramLimit);
    const list = this.#root.querySelector("[data-diagram-steps]");
    list?.replaceChildren(...sequenceSteps(this.#exchanges, this.#servers).map((step) => element("li", step)));
    const count = this.#root.querySelector("[data-diagram-count]");
    if (count !== null) {
      count.textContent =
        exchanges.length === 0
          ? this.#emptyText
          : exchanges.length > diagramLimit
            ? `The last ${diagramLimit} of ${exchanges.length} exchanges.`
            : `${exchanges.length} exchange${exchanges.length === 1 ? "" : "s"}.`;
    }
    const button = this.#root.querySelector<HTMLButtonElement>("[data-diagram-draw]");
    if (draw) this.#enabled = true;
    if (button !== null) button.hidden = this.#enabled || exchanges.length === 0;
    if (this.#enabled) {
      // Load Mermaid in idle time after the first exchange, so it is ready when the diagram shows.
      void idle().then(loadMermaid);
      void this.#draw();
    } else if (exchanges.length === 0) this.#root.querySelector("[data-diagram-svg]")?.replaceChildren();
  }

  /**
   * Gives the section the drawing's own size (--lab-diagram-width, --lab-diagram-ratio): the page
   * draws it no smaller than 75% of it (12 px text, scrolling sideways inside its frame when the
   * column is narrower) and the enlarged view (diagram-zoom.ts) at 85%; shows Enlarge once there
   * is a drawing.
   */
  #sized(drawn: SVGSVGElement | undefined): void {
    const zoom = this.#root.querySelector<HTMLElement>("lab-diagram-zoom");
    if (zoom !== null) zoom.hidden = drawn === undefined;
    const box = drawn?.viewBox.baseVal;
    if (box === undefined || box.width === 0 || box.height === 0) return;
    this.#root.style.setProperty("--lab-diagram-width", `${box.width}px`);
    this.#root.style.setProperty("--lab-diagram-ratio", (box.width / box.height).toFixed(3));
    // Wider than its column (a phone): a sentence under it says it scrolls sideways.
    const frame = drawn?.parentElement;
    const hint = this.#root.querySelector<HTMLElement>("[data-diagram-hint]");
    if (frame != null && hint !== null) hint.hidden = frame.scrollWidth <= frame.clientWidth + 1;
  }

  async #draw(): Promise<void> {
    if (!this.#visible) {
      this.#root.querySelector("[data-diagram-svg]")?.setAttribute("data-stale", "");
      return;
    }
    if (this.#drawing) {
      this.#dirty = true;
      return;
    }
    this.#drawing = true;
    const target = this.#root.querySelector<HTMLElement>("[data-diagram-svg]");
    const status = this.#root.querySelector<HTMLElement>("[data-diagram-status]");
    try {
      do {
        this.#dirty = false;
        if (this.#exchanges.length === 0) {
          target?.replaceChildren();
          continue;
        }
        if (status !== null) status.textContent = "Drawing the diagram…";
        await idle();
        const mermaid = await loadMermaid();
        mermaid.initialize(liveDiagramConfig(isDark()));
        renderCount += 1;
        const source = sequenceDiagram(this.#exchanges, {
          title: this.#title,
          servers: this.#servers,
          maxValueLength: drawnValueMax,
        });
        const { svg } = await mermaid.render(`lab-sequence-${renderCount}`, source);
        const drawn = svgElement(svg);
        if (drawn === undefined) throw new Error("Mermaid returned no SVG.");
        drawn.setAttribute("role", "img");
        target?.replaceChildren(drawn);
        this.#sized(drawn);
        if (target !== null) {
          target.dataset["exchanges"] = String(this.#exchanges.length);
          delete target.dataset["stale"];
        }
        if (status !== null) status.textContent = "";
      } while (this.#dirty);
      if (this.#exchanges.length === 0) this.#sized(undefined);
    } catch (error) {
      if (status !== null) {
        status.textContent = `The diagram could not be drawn (${problemOf(error).message}); the list of steps below says the same.`;
      }
    } finally {
      this.#drawing = false;
    }
  }
}
