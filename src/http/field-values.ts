/**
 * Parsers for the field values the status-code checks read (src/probe/checks.ts): dates, delays,
 * ranges, media types, lists of tokens and Cache-Control directives. Each follows the ABNF of the
 * RFC section it names, returns undefined for a value that does not match, and never throws.
 */
import { isToken } from "./grammar.ts";

const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Which of RFC 9110 §5.6.7's three forms a date came in. */
export type HttpDateFormat = "IMF-fixdate" | "rfc850-date" | "asctime-date";

/** Milliseconds since the epoch for these parts, or undefined when they name no real moment. */
function moment(year: number, month: string, day: number, time: string, dayName: string): number | undefined {
  const monthIndex = monthNames.indexOf(month);
  const [hour, minute, second] = time.split(":").map(Number);
  if (monthIndex < 0 || hour === undefined || minute === undefined || second === undefined) return undefined;
  // RFC 9110 §5.6.7: hour 00-23, minute 00-59, second 00-60 (a leap second).
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59));
  const date = new Date(ms);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== monthIndex) return undefined;
  const weekday = date.getUTCDay();
  if (dayName !== dayNames[weekday] && dayName !== longDayNames[weekday]) return undefined;
  return ms;
}

const imfFixdate = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/;
const rfc850Date =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/;
const asctimeDate = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ( \d|\d{2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/;

/**
 * An HTTP-date (RFC 9110 §5.6.7) as milliseconds and the form it was in. IMF-fixdate is what a
 * sender generates; the two obsolete forms are read too, as recipients must. The day name has to
 * agree with the date. A two-digit rfc850 year is read as the nearest year in the past 50 years
 * or less (§5.6.7), counted from `now`.
 */
export function parseHttpDate(text: string, now = Date.now()): { time: number; format: HttpDateFormat } | undefined {
  const value = text.trim();
  const imf = imfFixdate.exec(value);
  if (imf !== null) {
    const time = moment(Number(imf[4]), imf[3]!, Number(imf[2]), imf[5]!, imf[1]!);
    return time === undefined ? undefined : { time, format: "IMF-fixdate" };
  }
  const rfc850 = rfc850Date.exec(value);
  if (rfc850 !== null) {
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(rfc850[4]);
    if (year > thisYear + 50) year -= 100;
    const time = moment(year, rfc850[3]!, Number(rfc850[2]), rfc850[5]!, rfc850[1]!);
    return time === undefined ? undefined : { time, format: "rfc850-date" };
  }
  const asctime = asctimeDate.exec(value);
  if (asctime !== null) {
    const time = moment(Number(asctime[5]), asctime[2]!, Number(asctime[3]!.trim()), asctime[4]!, asctime[1]!);
    return time === undefined ? undefined : { time, format: "asctime-date" };
  }
  return undefined;
}

/** Retry-After (RFC 9110 §10.2.3): an HTTP-date or delay-seconds (1*DIGIT), or undefined. */
export function parseRetryAfter(
  text: string,
): { kind: "delay"; seconds: number } | { kind: "date"; time: number; format: HttpDateFormat } | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return { kind: "delay", seconds: Number(value) };
  const date = parseHttpDate(value);
  return date === undefined ? undefined : { kind: "date", ...date };
}

/** A Content-Range value (RFC 9110 §14.4). */
export type ContentRange =
  | { kind: "range"; unit: string; first: number; last: number; complete: number | undefined }
  | { kind: "unsatisfied"; unit: string; complete: number };

/**
 * Content-Range (RFC 9110 §14.4): `unit first-last/complete`, `unit first-last/*` or
 * `unit *\/complete`. Undefined when the syntax does not match or the numbers cannot be (a last
 * position before the first, or not below the complete length: §14.4 calls such a value invalid).
 */
export function parseContentRange(text: string): ContentRange | undefined {
  const value = text.trim();
  const unsatisfied = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) \*\/(\d+)$/.exec(value);
  if (unsatisfied !== null) return { kind: "unsatisfied", unit: unsatisfied[1]!, complete: Number(unsatisfied[2]) };
  const range = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\d+)-(\d+)\/(\d+|\*)$/.exec(value);
  if (range === null) return undefined;
  const first = Number(range[2]);
  const last = Number(range[3]);
  const complete = range[4] === "*" ? undefined : Number(range[4]);
  if (last < first || (complete !== undefined && last >= complete)) return undefined;
  return { kind: "range", unit: range[1]!, first, last, complete };
}

