/**
 * One story per status page: the sequence diagram and the raw exchange (examples/<code>/exchange.http,
 * recorded from the live server) must agree on the response they draw: the status code, every
 * field the diagram shows on that response, and the media type. The diagram may draw a realistic
 * request (GET /api/search?q=teapot) where the exchange is the sandbox's own (GET /api/status/429);
 * the page then says so in one sentence (exchangeSentence).
 */
import { statusResponseTraits } from "../data/status-responses.ts";
import { type DiagramData, diagramSource } from "./diagram-source.ts";

/** A response as a diagram draws it or an exchange records it. */
export interface DrawnResponse {
  status: number;
  fields: Array<[name: string, value: string]>;
}

/** The request line of a message: method and target. */
export interface RequestLine {
  method: string;
  target: string;
}

/** Mermaid's `#34;` entities back to characters (src/http's mermaidText writes them). */
const unescape = (text: string) => text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

/** The messages of a filled sequence diagram, in order: the text after "A->>B:" on each arrow's line. */
function messages(source: string): string[][] {
  return source
    .split("\n")
    .map((line) => /^\s*[\w ]+?\s*-{1,2}(?:>>|x|\)|>)\s*[\w ]+?\s*:\s*(.*)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined)
    .map((text) => text.split(/<br\s*\/?>/).map((part) => unescape(part.trim())));
}

const fieldOf = (part: string): [string, string] | undefined => {
  const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(part);
  return match === null ? undefined : [match[1]!, match[2]!];
};

/**
 * The page code's response in its diagram (the first message whose status line is that code), with
 * the fields drawn on it, and the request drawn just before it; undefined when the diagram draws
 * no response with the code (a 1xx page may draw only the interim response's effect).
 */
export function diagramStory(
  diagram: DiagramData,
  code: number,
): { request: RequestLine | undefined; response: DrawnResponse } | undefined {
  let request: RequestLine | undefined;
  for (const parts of messages(diagramSource(diagram, code))) {
    const head = (parts[0] ?? "").replace(/^HTTP\/\d(?:\.\d)?\s+/, "");
    const requestLine = /^([A-Z]+)\s+(\S+)/.exec(head);
    if (requestLine !== null) request = { method: requestLine[1]!, target: requestLine[2]! };
    if (head === String(code) || head.startsWith(`${code} `)) {
      const fields = parts.slice(1).flatMap((part) => {
        const field = fieldOf(part);
        return field === undefined ? [] : [field];
      });
      return { request, response: { status: code, fields } };
    }
  }
  return undefined;
}

/** The request line and the last response of a recorded exchange.http. */
export function exchangeStory(raw: string): { request: RequestLine | undefined; response: DrawnResponse } | undefined {
  const lines = raw.split(/\r?\n/);
  const requestLine = /^([A-Z]+)\s+(\S+)\s+HTTP\//.exec(lines[0] ?? "");
  const statusAt = lines.findLastIndex((line) => /^HTTP\/\d(?:\.\d)?\s+\d{3}\b/.test(line));
  if (statusAt < 0) return undefined;
  const status = Number(/^HTTP\/\S+\s+(\d{3})/.exec(lines[statusAt]!)![1]);
  const fields: Array<[string, string]> = [];
  for (const line of lines.slice(statusAt + 1)) {
    if (line.trim() === "") break;
    const field = fieldOf(line);
    if (field !== undefined) fields.push(field);
  }
  return {
    request: requestLine === null ? undefined : { method: requestLine[1]!, target: requestLine[2]! },
    response: { status, fields },
  };
}

const mediaType = (value: string) => value.split(";")[0]!.trim().toLowerCase();

/** How the diagram's response differs from the exchange's, field by field. */
interface Comparison {
  /** Sentences for what must agree and does not: the status, the media type, a field of the code's own. */
  problems: string[];
  /** Fields the diagram shows that the exchange gives another value (the exchange's own facts). */
  ownValues: string[];
  /** Fields the diagram shows that the exchange does not carry. */
  missing: string[];
}

