import { isJsonObject, type Challenge } from "../http/index.ts";
import { newClientMemory, type ClientMemory } from "./answer-challenge.ts";
import type { AuthDraft } from "./build-request.ts";
import { emptyLog, type LogEntry, type SandboxLog } from "./exchange-store.ts";

/**
 * The request builder as it may be stored: everything but the password, the token and the raw
 * Authorization value, which are never written to storage or to the URL.
 */
export interface FormSnapshot {
  preset: string;
  method: string;
  endpoint: string;
  auth: AuthDraft["type"];
  user: string;
  headers: string;
  body: string;
}

export interface SandboxSnapshot {
  form: FormSnapshot | undefined;
  log: SandboxLog;
  memory: ClientMemory;
}

/** The part of Web Storage the sandbox uses, so tests can pass a Map-backed fake. */
export type SandboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const storageKey = "http-status-lab:sandbox:v1";

/** Shown in place of credentials that were not stored. */
export const redactedText = "[not kept after a reload]";

const credentialFields = new Set(["authorization", "proxy-authorization"]);

/** "Basic dXNl..." → "Basic [not kept after a reload]": the scheme stays, the credentials go. */
function redactCredentials(value: string): string {
  const scheme = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/.exec(value)?.[1];
  return scheme === undefined ? redactedText : `${scheme} ${redactedText}`;
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(redactedText);
  return out;
}

/**
 * An entry fit for storage: Authorization and Proxy-Authorization values cut to their scheme, the
 * Digest password and the A1 that contains it removed, and every secret the reader typed this
 * session (passwords, tokens) cut out of any text that could echo it (a body, a label, a lint).
 */
export function redactEntry(entry: LogEntry, secrets: readonly string[]): LogEntry {
  const { request, response } = entry.exchange;
  const redacted: LogEntry = {
    ...entry,
    label: scrub(entry.label, secrets),
    redacted: true,
    exchange: {
      ...entry.exchange,
      request: {
        ...request,
        headers: request.headers.map(([name, value]): [string, string] =>
          credentialFields.has(name.toLowerCase()) ? [name, redactCredentials(value)] : [name, scrub(value, secrets)],
        ),
        ...(request.body === undefined ? {} : { body: scrub(request.body, secrets) }),
      },
      response: {
        ...response,
        headers: response.headers.map(([name, value]): [string, string] => [name, scrub(value, secrets)]),
        body: scrub(response.body, secrets),
      },
    },
    findings: {
      request: entry.findings.request.map((finding) => ({ ...finding, message: scrub(finding.message, secrets) })),
      response: entry.findings.response.map((finding) => ({ ...finding, message: scrub(finding.message, secrets) })),
    },
  };
  if (entry.digest !== undefined) {
    redacted.digest = {
      challenge: entry.digest.challenge,
      input: { ...entry.digest.input, password: redactedText },
      chain: {
        ...entry.digest.chain,
        ha1Input: `${entry.digest.input.username}:${entry.digest.input.realm}:${redactedText}`,
      },
    };
    if (typeof entry.digest.input.entityBody === "string")
      redacted.digest.input.entityBody = scrub(entry.digest.input.entityBody, secrets);
  }
  return redacted;
}

/** The sandbox as JSON for sessionStorage, with every entry redacted. */
export function serializeSandbox(snapshot: SandboxSnapshot, secrets: readonly string[]): string {
  const log = { ...snapshot.log, entries: snapshot.log.entries.map((entry) => redactEntry(entry, secrets)) };
  return JSON.stringify({
    version: 1,
    form: snapshot.form,
    log: {
      ...log,
      outcomes: log.outcomes.map((outcome) => ({ ...outcome, message: scrub(outcome.message, secrets) })),
    },
    memory: { nonceCounts: [...snapshot.memory.nonceCounts], challenges: [...snapshot.memory.challenges] },
  });
}

const isString = (value: unknown): value is string => typeof value === "string";
const isPairs = (value: unknown): value is Array<[string, string]> =>
  Array.isArray(value) &&
  value.every((pair) => Array.isArray(pair) && pair.length === 2 && isString(pair[0]) && isString(pair[1]));

