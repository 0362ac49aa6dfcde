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

function fieldText(headers: ReadonlyArray<readonly [string, string]>, names: readonly string[]): string {
  return headers
    .filter(([name]) => names.includes(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${shorten(value, 120)}`)
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
      `Client to ${name}: ${request.method} ${shorten(target, 120)}${credentials === "" ? ", no credentials" : `, ${credentials}`}.`,
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
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: "strict",
          theme: isDark() ? "dark" : "default",
          suppressErrorRendering: true,
          sequence: { useMaxWidth: true },
        });
        renderCount += 1;
        const source = sequenceDiagram(this.#exchanges, { title: this.#title, servers: this.#servers });
        const { svg } = await mermaid.render(`lab-sequence-${renderCount}`, source);
        const drawn = svgElement(svg);
        if (drawn === undefined) throw new Error("Mermaid returned no SVG.");
        drawn.setAttribute("role", "img");
        target?.replaceChildren(drawn);
        if (target !== null) {
          target.dataset["exchanges"] = String(this.#exchanges.length);
          delete target.dataset["stale"];
        }
        if (status !== null) status.textContent = "";
      } while (this.#dirty);
    } catch (error) {
      if (status !== null) {
        status.textContent = `The diagram could not be drawn (${problemOf(error).message}); the list of steps below says the same.`;
      }
    } finally {
      this.#drawing = false;
    }
  }
}
