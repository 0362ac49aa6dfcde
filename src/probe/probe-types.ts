import { isJsonObject, type AuthParseError, type Exchange, type HttpRequestRecord } from "../http/index.ts";
import type { CheckFinding } from "./check-catalogue.ts";
import type { ActiveKind } from "./checks.ts";
import type { Freshness } from "./freshness.ts";

/** Sends one request and returns what came back, or a sentence saying why nothing did. */
export type ProbeSend = (request: HttpRequestRecord) => Promise<ProbeSendResult>;

export type ProbeSendResult =
  | { ok: true; exchange: Exchange; truncated?: boolean }
  | {
      ok: false;
      message: string;
      refused?: boolean;
      /** Why the address was refused (address-policy.ts). */ problem?: string;
    };

/** One request the probe made, why, what it found in the answer. */
export interface ProbeStep {
  label: string;
  exchange: Exchange;
  /** The body was longer than the cap; only its start was read. */
  truncated?: boolean;
  findings: CheckFinding[];
  /** The catalogue ids of the checks that applied to this answer, passed or not (one JUnit testcase each). */
  checked: string[];
  /** Which sub-request of the probe this was (active-checks.ts), when it was one. */
  active?: ActiveKind;
  /** Where a challenge field broke the grammar: the value and the offset of the culprit. */
  parseError?: { field: string; value: string; error: AuthParseError };
}

/** What one challenge offers, for the summary. */
export interface ChallengeSummary {
  scheme: string;
  realm?: string;
  charset?: string;
  /** Digest: the algorithm (MD5 when absent, RFC 7616 §3.3), qop options, userhash. */
  algorithm?: string;
  qop?: string[];
  userhash?: boolean;
  /** Bearer: error code, scope and where its metadata is (RFC 6750 §3, RFC 9728 §5.1). */
  error?: string;
  scope?: string;
  resourceMetadata?: string;
}

export type ProbeOutcome =
  "accepted" | "refused" | "forbidden" | "cannot-answer" | "not-protected" | "no-credentials" | "failed";

export interface ProbeReport {
  /** The shape of this report: 2 since the status-code checks (decisions/probe.md, "The JSON report"). */
  version: 2;
  url: string;
  steps: ProbeStep[];
  challenges: ChallengeSummary[];
  outcome: { kind: ProbeOutcome; message: string };
  counts: { error: number; warning: number; info: number };
  /** How long a cache may reuse the first request's final answer (RFC 9111 §4.2), when it got one. */
  freshness?: Freshness;
  /** Sub-requests that could not be made (the probe's bounds, no answer), one sentence each. */
  unsent?: string[];
}

export interface ProbeOptions {
  url: string;
  user?: string;
  password?: string;
  token?: string;
  send: ProbeSend;
  /** Most redirects followed from one request (default 5); each hop is sent through `send` again. */
  maxRedirects?: number;
  /** Most authorization servers whose metadata is fetched (default 3). */
  maxAuthorizationServers?: number;
  /** For tests: a fixed Digest cnonce. */
  cnonce?: () => string;
}

/**
 * Is this parsed answer of the probe endpoint a report? Checks what a reader of the report relies
 * on first: the URL, the steps and challenges as lists, the outcome's sentence and the counts.
 */
export function isProbeReport(value: unknown): value is ProbeReport {
  if (!isJsonObject(value) || typeof value.url !== "string") return false;
  if (!Array.isArray(value.steps) || !Array.isArray(value.challenges)) return false;
  const { outcome, counts } = value;
  if (!isJsonObject(outcome) || typeof outcome.kind !== "string" || typeof outcome.message !== "string") return false;
  return isJsonObject(counts) && [counts.error, counts.warning, counts.info].every((n) => typeof n === "number");
}
