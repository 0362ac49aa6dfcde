import { formatRequestTranscript, formatResponseTranscript, type Finding } from "../http/index.ts";
import type { ChallengeSummary, ProbeReport, ProbeStep } from "./probe-types.ts";

/** How much of a body the terminal report shows; --json keeps what was read. */
const shownBody = 600;

const marks: Record<Finding["severity"], string> = { error: "✗ error  ", warning: "! warning", info: "i info   " };

function indent(text: string, prefix: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

function step(entry: ProbeStep, index: number): string {
  const { request, response } = entry.exchange;
  const body =
    response.body.length > shownBody
      ? `${response.body.slice(0, shownBody)}… (${response.body.length} characters)`
      : response.body;
  const lines = [
    `${index + 1}. ${entry.label}`,
    indent(formatRequestTranscript(request), "   > "),
    indent(formatResponseTranscript({ ...response, body }), "   < "),
  ];
  if (entry.truncated === true) lines.push("   (the body was longer than the cap: only its start was read)");
  if (entry.parseError !== undefined) {
    const { field, value, error } = entry.parseError;
    const start = Math.max(0, error.offset - 60);
    lines.push(
      `   ${field} does not parse at character ${error.offset + 1}:`,
      `     ${value.slice(start, error.offset + 40)}`,
      `     ${" ".repeat(error.offset - start)}^`,
    );
  }
  for (const finding of entry.findings) {
    lines.push(
      `   ${marks[finding.severity]} [${finding.check}] ${finding.message}`,
      `             ${finding.rfc.label}: ${finding.rfc.url}`,
    );
  }
  if (entry.findings.length === 0) lines.push("   ✓ nothing to report on this answer");
  return lines.join("\n");
}

/** "1 error, 2 warnings, 0 notes." */
export function countSentence({ error, warning, info }: ProbeReport["counts"]): string {
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  return `${n(error, "error")}, ${n(warning, "warning")}, ${n(info, "note")}.`;
}

/** One offered challenge in a line: `Digest (realm=Lab; algorithm=SHA-256; qop=auth; userhash=false)`. */
export function challengeLine(challenge: ChallengeSummary): string {
  const details = Object.entries(challenge)
    .filter(([name]) => name !== "scheme")
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(",") : String(value)}`);
  return `${challenge.scheme}${details.length === 0 ? "" : ` (${details.join("; ")})`}`;
}

/**
 * The probe's report for a terminal: every exchange as raw HTTP (requests "> ", responses "< "),
 * each finding under the answer it is about with its check, RFC section and link, then the
 * challenges offered, the freshness of the answer, the sub-requests not sent, the outcome and the counts. Plain text: values are printed, never interpreted.
 */
export function formatReport(report: ProbeReport): string {
  const parts = [`Probe of ${report.url}`, ""];
  report.steps.forEach((entry, index) => parts.push(step(entry, index), ""));
  if (report.challenges.length > 0) {
    parts.push("Challenges offered:");
    for (const challenge of report.challenges) {
      parts.push(`  ${challengeLine(challenge)}`);
    }
    parts.push("");
  }
  if (report.freshness !== undefined) {
    const { reason, rfc } = report.freshness;
    parts.push(`Freshness: ${reason}`, `  ${rfc.label}: ${rfc.url}`, "");
  }
  if (report.unsent !== undefined) {
    parts.push("Not sent:", ...report.unsent.map((line) => `  ${line}`), "");
  }
  parts.push(`Outcome: ${report.outcome.message}`, countSentence(report.counts));
  return `${parts.join("\n")}\n`;
}

/** The exit status for CI: 0 clean, 1 an error finding or refused credentials, 2 no answer at all. */
export function probeExitCode(report: ProbeReport): number {
  if (report.outcome.kind === "failed") return 2;
  if (report.counts.error > 0 || report.outcome.kind === "refused" || report.outcome.kind === "forbidden") return 1;
  return 0;
}