function isEntry(value: unknown): value is LogEntry {
  if (
    !isJsonObject(value) ||
    typeof value["id"] !== "number" ||
    typeof value["run"] !== "number" ||
    !isString(value["label"])
  )
    return false;
  const exchange = value["exchange"];
  const findings = value["findings"];
  if (
    !isJsonObject(exchange) ||
    !isJsonObject(findings) ||
    !Array.isArray(findings["request"]) ||
    !Array.isArray(findings["response"])
  )
    return false;
  const { request, response } = exchange;
  return (
    isJsonObject(request) &&
    isString(request["method"]) &&
    isString(request["url"]) &&
    isPairs(request["headers"]) &&
    isJsonObject(response) &&
    typeof response["status"] === "number" &&
    isString(response["statusText"]) &&
    isPairs(response["headers"]) &&
    isString(response["body"])
  );
}

function isChallenge(value: unknown): value is Challenge {
  return (
    isJsonObject(value) &&
    isString(value["scheme"]) &&
    isJsonObject(value["params"]) &&
    Object.values(value["params"]).every(isString)
  );
}

/** Reads what serializeSandbox wrote; anything else (an old version, a hand-edited value) gives undefined. */
export function parseSandbox(text: string): SandboxSnapshot | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(data) || data["version"] !== 1 || !isJsonObject(data["log"])) return undefined;
  const storedLog = data["log"];
  const entries = Array.isArray(storedLog["entries"]) ? storedLog["entries"].filter(isEntry) : [];
  const outcomes = Array.isArray(storedLog["outcomes"])
    ? storedLog["outcomes"].filter(
        (outcome): outcome is SandboxLog["outcomes"][number] =>
          isJsonObject(outcome) &&
          typeof outcome["run"] === "number" &&
          isString(outcome["kind"]) &&
          isString(outcome["message"]),
      )
    : [];
  const highest = (key: "id" | "run") => entries.reduce((max, entry) => Math.max(max, entry[key]), 0);
  const log: SandboxLog = {
    ...emptyLog(),
    entries,
    outcomes,
    selected: typeof storedLog["selected"] === "number" ? storedLog["selected"] : undefined,
    nextId: Math.max(highest("id") + 1, typeof storedLog["nextId"] === "number" ? storedLog["nextId"] : 1),
    nextRun: Math.max(highest("run") + 1, typeof storedLog["nextRun"] === "number" ? storedLog["nextRun"] : 1),
  };
  const memory = newClientMemory();
  const storedMemory = isJsonObject(data["memory"]) ? data["memory"] : {};
  if (Array.isArray(storedMemory["nonceCounts"])) {
    for (const pair of storedMemory["nonceCounts"]) {
      if (Array.isArray(pair) && isString(pair[0]) && typeof pair[1] === "number")
        memory.nonceCounts.set(pair[0], pair[1]);
    }
  }
  if (Array.isArray(storedMemory["challenges"])) {
    for (const pair of storedMemory["challenges"]) {
      if (Array.isArray(pair) && isString(pair[0]) && Array.isArray(pair[1]) && pair[1].every(isChallenge))
        memory.challenges.set(pair[0], pair[1]);
    }
  }
  const form = isJsonObject(data["form"]) ? readForm(data["form"]) : undefined;
  return { form, log, memory };
}

const authTypes: ReadonlyArray<AuthDraft["type"]> = ["none", "basic", "bearer", "digest", "raw"];

function readForm(value: Record<string, unknown>): FormSnapshot | undefined {
  const text = (key: string) => (isString(value[key]) ? value[key] : "");
  const auth = authTypes.find((type) => type === value["auth"]) ?? "none";
  return {
    preset: text("preset"),
    method: text("method"),
    endpoint: text("endpoint"),
    auth,
    user: text("user"),
    headers: text("headers"),
    body: text("body"),
  };
}

/** Stores the sandbox; false when storage is unavailable or full (the page keeps working). */
export function saveSandbox(
  storage: SandboxStorage | undefined,
  snapshot: SandboxSnapshot,
  secrets: readonly string[],
): boolean {
  if (storage === undefined) return false;
  try {
    storage.setItem(storageKey, serializeSandbox(snapshot, secrets));
    return true;
  } catch {
    return false;
  }
}

export function loadSandbox(storage: SandboxStorage | undefined): SandboxSnapshot | undefined {
  if (storage === undefined) return undefined;
  try {
    const text = storage.getItem(storageKey);
    return text === null ? undefined : parseSandbox(text);
  } catch {
    return undefined;
  }
}
