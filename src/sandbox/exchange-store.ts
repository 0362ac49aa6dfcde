import { lintRequest, lintResponse, type Exchange, type Finding } from "../http/index.ts";
import type { DigestComputation } from "./answer-challenge.ts";
import type { SandboxTransport } from "./transport.ts";

/** A value that views can read and subscribe to: the nanostores idea in a dozen lines. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  /** Calls `listener` on every change (not at once); returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One exchange in the sandbox's log, with what was found in it. */
export interface LogEntry {
  id: number;
  /** Exchanges made by one press of a button share a run; a "send like a browser" run has several. */
  run: number;
  /** What the client did, as a sentence. */
  label: string;
  exchange: Exchange;
  /** Lints of src/http for the request's credentials and the response's challenges. */
  findings: { request: Finding[]; response: Finding[] };
  digest?: DigestComputation;
  transport: SandboxTransport["kind"];
  /** Set on entries restored after a reload: their credentials were not stored. */
  redacted?: boolean;
}

/** How a run ended, when that says more than the last status line ("send like a browser"). */
export interface RunOutcome {
  run: number;
  kind: string;
  message: string;
}

export interface SandboxLog {
  entries: LogEntry[];
  outcomes: RunOutcome[];
  /** The entry whose request "copy as" shows; the newest when undefined. */
  selected: number | undefined;
  nextId: number;
  nextRun: number;
}

/** The log keeps this many exchanges; older ones drop off the end. */
export const maxLogEntries = 50;

export function emptyLog(): SandboxLog {
  return { entries: [], outcomes: [], selected: undefined, nextId: 1, nextRun: 1 };
}

/** A log entry for an exchange, linted with src/http (RFC 9110 §11, RFC 7617, 6750, 7616). */
export function logEntry(
  log: SandboxLog,
  run: number,
  exchange: Exchange,
  label: string,
  transport: SandboxTransport["kind"],
  digest?: DigestComputation,
): LogEntry {
  const findings = { request: lintRequest(exchange.request), response: lintResponse(exchange.response) };
  const entry: LogEntry = { id: log.nextId, run, label, exchange, findings, transport };
  if (digest !== undefined) entry.digest = digest;
  return entry;
}

/** The log with one more entry (newest last), the selection moved to it, and the oldest dropped past the limit. */
export function appendEntry(log: SandboxLog, entry: LogEntry): SandboxLog {
  const entries = [...log.entries, entry].slice(-maxLogEntries);
  const runs = new Set(entries.map((kept) => kept.run));
  return {
    ...log,
    entries,
    outcomes: log.outcomes.filter((outcome) => runs.has(outcome.run)),
    selected: undefined,
    nextId: Math.max(log.nextId, entry.id + 1),
  };
}

/** Starts a run: the number its entries share. */
export function startRun(log: SandboxLog): { log: SandboxLog; run: number } {
  return { log: { ...log, nextRun: log.nextRun + 1 }, run: log.nextRun };
}

export function recordOutcome(log: SandboxLog, outcome: RunOutcome): SandboxLog {
  return { ...log, outcomes: [...log.outcomes.filter((kept) => kept.run !== outcome.run), outcome] };
}

export function selectEntry(log: SandboxLog, id: number): SandboxLog {
  return log.entries.some((entry) => entry.id === id) ? { ...log, selected: id } : log;
}

/** The entry "copy as" shows: the selected one, or the newest. */
export function selectedEntry(log: SandboxLog): LogEntry | undefined {
  return log.entries.find((entry) => entry.id === log.selected) ?? log.entries.at(-1);
}

export function clearLog(log: SandboxLog): SandboxLog {
  return { ...emptyLog(), nextId: log.nextId, nextRun: log.nextRun };
}
