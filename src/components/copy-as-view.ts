import { shorten } from "../http/index.ts";
import { apiRoot, type LogEntry } from "../sandbox/index.ts";
import { liveServerTiming } from "../site-config.ts";
import type * as CopyAsCode from "./copy-as-code.ts";
import type { FormatId, LiveServer } from "./copy-as-formats.ts";

let copyAsCodeModule: Promise<typeof CopyAsCode> | undefined;

/** Where copied commands go unless the reader says otherwise: `npm start`'s default address. */
export const defaultLiveServer = "http://localhost:4321";

/** The reader's live-server address in localStorage (an address only: never a credential). */
export const liveServerKey = "http-status-lab:live-server:v1";

/** Longest live-server address read (the field's maxlength too): an origin and a base path are far shorter. */
export const maxLiveServerLength = 2048;

/**
 * Reads what the reader typed as the live server's address: an http(s) origin, optionally with the
 * base path `npm start` was given (`http://localhost:4321/http-status-lab/`). Refused with a
 * sentence: other schemes, user names or passwords in the address (it is stored), a query or
 * fragment, GitHub Pages, where the site is static and the API exists only in the service worker,
 * and anything over 2,048 characters. A sentence quotes at most 60 characters of what was typed.
 */
export function readLiveServer(text: string): { ok: true; server: LiveServer } | { ok: false; message: string } {
  if (text.length > maxLiveServerLength)
    return {
      ok: false,
      message: `That is ${text.length.toLocaleString("en")} characters: a live server's address is an origin such as ${defaultLiveServer}, with at most a base path.`,
    };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: `"${shorten(text, 60)}" is not an address such as ${defaultLiveServer}.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, message: `The live server is reached over http: or https:, not ${url.protocol}.` };
  if (url.username !== "" || url.password !== "")
    return { ok: false, message: "Leave the user name and password out of the address: it is stored in this browser." };
  if (url.search !== "" || url.hash !== "")
    return { ok: false, message: "The address takes an origin and, optionally, a base path: no ? or #." };
  if (url.hostname === "github.io" || url.hostname.endsWith(".github.io"))
    return {
      ok: false,
      message: "GitHub Pages serves this site without its API (the API lives only in the page's service worker).",
    };
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  return { ok: true, server: { origin: url.origin, base: segments.length === 0 ? "/" : `/${segments.join("/")}/` } };
}

/**
 * Was this page served by the live server (`npm start`)? Its pages carry the Server-Timing metric
 * `liveServerTiming`, read from the page's own navigation entry (no request). Where the browser
 * exposes no Server-Timing (a page that is not a secure context, such as a workshop on the LAN,
 * where no service worker runs either), one HEAD request to the page's own address reads it.
 */
export async function servedByLiveServer(): Promise<boolean> {
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (window.isSecureContext && navigation !== undefined && "serverTiming" in navigation)
    return navigation.serverTiming.some((metric) => metric.name === liveServerTiming);
  try {
    const response = await fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "omit" });
    return (response.headers.get("server-timing") ?? "")
      .split(",")
      .some((metric) => metric.split(";")[0]?.trim() === liveServerTiming);
  } catch {
    return false;
  }
}

/** The command that starts a live server at this base path, as the README says (`npm ci && npm start`). */
export function startCommand(server: LiveServer): string {
  return server.base === "/" ? "npm ci && npm start" : `npm ci && BASE_PATH=${server.base} npm start`;
}

/**
 * The "copy as" panel: tabs for curl, fetch, Python and PHP (src/http codegen) showing the
 * selected request as a command for the live server (`npm start`) at the address the reader sets
 * (remembered in localStorage), highlighted by Shiki once the panel is on screen (the highlighter
 * is imported then, not before), and a copy button. The code is shown as plain text at once and
 * coloured when Shiki is ready, so a slow import never hides it. The code generators
 * (copy-as-code.ts) are imported with the first request to show, so they stay out of the first load.
 */
export class CopyAsView {
  readonly #root: HTMLElement;
  #format: FormatId = "curl";
  #entry: LogEntry | undefined;
  #code = "";
  #version = 0;
  #visible = false;
  #highlighted = "";
  readonly #pageBase: string;
  #server: LiveServer;
  /** The page came from the live server the commands go to. */
  #servedHere = false;

  /** `signal`: the view listens and observes until it aborts (the sandbox left the page). */
  constructor(root: HTMLElement, signal: AbortSignal) {
    this.#root = root;
    this.#pageBase = root.closest<HTMLElement>("[data-base]")?.dataset["base"] ?? "/";
    const stored = this.#storedServer();
    this.#server = stored ?? {
      origin: defaultLiveServer,
      base: location.origin === defaultLiveServer ? this.#pageBase : "/",
    };
    const input = root.querySelector<HTMLInputElement>("[data-live-server]");
    if (input !== null) {
      this.#showServer(input);
      input.addEventListener("change", () => this.#setServer(input), { signal });
    }
    this.#describeServer(undefined);
    // Served by the live server itself: its address is the default, unless the reader typed one since.
    const shown = input?.value;
    if (stored === undefined)
      void servedByLiveServer().then((live) => {
        if (signal.aborted || !live || (input !== null && input.value !== shown)) return;
        this.#server = { origin: location.origin, base: this.#pageBase };
        this.#servedHere = true;
        if (input !== null) this.#showServer(input);
        this.#describeServer(undefined);
        this.#render();
      });
    const tabs = [...root.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    for (const tab of tabs) {
      tab.addEventListener("click", () => this.#choose(tab.dataset["format"] as FormatId, false), { signal });
      tab.addEventListener(
        "keydown",
        (event) => {
          const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
          if (step === 0 && event.key !== "Home" && event.key !== "End") return;
          event.preventDefault();
          const index = tabs.indexOf(tab);
          const next =
            event.key === "Home"
              ? 0
              : event.key === "End"
                ? tabs.length - 1
                : (index + step + tabs.length) % tabs.length;
          this.#choose(tabs[next]?.dataset["format"] as FormatId, true);
        },
        { signal },
      );
    }
    // The tab chosen before the view was made again (the sandbox left the page and came back).
    const chosen = tabs.find((tab) => tab.getAttribute("aria-selected") === "true")?.dataset["format"];
    if (chosen !== undefined) this.#format = chosen as FormatId;
    root.querySelector("[data-copy]")?.addEventListener("click", () => void this.#copy(), { signal });
    // Shiki is imported the first time the panel is on screen with code in it, not before.
    const visibility = new IntersectionObserver(
      (records) => {
        this.#visible = records.some((record) => record.isIntersecting);
        if (this.#visible) this.#render();
      },
      { rootMargin: "200px" },
    );
    visibility.observe(root);
    signal.addEventListener("abort", () => visibility.disconnect(), { once: true });
  }

  /** Shows this entry's request (or a sentence when there is none); `reveal` scrolls the panel into view. */
  show(entry: LogEntry | undefined, reveal = false): void {
    this.#entry = entry;
    this.#render();
    if (reveal) this.#root.scrollIntoView({ block: "nearest" });
  }

  /** The address the reader stored, if any. */
  #storedServer(): LiveServer | undefined {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(liveServerKey);
    } catch {
      // Storage may be off; the default is used.
    }
    const read = stored === null ? undefined : readLiveServer(stored);
    return read?.ok === true ? read.server : undefined;
  }

  #showServer(input: HTMLInputElement): void {
    input.value = this.#server.base === "/" ? this.#server.origin : `${this.#server.origin}${this.#server.base}`;
  }

  #setServer(input: HTMLInputElement): void {
    const read = readLiveServer(input.value === "" ? defaultLiveServer : input.value);
    if (!read.ok) {
      input.setAttribute("aria-invalid", "true");
      this.#describeServer(read.message);
      return;
    }
    input.removeAttribute("aria-invalid");
    this.#server = read.server;
    this.#servedHere = false;
    try {
      localStorage.setItem(liveServerKey, `${read.server.origin}${read.server.base}`);
    } catch {
      // Not remembered; still used on this page.
    }
    this.#describeServer(undefined);
    this.#render();
  }

  /** The one line under the address: where commands go and how to start that server; or why an address was refused. */
  #describeServer(problem: string | undefined): void {
    const note = this.#root.querySelector<HTMLElement>("[data-live-note]");
    if (note === null) return;
    const where = `${this.#server.origin}${apiRoot(this.#server.base)}`;
    note.textContent =
      problem === undefined && this.#servedHere
        ? `The commands run against the live server this page comes from, at ${where}.`
        : problem === undefined
          ? `The commands run against the live server at ${where}. On the published site the API exists only in this page's service worker: start the server from the repository with ${startCommand(this.#server)} (see its README).`
          : `${problem} The commands still go to ${where}.`;
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
    const entry = this.#entry;
    this.#version += 1;
    const version = this.#version;
    if (entry === undefined) {
      this.#code = "";
      this.#highlighted = "";
      code.textContent = "Send a request first: its code appears here.";
      if (caption !== null) caption.textContent = "";
      if (copy !== null) copy.disabled = true;
      return;
    }
    copyAsCodeModule ??= import("./copy-as-code.ts");
    void copyAsCodeModule.then(({ codeFormat, copyAsCode }) => {
      if (version !== this.#version) return;
      const format = codeFormat(this.#format);
      const generated = copyAsCode(format.id, entry, this.#pageBase, this.#server);
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
