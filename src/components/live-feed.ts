/**
 * The live view's feed as the page reads it (`<base>live/feed` on `npm start`, written by
 * src/server/live-view.ts): each entry checked member by member before it becomes a log entry of
 * the sandbox's views (LogEntry), so a feed that is not one is refused as a whole, never half drawn.
 * No DOM here.
 */
import { isJsonObject, type Exchange, type Finding } from "../http/index.ts";
import type { LogEntry } from "../sandbox/index.ts";

type Fields = Array<[string, string]>;

function fieldsOf(value: unknown): Fields | undefined {
  if (!Array.isArray(value)) return undefined;
  const fields: Fields = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const name: unknown = pair[0];
    const text: unknown = pair[1];
    if (typeof name !== "string" || typeof text !== "string") return undefined;
    fields.push([name, text]);
  }
  return fields;
}

const severities = new Set<Finding["severity"]>(["error", "warning", "info"]);

function findingsOf(value: unknown): Finding[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const findings: Finding[] = [];
  for (const item of value) {
    if (!isJsonObject(item) || !isJsonObject(item["rfc"])) return undefined;
    const { id, severity, message } = item;
    const { label, url } = item["rfc"];
    const known = [...severities].find((name) => name === severity);
    if (typeof id !== "string" || known === undefined || typeof message !== "string") return undefined;
    if (typeof label !== "string" || typeof url !== "string") return undefined;
    findings.push({ id, severity: known, message, rfc: { label, url } });
  }
  return findings;
}

function exchangeOf(value: unknown): Exchange | undefined {
  if (!isJsonObject(value) || !isJsonObject(value["request"]) || !isJsonObject(value["response"])) return undefined;
  const { method, url, body } = value["request"];
  const requestHeaders = fieldsOf(value["request"]["headers"]);
  const { status, statusText, body: responseBody } = value["response"];
  const responseHeaders = fieldsOf(value["response"]["headers"]);
  if (typeof method !== "string" || typeof url !== "string" || typeof body !== "string") return undefined;
  if (typeof status !== "number" || typeof statusText !== "string" || typeof responseBody !== "string")
    return undefined;
  if (requestHeaders === undefined || responseHeaders === undefined) return undefined;
  const exchange: Exchange = {
    request: { method, url, headers: requestHeaders, body },
    response: { status, statusText, headers: responseHeaders, body: responseBody },
  };
  if (typeof value["durationMs"] === "number") exchange.durationMs = value["durationMs"];
  return exchange;
}

/**
 * The entries of a feed, as log entries of the sandbox's views: each its own run, marked redacted
 * (the server cut its credentials out, so it cannot be sent again), answered by the live server.
 * Undefined when `value` is not a feed.
 */
export function liveEntries(value: unknown): LogEntry[] | undefined {
  if (!isJsonObject(value) || !Array.isArray(value["entries"])) return undefined;
  const entries: LogEntry[] = [];
  for (const item of value["entries"]) {
    if (!isJsonObject(item) || !isJsonObject(item["findings"])) return undefined;
    const { id, label } = item;
    const exchange = exchangeOf(item["exchange"]);
    const request = findingsOf(item["findings"]["request"]);
    const response = findingsOf(item["findings"]["response"]);
    if (typeof id !== "number" || !Number.isSafeInteger(id) || typeof label !== "string") return undefined;
    if (exchange === undefined || request === undefined || response === undefined) return undefined;
    entries.push({ id, run: id, label, exchange, findings: { request, response }, transport: "node", redacted: true });
  }
  return entries;
}

/** The newest id the server has given (its `latest`), or undefined when the feed does not say. */
export function latestId(value: unknown): number | undefined {
  return isJsonObject(value) && typeof value["latest"] === "number" ? value["latest"] : undefined;
}
