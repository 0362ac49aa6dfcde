import { formatTranscript, isJsonObject } from "../http/index.ts";
import { challengeLine, countSentence } from "../probe/format-report.ts";
import { isProbeReport, type ProbeReport } from "../probe/probe-types.ts";
import { element } from "./dom.ts";
import { renderResponseReport } from "./response-report-view.ts";

/** What the page says when no probe endpoint answers: the static site has none. */
export const needsServerSentence =
  "This page needs the live server: run npm start (or npm run probe -- <url> in a terminal). The static site cannot send requests to other servers.";

/**
 * <probe-form>: posts the URL (and optional credentials) to `<base>probe/report` on `npm start`
 * (src/server/answer-probe.ts), then shows the probe's report: the outcome, each exchange as raw
 * HTTP with its findings and their RFC sections (the status-code checks and the sub-requests on a
 * 200 among them), how long a cache may reuse the answer, and the challenges offered. Everything the
 * server and the probed site said is set as text.
 */
export class ProbeForm extends HTMLElement {
  #connection: AbortController | undefined;

  connectedCallback(): void {
    const form = this.querySelector("form");
    if (form === null) return;
    this.#connection = new AbortController();
    form.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        void this.#run(new FormData(form));
      },
      { signal: this.#connection.signal },
    );
    this.dataset["ready"] = "";
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
  }

  async #run(data: FormData): Promise<void> {
    const error = this.querySelector<HTMLElement>("[data-probe-error]");
    const output = this.querySelector<HTMLElement>("[data-report]");
    const live = this.querySelector<HTMLElement>("[data-announce]");
    const button = this.querySelector<HTMLButtonElement>("button[type=submit]");
    if (error === null || output === null || button === null) return;
    const say = (text: string) => {
      if (live !== null) live.textContent = text;
    };
    error.textContent = "";
    output.replaceChildren();
    const input: Record<string, string> = {};
    for (const name of ["url", "user", "password", "token"]) {
      const value = data.get(name);
      if (typeof value === "string" && value !== "") input[name] = value;
    }
    button.disabled = true;
    say("Checking…");
    try {
      const response = await fetch(`${this.dataset["base"] ?? "/"}probe/report`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(input),
        credentials: "omit",
      });
      const type = response.headers.get("content-type") ?? "";
      if (!type.startsWith("application/json")) {
        error.textContent = needsServerSentence;
        say(needsServerSentence);
        return;
      }
      const body: unknown = await response.json();
      if (isJsonObject(body) && typeof body.error === "string") {
        error.textContent = body.error;
        say(body.error);
        return;
      }
      if (!isProbeReport(body)) {
        error.textContent = needsServerSentence;
        say(needsServerSentence);
        return;
      }
      this.#show(output, body);
      say(`${body.outcome.message} ${countSentence(body.counts)}`);
    } catch {
      error.textContent = needsServerSentence;
      say(needsServerSentence);
    } finally {
      button.disabled = false;
    }
  }

  #show(output: HTMLElement, report: ProbeReport): void {
    const summary = element("p", report.outcome.message, "lab-probe-outcome");
    summary.dataset["outcome"] = report.outcome.kind;
    const parts: HTMLElement[] = [
      element("h2", "Report", "lab-section-title"),
      summary,
      element("p", countSentence(report.counts)),
    ];
    report.steps.forEach((step, index) => {
      parts.push(
        renderResponseReport({
          heading: `${index + 1}. ${step.label}`,
          raw: formatTranscript(step.exchange),
          findings: step.findings,
          parseError: step.parseError,
        }),
      );
    });
    if (report.freshness !== undefined) {
      const { reason, rfc } = report.freshness;
      const line = element("p", `${reason} `, "lab-probe-freshness");
      const cite = element("a", rfc.label);
      cite.setAttribute("href", rfc.url);
      line.append("(", cite, ")");
      parts.push(element("h2", "Freshness", "lab-section-title"), line);
    }
    if (report.unsent !== undefined && report.unsent.length > 0) {
      parts.push(element("h2", "Not sent", "lab-section-title"));
      const list = element("ul");
      for (const line of report.unsent) list.append(element("li", line));
      parts.push(list);
    }
    if (report.challenges.length > 0) {
      parts.push(element("h2", "Challenges offered", "lab-section-title"));
      const list = element("ul");
      for (const challenge of report.challenges) {
        list.append(element("li", challengeLine(challenge)));
      }
      parts.push(list);
    }
    output.replaceChildren(...parts);
  }
}

if (!customElements.get("probe-form")) customElements.define("probe-form", ProbeForm);
