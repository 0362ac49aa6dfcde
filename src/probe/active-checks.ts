/**
 * The probe's sub-requests, made when the first GET was answered 200: HEAD against GET, a
 * conditional GET with the ETag it received (If-None-Match, RFC 9110 §13.1.2) and with its
 * Last-Modified (If-Modified-Since, §13.1.3), Range: bytes=0-0 (§14.2), and OPTIONS (§9.3.7).
 * Each goes through the same `send` as every other request of the probe (the address policy, the
 * time, size and request bounds of probe-http.ts), is not redirected, and becomes a step of the
 * report with its raw exchange and checkExchange's findings against the 200.
 */
import { combinedField, parseHttpDate, type Exchange, type HttpRequestRecord } from "../http/index.ts";
import { checkExchange, usableEntityTag, type ActiveKind } from "./checks.ts";
import { redactCredentials } from "./redact-credentials.ts";
import type { ProbeSend, ProbeStep } from "./probe-types.ts";

interface SubRequest {
  kind: ActiveKind;
  label: string;
  request: HttpRequestRecord;
}

/** The sub-requests worth making for this 200: the conditional ones only with a validator to send. */
export function subRequests(reference: Exchange): SubRequest[] {
  const url = reference.request.url;
  const value = (name: string) => combinedField(reference.response.headers, name)?.value;
  const get = (headers: Array<[string, string]>): HttpRequestRecord => ({
    method: "GET",
    url,
    headers: [["Accept", "*/*"], ...headers],
  });
  const list: SubRequest[] = [
    {
      kind: "head",
      label: "HEAD, to compare with GET: the same fields and Content-Length (RFC 9110 §9.3.2, §8.6)",
      request: { method: "HEAD", url, headers: [["Accept", "*/*"]] },
    },
  ];
  const etag = value("etag");
  if (usableEntityTag(etag)) {
    list.push({
      kind: "if-none-match",
      label: "GET with If-None-Match: the ETag just received, expecting 304 (RFC 9110 §13.1.2)",
      request: get([["If-None-Match", etag.trim()]]),
    });
  }
  const lastModified = value("last-modified");
  if (lastModified !== undefined && parseHttpDate(lastModified) !== undefined) {
    list.push({
      kind: "if-modified-since",
      label: "GET with If-Modified-Since: the Last-Modified just received, expecting 304 (RFC 9110 §13.1.3)",
      request: get([["If-Modified-Since", lastModified.trim()]]),
    });
  }
  list.push(
    {
      kind: "range",
      label: "GET with Range: bytes=0-0, expecting 206 for the first byte, or 200 (RFC 9110 §14.2)",
      request: get([["Range", "bytes=0-0"]]),
    },
    {
      kind: "options",
      label: "OPTIONS, to see which methods the resource allows (RFC 9110 §9.3.7)",
      request: { method: "OPTIONS", url, headers: [["Accept", "*/*"]] },
    },
  );
  return list;
}

/**
 * Makes the sub-requests one after another through `send`, each a step checked against the 200
 * (`reference`; `referenceComplete` when its body was read whole). Returns a sentence per
 * sub-request that could not be made (the probe's bounds, no answer), for the report.
 */
export async function runActiveChecks(
  send: ProbeSend,
  reference: Exchange,
  referenceComplete: boolean,
  steps: ProbeStep[],
): Promise<string[]> {
  const unsent: string[] = [];
  for (const sub of subRequests(reference)) {
    const result = await send(sub.request);
    if (!result.ok) {
      unsent.push(`${sub.request.method} (${sub.kind}): ${result.message}`);
      if (result.message.startsWith("Stopped after") || result.message.includes("ran out of time")) break;
      continue;
    }
    const checked = checkExchange(result.exchange, { reference, referenceComplete, active: sub.kind });
    const step: ProbeStep = {
      label: sub.label,
      exchange: redactCredentials(result.exchange),
      findings: checked.findings,
      checked: checked.checked,
      active: sub.kind,
    };
    if (result.truncated === true) step.truncated = true;
    steps.push(step);
  }
  return unsent;
}
