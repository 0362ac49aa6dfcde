import { statusAndPhrase } from "../http/index.ts";
import { bindTooltips, renderAuthItem, renderFindings, renderParseError } from "./auth-value-view.ts";
import { element } from "./dom.ts";
import {
  inspectPaste,
  inspectableFields,
  type InspectableField,
  type InspectReport,
  type PasteReport,
} from "./inspect-field.ts";
import { renderResponseReport } from "./response-report-view.ts";

/** Values the examples buttons fill in: one of each kind, and one broken on purpose. */
const examples: Record<string, { field: InspectableField; value: string }> = {
  basic: { field: "WWW-Authenticate", value: 'Basic realm="HTTP Status Lab", charset="UTF-8"' },
  digest: {
    field: "WWW-Authenticate",
    value:
      'Digest realm="HTTP Status Lab", qop="auth", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", stale=false, userhash=false',
  },
  bearer: {
    field: "WWW-Authenticate",
    value: 'Bearer realm="HTTP Status Lab", error="insufficient_scope", scope="write"',
  },
  credentials: { field: "Authorization", value: "Basic dXNlcjpwYXNzd2Q=" },
  broken: { field: "WWW-Authenticate", value: 'Basic realm="HTTP Status Lab, charset="UTF-8"' },
};

/**
 * <header-inspector>: paste a WWW-Authenticate, Proxy-Authenticate, Authorization or
 * Proxy-Authorization value (or its whole line, folded as the RFCs print it), a response as
 * `curl -i` or `curl -v` prints it, or a HAR file, and see, as you type, the challenges or
 * credentials with every part explained, the findings of src/http (the probe's, for whole
 * responses), and for a syntax error the exact place marked. Nothing is stored or sent.
 */
export class HeaderInspector extends HTMLElement {
  #connection: AbortController | undefined;

  connectedCallback(): void {
    const form = this.querySelector("form");
    const field = this.querySelector<HTMLSelectElement>("select[name=field]");
    const value = this.querySelector<HTMLTextAreaElement>("textarea[name=value]");
    if (form === null || field === null || value === null) return;
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    bindTooltips(this, signal);
    form.addEventListener("submit", (event) => event.preventDefault(), { signal });
    const update = () => {
      if (value.value.trim() === "") {
        this.#report(undefined);
        return;
      }
      const paste = inspectPaste(value.value, field.value as InspectableField);
      if (paste.kind === "field") {
        field.value = paste.field;
        // A pasted `Name: value` line, or a value folded over lines, becomes the value as read.
        if (paste.fromLine || value.value.includes("\n")) value.value = paste.value;
      }
      this.#report(paste);
    };
    value.addEventListener("input", update, { signal });
    field.addEventListener("change", update, { signal });
    this.querySelector("[data-examples]")?.addEventListener(
      "click",
      (event) => {
        const button = (event.target as Element | null)?.closest?.("button[data-example]");
        const example = button instanceof HTMLElement ? examples[button.dataset["example"] ?? ""] : undefined;
        if (example === undefined) return;
        field.value = example.field;
        value.value = example.value;
        update();
      },
      { signal },
    );
    this.dataset["ready"] = "";
    update();
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
  }

  #report(paste: PasteReport | undefined): void {
    const output = this.querySelector<HTMLElement>("[data-report]");
    const live = this.querySelector<HTMLElement>("[data-announce]");
    if (output === null) return;
    const announce = (text: string) => {
      if (live !== null) live.textContent = text;
    };
    if (paste === undefined) {
      output.replaceChildren(element("p", "Paste a value, or pick an example, to see it taken apart.", "lab-muted"));
      announce("");
      return;
    }
    if (paste.kind === "error") {
      output.replaceChildren(element("p", paste.message, "lab-error-message"));
      announce(paste.message);
      return;
    }
    if (paste.kind === "responses") {
      this.#responses(output, paste, announce);
      return;
    }
    if (!inspectableFields.includes(paste.field)) return;
    this.#field(output, paste.value, paste.report, announce);
  }

  #responses(
    output: HTMLElement,
    paste: Extract<PasteReport, { kind: "responses" }>,
    announce: (text: string) => void,
  ): void {
    const count = paste.responses.length;
    const from = paste.format === "fields" ? "fields" : paste.format;
    const parts: HTMLElement[] = [
      element(
        "h2",
        `${count} ${count === 1 ? "response" : "responses"}, read from ${from === "fields" ? "the pasted fields" : `${from} output`}`,
        "lab-section-title",
      ),
    ];
    let problems = 0;
    for (const [index, inspected] of paste.responses.entries()) {
      const { response, reading } = inspected;
      problems += reading.findings.filter((finding) => finding.severity !== "info").length;
      const where = response.url === undefined ? "" : ` (${response.url})`;
      parts.push(
        renderResponseReport({
          heading: `Response ${index + 1}: ${statusAndPhrase(response)}${where}`.replace(/\s+\(/, " ("),
          raw: inspected.raw,
          findings: reading.findings,
          parseError: reading.parseError,
          details: inspected.items.map((item, i) => renderAuthItem(item, `Challenge ${i + 1}`)),
        }),
      );
    }
    output.replaceChildren(...parts);
    announce(
      `${count} ${count === 1 ? "response" : "responses"}, ${problems === 0 ? "no problems" : `${problems} problem${problems === 1 ? "" : "s"}`}.`,
    );
  }

  #field(output: HTMLElement, value: string, report: InspectReport, announce: (text: string) => void): void {
    const parts: HTMLElement[] = [];
    const problems = report.findings.filter((finding) => finding.severity !== "info").length;
    if (!report.ok) {
      parts.push(element("h2", "Syntax error", "lab-section-title"), renderParseError(value, report.error));
      announce(`Syntax error at character ${report.error.offset + 1}: ${report.error.message}`);
    } else {
      const noun =
        report.kind === "challenges" ? (report.items.length === 1 ? "challenge" : "challenges") : "credentials";
      parts.push(
        element(
          "h2",
          report.kind === "challenges" ? `${report.items.length} ${noun}` : "Credentials",
          "lab-section-title",
        ),
      );
      for (const [index, item] of report.items.entries()) {
        parts.push(renderAuthItem(item, report.kind === "challenges" ? `Challenge ${index + 1}` : "Credentials"));
      }
      announce(
        `${report.kind === "challenges" ? `${report.items.length} ${noun}` : "Credentials"}, ${problems === 0 ? "no problems" : `${problems} problem${problems === 1 ? "" : "s"}`}.`,
      );
    }
    parts.push(element("h2", "What the RFCs say", "lab-section-title"));
    parts.push(renderFindings(report.findings, "No problems: this value follows the RFCs."));
    output.replaceChildren(...parts);
  }
}

if (!customElements.get("header-inspector")) customElements.define("header-inspector", HeaderInspector);
