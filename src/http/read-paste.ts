import { isJsonObject, jsonArray } from "./json.ts";

/** A response read from pasted text: its status line and its header fields, unfolded. */
export type PastedResponse = {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  /** The HTTP version its status line names ("1.1", "2", "3"), when the paste has one. */
  httpVersion?: string;
  /** What it was asked for, when the paste says (curl -v's request line, a HAR entry's URL). */
  url?: string;
  /** The request's method, when the paste says (curl -v's request line, a HAR entry's request). */
  method?: string;
};

/** What a paste holds, as readPaste understood it. */
export type Paste =
  | { kind: "responses"; format: "curl -i" | "curl -v" | "HAR"; responses: PastedResponse[] }
  | { kind: "fields"; fields: Array<[string, string]> }
  | { kind: "value"; value: string }
  | { kind: "error"; message: string };

const statusLine = /^HTTP\/(\d(?:\.\d)?)\s+(\d{3})(?:\s+(.*))?$/;
const fieldLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*)$/;
const leadingSpace = (line: string) => /^[ \t]*/.exec(line)?.[0].length ?? 0;

/**
 * Joins lines that continue the previous one, as obs-fold was read (RFC 9112 §5.2: each fold
 * becomes one SP). A line continues the previous when it is indented more than the first line,
 * so an example copied with the RFC's own indentation reads the same as one copied without.
 */
function unfold(lines: readonly string[]): string[] {
  const first = lines.find((line) => line.trim() !== "");
  const base = first === undefined ? 0 : leadingSpace(first);
  const logical: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    if (logical.length > 0 && leadingSpace(line) > base) {
      logical[logical.length - 1] = `${logical[logical.length - 1]!.trimEnd()} ${line.trim()}`;
    } else logical.push(line.trim());
  }
  return logical;
}

/** Status line, then field lines until an empty line; several responses (curl -i -L) in a row. */
function readResponses(lines: readonly string[]): PastedResponse[] {
  const responses: PastedResponse[] = [];
  let index = 0;
  while (index < lines.length) {
    const match = statusLine.exec(lines[index]!.trim());
    index++;
    if (match === null) continue;
    const block: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== "") block.push(lines[index++]!);
    const headers: Array<[string, string]> = [];
    for (const line of unfold(block)) {
      const field = fieldLine.exec(line);
      if (field !== null) headers.push([field[1]!, field[2]!.trim()]);
    }
    responses.push({
      status: Number(match[2]),
      statusText: (match[3] ?? "").trim(),
      headers,
      httpVersion: match[1]!,
    });
  }
  return responses;
}

/** `curl -v`: the response lines start with "< ", the request's with "> ", curl's notes with "* ". */
function readVerbose(lines: readonly string[]): PastedResponse[] {
  const responseLines: string[] = [];
  const urls: string[] = [];
  const methods: string[] = [];
  let host = "";
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith("<")) responseLines.push(trimmed.replace(/^< ?/, ""));
    else if (trimmed.startsWith(">")) {
      const request = /^> ?([A-Z]+) (\S+) HTTP\//.exec(trimmed);
      const hostField = /^> ?host:\s*(\S+)/i.exec(trimmed);
      if (request !== null) {
        methods.push(request[1]!);
        urls.push(request[2]!);
      }
      if (hostField !== null) host = hostField[1]!;
    }
  }
  const responses = readResponses(responseLines);
  return responses.map((response, i) => {
    const target = urls[Math.min(i, urls.length - 1)];
    const method = methods[Math.min(i, methods.length - 1)];
    const asked = method === undefined ? response : { ...response, method };
    return target === undefined ? asked : { ...asked, url: host === "" ? target : `${host}${target}` };
  });
}

/** A HAR 1.2 log (JSON): log.entries[].response with status, statusText and headers [{name, value}]. */
function readHar(text: string): Paste {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    return {
      kind: "error",
      message: `This looks like JSON but does not parse (${error instanceof Error ? error.message : String(error)}). Paste a whole HAR file as the browser saved it.`,
    };
  }
  const log = isJsonObject(har) ? har["log"] : undefined;
  const entries = jsonArray(isJsonObject(log) ? log["entries"] : undefined);
  if (entries === undefined) {
    return { kind: "error", message: "This JSON is not a HAR file: it has no log.entries list." };
  }
  const responses: PastedResponse[] = [];
  for (const entry of entries) {
    const request = isJsonObject(entry) ? entry["request"] : undefined;
    const response = isJsonObject(entry) ? entry["response"] : undefined;
    const fields = isJsonObject(response) ? jsonArray(response["headers"]) : undefined;
    if (!isJsonObject(response) || typeof response["status"] !== "number" || fields === undefined) continue;
    const headers: Array<[string, string]> = [];
    for (const header of fields) {
      if (!isJsonObject(header)) continue;
      const { name, value } = header;
      if (typeof name === "string" && typeof value === "string") headers.push([name, value]);
    }
    const statusText = typeof response["statusText"] === "string" ? response["statusText"] : "";
    const pasted: PastedResponse = { status: response["status"], statusText, headers };
    if (isJsonObject(request) && typeof request["url"] === "string") pasted.url = request["url"];
    if (isJsonObject(request) && typeof request["method"] === "string") pasted.method = request["method"];
    responses.push(pasted);
  }
  if (responses.length === 0) return { kind: "error", message: "The HAR file has no entry with a response." };
  return { kind: "responses", format: "HAR", responses };
}

/**
 * Reads what a developer pastes: a HAR file (JSON), a `curl -v` transcript ("< " and "> "
 * lines), a response as `curl -i` prints it (status line, fields, body), one or more
 * `Name: value` field lines, or a bare field value. Field lines folded over several lines, as the
 * RFCs print their examples, are unfolded (RFC 9112 §5.2). Never throws.
 */
export function readPaste(text: string): Paste {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return readHar(trimmed);
  const lines = text.split(/\r?\n/);
  if (lines.some((line) => /^\s*< HTTP\/\d/.test(line))) {
    return { kind: "responses", format: "curl -v", responses: readVerbose(lines) };
  }
  const firstLine = lines.find((line) => line.trim() !== "")?.trim() ?? "";
  if (statusLine.test(firstLine)) return { kind: "responses", format: "curl -i", responses: readResponses(lines) };
  const logical = unfold(lines);
  const fields: Array<[string, string]> = [];
  for (const line of logical) {
    const field = fieldLine.exec(line);
    if (field === null) break;
    fields.push([field[1]!, field[2]!.trim()]);
  }
  if (logical.length > 0 && fields.length === logical.length) return { kind: "fields", fields };
  // A bare value: every line break with the space around it is one fold.
  return { kind: "value", value: logical.join(" ") };
}
