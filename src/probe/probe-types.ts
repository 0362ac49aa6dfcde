import {
  isJsonObject,
  type AuthParseError,
  type Exchange,
  type Finding,
  type HttpRequestRecord,
} from "../http/index.ts";

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
  findings: Finding[];
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
  url: string;
  steps: ProbeStep[];
  challenges: ChallengeSummary[];
  outcome: { kind: ProbeOutcome; message: string };
  counts: { error: number; warning: number; info: number };
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