/**
 * The diagram's response against the exchange's. What must agree: the status (for a 1xx, which no
 * fetch can send, the exchange is the final 200 naming the code in X-Requested-Status), the media
 * type when the diagram shows one, and every field of the code's own (src/data/status-responses.ts)
 * by name. The values of those fields that depend on the exchange (Location, Allow, a challenge)
 * and the other fields the diagram shows may differ: the page names them (exchangeSentence).
 */
function compare(code: number, diagram: DiagramData, raw: string | undefined): Comparison | undefined {
  const drawn = diagramStory(diagram, code);
  if (drawn === undefined || raw === undefined) return undefined;
  const recorded = exchangeStory(raw);
  if (recorded === undefined)
    return { problems: [`${code}: exchange.http has no response`], ownValues: [], missing: [] };
  const result: Comparison = { problems: [], ownValues: [], missing: [] };
  const field = (name: string) =>
    recorded.response.fields.find(([other]) => other.toLowerCase() === name.toLowerCase());
  if (code < 200) {
    if (recorded.response.status !== 200 || field("X-Requested-Status")?.[1] !== String(code))
      result.problems.push(
        `${code}: an interim code's exchange must be the final 200 with X-Requested-Status: ${code}`,
      );
    return result;
  }
  if (recorded.response.status !== drawn.response.status)
    result.problems.push(
      `${code}: the diagram draws ${drawn.response.status}, the exchange is ${recorded.response.status}`,
    );
  const own = Object.keys(statusResponseTraits(code).fields).map((name) => name.toLowerCase());
  for (const [name, value] of drawn.response.fields) {
    if (/^date$/i.test(name)) continue;
    const found = field(name);
    const codes = own.includes(name.toLowerCase());
    if (found === undefined) {
      if (codes) result.problems.push(`${code}: the exchange lacks ${name}, a field of every ${code} here`);
      else result.missing.push(name);
    } else if (/^content-type$/i.test(name) && !codes) {
      if (mediaType(found[1]) !== mediaType(value))
        result.problems.push(`${code}: the diagram shows ${name}: ${value}, the exchange ${name}: ${found[1]}`);
    } else if (found[1] !== value) result.ownValues.push(name);
  }
  return result;
}

/** Where the diagram and the exchange tell different stories about the response, as sentences. */
export function storyProblems(code: number, diagram: DiagramData, raw: string | undefined): string[] {
  return compare(code, diagram, raw)?.problems ?? [];
}

const list = (names: string[]) =>
  names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;

/**
 * The one sentence a page says about its raw exchange when it is not the diagram's: a 1xx the
 * sandbox cannot send, or a realistic request in the diagram where the exchange is the sandbox's own,
 * naming the fields whose values are the exchange's own and those it does not send. Undefined when
 * both draw the same request and response.
 */
export function exchangeSentence(code: number, diagram: DiagramData, raw: string | undefined): string | undefined {
  const compared = compare(code, diagram, raw);
  const drawn = diagramStory(diagram, code)?.request;
  const recorded = raw === undefined ? undefined : exchangeStory(raw)?.request;
  if (compared === undefined || recorded === undefined) return undefined;
  const theirs = `${recorded.method} ${recorded.target}`;
  if (code < 200)
    return `A ${code} is an interim response, which the sandbox cannot send (RFC 9110 §15.2): this exchange (${theirs}) is the final 200 that follows, naming ${code} in X-Requested-Status.`;
  const sameRequest = drawn !== undefined && drawn.method === recorded.method && drawn.target === recorded.target;
  if (sameRequest && compared.ownValues.length === 0 && compared.missing.length === 0) return undefined;
  const parts = [`the same ${code}`];
  if (compared.ownValues.length > 0) parts.push(`with its own ${list(compared.ownValues)}`);
  if (compared.missing.length > 0) parts.push(`without the diagram's ${list(compared.missing)}`);
  const request =
    drawn === undefined ? "a realistic exchange" : `a realistic request (${drawn.method} ${drawn.target})`;
  return `The diagram draws ${request}; this exchange is the sandbox's own (${theirs}): ${parts.join(", ")}.`;
}
