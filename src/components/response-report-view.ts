import type { AuthParseError, Finding } from "../http/index.ts";
import { renderFindings, renderParseError } from "./auth-value-view.ts";
import { element } from "./dom.ts";

/** One response (or exchange) as the probe and the inspector show it. */
export interface ResponseReportPart {
  heading: string;
  /** The raw text: the exchange's transcript, or the response's status line and fields. */
  raw: string;
  findings: readonly Finding[];
  parseError?: { field: string; value: string; error: AuthParseError } | undefined;
  /** Rendered challenges, when the caller explains them. */
  details?: HTMLElement[];
}

/**
 * A response with what the RFCs say about it: a heading, the raw HTTP (focusable, scrollable),
 * the place a challenge broke the grammar, the explained challenges, and the findings with their
 * RFC sections. The same view for a probed exchange and a pasted response: one set of findings
 * (readAuthResponse), shown one way. All values are set as text.
 */
export function renderResponseReport(part: ResponseReportPart): HTMLElement {
  const section = element("section", undefined, "lab-response-report");
  section.append(element("h3", part.heading));
  const pre = element("pre", undefined, "lab-raw");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", `Raw HTTP: ${part.heading}`);
  pre.append(element("code", part.raw.replace(/\r\n/g, "\n")));
  section.append(pre);
  if (part.parseError !== undefined) section.append(renderParseError(part.parseError.value, part.parseError.error));
  section.append(...(part.details ?? []));
  section.append(renderFindings(part.findings, "No problems: this response follows the RFCs."));
  return section;
}
