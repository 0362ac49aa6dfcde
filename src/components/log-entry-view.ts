import { combinedField } from "../http/index.ts";
import type { DigestComputation, LogEntry, RunOutcome } from "../sandbox/index.ts";
import { renderAuthItem, renderFindings, renderParseError } from "./auth-value-view.ts";
import { renderDigestChain } from "./digest-chain-view.ts";
import { element } from "./dom.ts";
import { renderExchange, renderRequestLine } from "./exchange-view.ts";
import { inspectField, type InspectableField } from "./inspect-field.ts";

const fieldValue = (headers: ReadonlyArray<readonly [string, string]>, name: string) =>
  combinedField(headers, name)?.value;

/** The challenges (or credentials) of one field, each parameter explained. */
function explainField(field: InspectableField, value: string): HTMLElement {
  const section = element("section", undefined, "lab-explained");
  section.append(element("h4", `${field}, explained`));
  const report = inspectField(field, value);
  if (!report.ok) {
    section.append(renderParseError(value, report.error));
    return section;
  }
  for (const [index, item] of report.items.entries()) {
    const heading = report.kind === "challenges" ? `Challenge ${index + 1}` : "Credentials";
    section.append(renderAuthItem(item, heading));
  }
  return section;
}

/** The Digest computation, step by step, with every input (RFC 7616 §3.4.1–§3.4.3). */
function renderDigest(digest: DigestComputation): HTMLElement {
  const { input } = digest;
  const box = element("details", undefined, "lab-digest");
  box.open = true;
  box.append(element("summary", `How the Digest response was computed (${input.algorithm}, RFC 7616 §3.4.1)`));
  const inputs = element("dl", undefined, "lab-digest-inputs");
  const rows: Array<[string, string | undefined]> = [
    ["algorithm", input.algorithm],
    ["username", input.username],
    ["realm", input.realm],
    ["password", input.password],
    ["method", input.method],
    ["uri", input.uri],
    ["nonce", input.nonce],
    ["nc", input.nc],
    ["cnonce", input.cnonce],
    ["qop", input.qop],
    ["entity-body", input.entityBody instanceof Uint8Array ? `(${input.entityBody.length} octets)` : input.entityBody],
  ];
  for (const [name, value] of rows) {
    if (value === undefined) continue;
    const dd = element("dd");
    dd.append(element("code", value));
    inputs.append(element("dt", name), dd);
  }
  box.append(inputs);
  box.append(renderDigestChain(digest));
  return box;
}

export interface LogEntryActions {
  /** "Copy as…": show this entry's request as code. */
  onSelect(id: number): void;
  /** Sends this exact request again (a replay, for Digest). */
  onResend(id: number): void;
}

/**
 * One entry of the sandbox's log: the exchange (exchange-view.ts), the request line, the
 * challenges and credentials explained, the Digest chain, the lints with their RFC sections, and
 * how the run ended. Everything a reader or server supplied is set as text.
 */
export function renderLogEntry(
  entry: LogEntry,
  outcome: RunOutcome | undefined,
  actions: LogEntryActions,
): HTMLElement {
  const { request, response } = entry.exchange;
  const article = renderExchange(entry.exchange, entry.id, entry.label);
  article.dataset["entry"] = String(entry.id);
  article.dataset["run"] = String(entry.run);
  article.setAttribute("aria-labelledby", `lab-entry-${entry.id}`);
  const heading = article.querySelector("h3");
  if (heading !== null) heading.id = `lab-entry-${entry.id}`;

  const requestLine = renderRequestLine(request);
  const authorization = fieldValue(request.headers, "authorization");
  if (entry.transport === "in-page") requestLine.append(" ", element("span", "(answered in the page)", "lab-muted"));
  heading?.after(requestLine);

  if (entry.redacted === true) {
    article.append(
      element(
        "p",
        "Restored after a reload: the credentials of this request were not kept, so it cannot be sent again as it was.",
        "lab-note",
      ),
    );
  }
  for (const field of ["WWW-Authenticate", "Proxy-Authenticate"] as const) {
    const value = fieldValue(response.headers, field);
    if (value !== undefined) article.append(explainField(field, value));
  }
  if (authorization !== undefined && entry.redacted !== true)
    article.append(explainField("Authorization", authorization));
  if (entry.digest !== undefined) article.append(renderDigest(entry.digest));

  const lints = element("section", undefined, "lab-lints");
  lints.append(element("h4", "What the RFCs say about this exchange"));
  lints.append(
    renderFindings(
      [...entry.findings.request, ...entry.findings.response],
      "No problems in the authentication fields of this exchange.",
    ),
  );
  article.append(lints);

  const buttons = element("div", undefined, "lab-entry-actions");
  const copy = element("button", "Copy as…");
  copy.type = "button";
  copy.dataset["action"] = "select";
  copy.addEventListener("click", () => actions.onSelect(entry.id));
  buttons.append(copy);
  if (entry.redacted !== true) {
    const resend = element("button", "Send this request again");
    resend.type = "button";
    resend.dataset["action"] = "resend";
    resend.title = "Sends exactly the same request, Authorization included: for Digest, a replayed nonce count";
    resend.addEventListener("click", () => actions.onResend(entry.id));
    buttons.append(resend);
  }
  article.append(buttons);

  if (outcome !== undefined) {
    const result = element("p", outcome.message, "lab-outcome");
    result.dataset["outcome"] = outcome.kind;
    article.append(result);
  }
  return article;
}
