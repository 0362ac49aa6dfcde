import { bindTooltips, renderAuthItem, renderFindings, renderParseError } from "./auth-value-view.ts";
import { element } from "./dom.ts";
import { inspectField, inspectableFields, splitFieldLine, type InspectableField } from "./inspect-field.ts";

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
 * Proxy-Authorization value and see, as you type, its challenges or credentials with every part
 * explained, the lints of src/http, and for a syntax error the exact place marked. The value is
 * neither stored nor sent.
 */
export class HeaderInspector extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector("form");
    const field = this.querySelector<HTMLSelectElement>("select[name=field]");
    const value = this.querySelector<HTMLTextAreaElement>("textarea[name=value]");
    if (form === null || field === null || value === null) return;
    bindTooltips(this);
    form.addEventListener("submit", (event) => event.preventDefault());
    const update = () => {
      const whole = splitFieldLine(value.value);
      if (whole !== undefined) {
        field.value = whole.field;
        value.value = whole.value;
      }
      this.#report(field.value as InspectableField, value.value);
    };
    value.addEventListener("input", update);
    field.addEventListener("change", update);
    this.querySelector("[data-examples]")?.addEventListener("click", (event) => {
      const button = (event.target as Element | null)?.closest?.("button[data-example]");
      const example = button instanceof HTMLElement ? examples[button.dataset["example"] ?? ""] : undefined;
      if (example === undefined) return;
      field.value = example.field;
      value.value = example.value;
      update();
    });
    this.dataset["ready"] = "";
    update();
  }

  #report(field: InspectableField, value: string): void {
    const output = this.querySelector<HTMLElement>("[data-report]");
    const live = this.querySelector<HTMLElement>("[data-announce]");
    if (output === null || !inspectableFields.includes(field)) return;
    if (value.trim() === "") {
      output.replaceChildren(element("p", "Paste a value, or pick an example, to see it taken apart.", "lab-muted"));
      if (live !== null) live.textContent = "";
      return;
    }
    const report = inspectField(field, value);
    const parts: HTMLElement[] = [];
    const problems = report.findings.filter((finding) => finding.severity !== "info").length;
    if (!report.ok) {
      parts.push(element("h2", "Syntax error", "lab-section-title"), renderParseError(value, report.error));
      if (live !== null)
        live.textContent = `Syntax error at character ${report.error.offset + 1}: ${report.error.message}`;
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
      if (live !== null) {
        live.textContent = `${report.kind === "challenges" ? `${report.items.length} ${noun}` : "Credentials"}, ${problems === 0 ? "no problems" : `${problems} problem${problems === 1 ? "" : "s"}`}.`;
      }
    }
    parts.push(element("h2", "What the RFCs say", "lab-section-title"));
    parts.push(renderFindings(report.findings, "No problems: this value follows the RFCs."));
    output.replaceChildren(...parts);
  }
}

if (!customElements.get("header-inspector")) customElements.define("header-inspector", HeaderInspector);
