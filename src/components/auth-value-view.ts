import type { AuthParseError, Finding } from "../http/index.ts";
import { citation, element, uniqueId } from "./dom.ts";
import { errorWindow } from "./error-window.ts";
import type { InspectedItem, InspectedParam } from "./inspect-field.ts";

/**
 * A parameter name that explains itself on hover and on keyboard focus: a button described by a
 * tooltip (aria-describedby), which Escape hides (WCAG 1.4.13) and a click pins for touch screens.
 */
function term(param: InspectedParam): HTMLElement {
  const wrap = element("span", undefined, "lab-term-wrap");
  if (param.explanation === undefined) {
    wrap.append(element("code", param.name, "lab-term-plain"));
    return wrap;
  }
  const button = element("button", param.name, "lab-term");
  button.type = "button";
  // Visibly something to open (an underlined name with an "i" beside it, drawn by sandbox.css with no
  // text of its own), and named so: "realm, what it means", its visible name first (WCAG 2.5.3).
  button.setAttribute("aria-label", `${param.name}, what it means`);
  const tip = element("span", param.explanation.text, "lab-tip");
  tip.id = uniqueId("lab-tip");
  tip.setAttribute("role", "tooltip");
  tip.append(" ", element("span", `(${param.explanation.rfc.label})`, "lab-tip-cite"));
  button.setAttribute("aria-describedby", tip.id);
  button.setAttribute("aria-pressed", "false");
  wrap.append(button, tip);
  return wrap;
}

/**
 * Tooltip behaviour for every term inside `root`: Escape hides, a click pins, leaving unhides; until
 * `signal` aborts (the element that owns `root` left the page).
 */
export function bindTooltips(root: HTMLElement, signal?: AbortSignal): void {
  const options: AddEventListenerOptions = signal === undefined ? {} : { signal };
  root.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Escape") return;
      const wrap = (event.target as Element | null)?.closest?.(".lab-term-wrap");
      if (wrap instanceof HTMLElement) {
        wrap.dataset["dismissed"] = "";
        wrap.querySelector(".lab-term")?.setAttribute("aria-pressed", "false");
      }
    },
    options,
  );
  root.addEventListener(
    "click",
    (event) => {
      const button = (event.target as Element | null)?.closest?.(".lab-term");
      if (!(button instanceof HTMLElement)) return;
      const pressed = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", String(!pressed));
      const wrap = button.closest(".lab-term-wrap");
      if (wrap instanceof HTMLElement) delete wrap.dataset["dismissed"];
    },
    options,
  );
  const undismiss = (event: Event) => {
    const wrap = (event.target as Element | null)?.closest?.(".lab-term-wrap");
    if (wrap instanceof HTMLElement) delete wrap.dataset["dismissed"];
  };
  root.addEventListener("focusout", undismiss, options);
  root.addEventListener("mouseout", undismiss, options);
}

/** One challenge or set of credentials: scheme, parameters with explanations, decoded token68. */
export function renderAuthItem(item: InspectedItem, heading: string): HTMLElement {
  const section = element("section", undefined, "lab-auth-item");
  const title = element("p", undefined, "lab-auth-scheme");
  title.append(`${heading}: `, element("strong", item.scheme));
  section.append(title);
  if (item.schemeNote !== undefined) {
    const note = element("p", `${item.schemeNote.text} `, "lab-auth-note");
    note.append(citation(item.schemeNote.rfc));
    section.append(note);
  }
  const list = element("dl", undefined, "lab-params");
  if (item.token68 !== undefined) {
    list.append(element("dt", "token68"));
    const dd = element("dd");
    dd.append(element("code", item.token68));
    list.append(dd);
  }
  for (const [label, value] of item.decoded) {
    list.append(element("dt", label));
    const dd = element("dd");
    // A decoded JWT is JSON over several lines; a sentence (an opaque token) is prose, not code.
    dd.append(value.startsWith("Opaque:") ? element("span", value) : element("code", value, "lab-decoded"));
    list.append(dd);
  }
  for (const param of item.params) {
    const dt = element("dt");
    dt.append(term(param));
    const dd = element("dd");
    dd.append(element("code", param.value));
    if (param.explanation !== undefined) dd.append(" ", citation(param.explanation.rfc));
    else dd.append(" ", element("span", "(not a parameter this scheme defines; clients ignore it)", "lab-muted"));
    list.append(dt, dd);
  }
  if (list.childElementCount > 0) section.append(list);
  return section;
}

/** The findings of src/http's lints, each with its RFC section; a sentence when there are none. */
export function renderFindings(findings: readonly Finding[], emptyText: string): HTMLElement {
  if (findings.length === 0) return element("p", emptyText, "lab-findings-none");
  const list = element("ul", undefined, "lab-findings");
  for (const finding of findings) {
    const item = element("li", undefined, "lab-finding");
    item.dataset["severity"] = finding.severity;
    item.dataset["finding"] = finding.id;
    item.append(
      element("span", finding.severity, "lab-severity"),
      " ",
      element("span", finding.message),
      " ",
      citation(finding.rfc),
    );
    list.append(item);
  }
  return list;
}

/**
 * A syntax error with the exact place marked: the value (cut around the error when long) with the
 * culprit in <mark>, a caret line under it, and the parser's sentence.
 */
export function renderParseError(value: string, error: AuthParseError): HTMLElement {
  const box = element("div", undefined, "lab-parse-error");
  const window = errorWindow(value, error.offset);
  box.dataset["offset"] = String(error.offset);
  const where = window.atEnd
    ? `at the end (after character ${window.position - 1})`
    : `at character ${window.position}`;
  box.append(element("p", `Syntax error ${where}: ${error.message}`, "lab-error-message"));
  const pre = element("pre", undefined, "lab-error-value");
  pre.tabIndex = 0;
  const code = element("code");
  const mark = element("mark", window.marked);
  if (window.atEnd) mark.className = "lab-mark-end";
  code.append(
    window.before,
    mark,
    window.after,
    "\n",
    element("span", `${" ".repeat(window.caretColumn)}^`, "lab-caret"),
  );
  pre.append(code);
  box.append(pre);
  return box;
}