/** Splits a comma-separated list (RFC 9110 §5.6.1) outside quoted strings; empty elements dropped. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === "\\") {
      current += char + (text[i + 1] ?? "");
      i++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === "," && !quoted) {
      items.push(current.trim());
      current = "";
    } else current += char;
  }
  items.push(current.trim());
  return items.filter((item) => item !== "");
}

/** A list of tokens (Allow, Vary, Upgrade's names, Accept-Ranges): the items, or undefined if one is not a token. */
export function parseTokenList(text: string): string[] | undefined {
  const items = splitList(text);
  return items.every(isToken) ? items : undefined;
}

const quotedString = /^"(?:[\t !#-[\]-~\u0080-\u00ff]|\\[\t -~\u0080-\u00ff])*"$/;

/**
 * A media type (RFC 9110 §8.3.1): `type/subtype` and `;`-separated parameters whose values are
 * tokens or quoted strings. Returns the lower-cased essence and the parameters, or undefined.
 */
export function parseMediaType(text: string): { type: string; parameters: Array<[string, string]> } | undefined {
  const [essence = "", ...rest] = text.split(";");
  const [type, subtype, extra] = essence.trim().split("/");
  if (type === undefined || subtype === undefined || extra !== undefined) return undefined;
  if (!isToken(type) || !isToken(subtype)) return undefined;
  const parameters: Array<[string, string]> = [];
  // A quoted value may hold ";": re-join the pieces until the quotes balance.
  let pending = "";
  for (const piece of rest) {
    pending = pending === "" ? piece : `${pending};${piece}`;
    if ((pending.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1) continue;
    const parameter = pending.trim();
    pending = "";
    if (parameter === "") continue;
    const equals = parameter.indexOf("=");
    const name = parameter.slice(0, equals);
    const value = parameter.slice(equals + 1);
    if (equals < 1 || !isToken(name) || !(isToken(value) || quotedString.test(value))) return undefined;
    parameters.push([name.toLowerCase(), value]);
  }
  if (pending !== "") return undefined;
  return { type: `${type}/${subtype}`.toLowerCase(), parameters };
}

/**
 * Cache-Control directives (RFC 9111 §5.2): lower-cased names, each with its argument unquoted
 * (or "" without one). A directive that does not parse is left out; the first of a repeated name wins.
 */
export function parseCacheControl(text: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const item of splitList(text)) {
    const equals = item.indexOf("=");
    const name = (equals < 0 ? item : item.slice(0, equals)).trim().toLowerCase();
    if (!isToken(name) || directives.has(name)) continue;
    let argument = equals < 0 ? "" : item.slice(equals + 1).trim();
    if (quotedString.test(argument)) argument = argument.slice(1, -1).replace(/\\(.)/g, "$1");
    directives.set(name, argument);
  }
  return directives;
}

/** A delta-seconds argument (RFC 9111 §1.2.2): digits, or undefined. */
export function deltaSeconds(argument: string | undefined): number | undefined {
  return argument !== undefined && /^\d+$/.test(argument) ? Number(argument) : undefined;
}

/** An entity tag (RFC 9110 §8.8.3): `"..."` or `W/"..."`. */
export function isEntityTag(text: string): boolean {
  return /^(W\/)?"[!#-~\u0080-\u00ff]*"$/.test(text.trim());
}
