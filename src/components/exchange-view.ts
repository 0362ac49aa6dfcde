import {
  combinedField,
  formatRequestTranscript,
  formatResponseTranscript,
  requestTarget,
  shorten,
  statusAndPhrase,
  type Exchange,
} from "../http/index.ts";
import { element } from "./dom.ts";

/** Header fields a reader of the 401 handshake should look at first. */
const highlighted = new Set(["www-authenticate", "proxy-authenticate", "authorization", "proxy-authorization"]);

function transcriptBlock(title: string, text: string): HTMLElement {
  const figure = element("figure", undefined, "lab-transcript");
  figure.append(element("figcaption", title));
  const pre = element("pre");
  pre.append(element("code", text.replaceAll("\r\n", "\n")));
  figure.append(pre);
  return figure;
}

/**
 * The scrollable blocks of a disclosure take the keyboard focus (so they can be scrolled with the
 * arrow keys) while it is open, and leave the Tab order while it is closed.
 */
function keyboardScrollable(details: HTMLDetailsElement): void {
  const update = () => {
    for (const pre of details.querySelectorAll("pre")) pre.tabIndex = details.open ? 0 : -1;
  };
  details.addEventListener("toggle", update);
  update();
}

/** Longest target or Authorization value the one-line request shows; the raw request has them whole. */
const requestLineMax = 300;

/**
 * The request as sent, in one line that is never collapsed: method, target and, when one was
 * sent, the Authorization field (RFC 9110 §11.6.2), set as text. A value longer than 300
 * characters is cut there with a sentence saying so (“Raw HTTP/1.1” has it whole): a
 * browser takes seconds to wrap a 64 kB value, and a line is for reading.
 */
export function renderRequestLine(request: Exchange["request"]): HTMLElement {
  const line = element("p", undefined, "lab-request-line");
  const target = requestTarget(request.url).target;
  line.append(element("code", `${request.method} ${shorten(target, requestLineMax)}`));
  const authorization = combinedField(request.headers, "authorization")?.value;
  if (authorization !== undefined)
    line.append(
      " with ",
      element("code", `Authorization: ${shorten(authorization, requestLineMax)}`, "lab-credentials"),
    );
  const cut = [target, authorization ?? ""].some((value) => value.length > requestLineMax);
  if (cut)
    line.append(
      " ",
      element("span", `(cut at ${requestLineMax} characters: “Raw HTTP/1.1” below has it whole)`, "lab-muted"),
    );
  return line;
}

/**
 * One exchange, drawn for a reader: the status line, every response header field (the challenge
 * marked), the body, and the raw HTTP/1.1 text of both messages. Everything a reader or a server
 * supplied is set as text, never parsed as HTML.
 */
export function renderExchange(exchange: Exchange, index: number, label: string): HTMLElement {
  const { request, response } = exchange;
  const article = element("article", undefined, "lab-exchange");
  article.dataset["status"] = String(response.status);
  const statusLine = statusAndPhrase(response);
  const timing = exchange.durationMs === undefined ? "" : ` · ${exchange.durationMs.toFixed(1)} ms`;
  const heading = element("h3", `#${index} ${label}: ${request.method} → ${statusLine}${timing}`);
  article.append(heading);

  const status = element("p", undefined, "lab-status-line");
  status.append(element("code", `HTTP/1.1 ${statusLine}`));
  status.dataset["class"] = `${String(response.status)[0]}xx`;
  article.append(status);

  const table = element("table", undefined, "lab-headers");
  table.append(element("caption", "Response header fields"));
  const head = element("tr");
  head.append(element("th", "Name"), element("th", "Value"));
  const thead = element("thead");
  thead.append(head);
  const tbody = element("tbody");
  for (const [name, value] of response.headers) {
    const row = element("tr");
    if (highlighted.has(name.toLowerCase())) row.className = "lab-challenge";
    const nameCell = element("th", name);
    nameCell.scope = "row";
    const valueCell = element("td");
    valueCell.append(element("code", value));
    row.append(nameCell, valueCell);
    tbody.append(row);
  }
  table.append(thead, tbody);
  article.append(table);

  if (response.body !== "") {
    const body = element("details", undefined, "lab-body");
    body.open = true;
    body.append(element("summary", "Response body"));
    const pre = element("pre");
    pre.append(element("code", response.body));
    body.append(pre);
    keyboardScrollable(body);
    article.append(body);
  }

  const raw = element("details", undefined, "lab-raw");
  raw.append(element("summary", "Raw HTTP/1.1"));
  raw.append(transcriptBlock("Request", formatRequestTranscript(request)));
  raw.append(transcriptBlock("Response", formatResponseTranscript(response)));
  keyboardScrollable(raw);
  article.append(raw);
  return article;
}
