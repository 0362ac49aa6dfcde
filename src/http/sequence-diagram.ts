/** Sequence diagrams of exchanges as Mermaid text, every reader-supplied string escaped. */
import { type Exchange, requestTarget, statusAndPhrase } from "./transcript.ts";
import { shorten } from "./shorten.ts";

export type SequenceDiagramOptions = {
  /** accTitle: the diagram's accessible name. */
  title?: string;
  /** accDescr: an accessible one-sentence summary; by default one is made from the exchanges. */
  description?: string;
  /** Longest header value in a note, or request target on an arrow, before it is cut with "…". Default 120. */
  maxValueLength?: number;
  /**
   * The servers, in the order they stand after the client (default one, "Server"). An exchange
   * goes to the server its `server` names, or to the first.
   */
  servers?: readonly string[];
};

const challengeFields = ["www-authenticate", "proxy-authenticate"];
const credentialFields = ["authorization", "proxy-authorization"];

/** One escaped "Name: value" per matching field line. */
function fieldNotes(
  headers: ReadonlyArray<readonly [string, string]>,
  names: readonly string[],
  max: number,
): string[] {
  return headers
    .filter(([name]) => names.includes(String(name).toLowerCase()))
    .map(([name, value]) => mermaidText(`${name}: ${shorten(String(value), max)}`));
}

/**
 * Mermaid `sequenceDiagram` source for a list of exchanges: participants Client and Server (or
 * the servers named in the options, each exchange drawn to the one it names), one request arrow
 * and one response arrow per exchange. The challenge of a 401/407 (WWW-Authenticate,
 * Proxy-Authenticate, RFC 9110 §11.6.1) is a note on the response arrow it belongs to, never a
 * message of its own; credentials sent (Authorization) are a note on the request. Every value
 * that comes from a request or response passes through mermaidText, so none becomes syntax.
 */
export function sequenceDiagram(exchanges: readonly Exchange[], options: SequenceDiagramOptions = {}): string {
  const max = options.maxValueLength ?? 120;
  const title = options.title ?? "HTTP exchange between client and server";
  const summary =
    options.description ??
    (exchanges.length === 0
      ? "No requests yet."
      : exchanges
          .map(
            ({ request, response }) =>
              `${request.method || "GET"} ${shorten(requestTarget(String(request.url ?? "")).target, max)} answered ${response.status}`,
          )
          .join(", then ") + ".");
  const lines = [
    "sequenceDiagram",
    `  accTitle: ${mermaidText(title)}`,
    `  accDescr: ${mermaidText(summary)}`,
    "  participant Client",
  ];
  // One server keeps the plain id "Server"; several get ids S1, S2… with their names as labels.
  const servers = options.servers ?? [];
  if (servers.length === 0) lines.push("  participant Server");
  else for (const [index, name] of servers.entries()) lines.push(`  participant S${index + 1} as ${mermaidText(name)}`);
  const idOf = (server: string | undefined) =>
    servers.length === 0 ? "Server" : `S${Math.max(0, servers.indexOf(server ?? "")) + 1}`;
  for (const { request, response, note, server } of exchanges) {
    const id = idOf(server);
    const { target } = requestTarget(String(request.url ?? ""));
    lines.push(`  Client->>${id}: ${mermaidText(`${request.method || "GET"} ${shorten(target, max)}`)}`);
    for (const text of fieldNotes(request.headers ?? [], credentialFields, max))
      lines.push(`  Note right of Client: ${text}`);
    lines.push(`  ${id}-->>Client: ${mermaidText(statusAndPhrase(response))}`);
    for (const text of fieldNotes(response.headers ?? [], challengeFields, max))
      lines.push(`  Note left of ${id}: ${text}`);
    if (note !== undefined && note !== "")
      lines.push(`  Note over Client,${id}: ${mermaidText(shorten(note, max * 2))}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Makes reader-supplied text inert inside a Mermaid sequence-diagram message, note or
 * accessibility line. Every character outside a small safe set (ASCII letters, digits, space
 * and . , / _ - = ? ! @ * + ' ~ $ ^ | ( ) [ ]) becomes a Mermaid entity code `#NNN;`, which
 * Mermaid renders as that character (`#59;` is ";", `#35;` is "#"). So `;`, `#`, `%%`, `:`,
 * `<`, `>`, `"`, `{`, `}`, `&`, backslash, a backtick and line breaks never reach Mermaid's
 * grammar or the SVG as markup, and whatever follows stays in the same message.
 */
export function mermaidText(text: string): string {
  let out = "";
  for (const char of String(text)) {
    const code = char.codePointAt(0) ?? 0;
    const safe =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      " .,/_-=?!@*+'~$^|()[]".includes(char);
    out += safe ? char : `#${code};`;
  }
  return out;
}
