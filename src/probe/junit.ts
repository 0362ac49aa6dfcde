/**
 * The probe's report as JUnit XML, the format CI systems read (GitHub Actions reporters, GitLab,
 * Jenkins): one <testsuite> for the probe, one <testcase> per check that ran on an answer (named
 * by the catalogue, grouped by the step as classname), a <failure> for each error-level finding,
 * warnings and notes as the testcase's <system-out>; a probe that got no answer is one testcase
 * with an <error>. Text is escaped for XML 1.0: the five markup characters as entities, and any
 * character XML 1.0 cannot carry (C0 controls but tab, CR and LF; U+FFFE, U+FFFF; a lone
 * surrogate) replaced by U+FFFD, so a hostile server's header cannot break the file.
 */
import { checkEntry } from "./check-catalogue.ts";
import type { ProbeReport } from "./probe-types.ts";

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text safe inside an XML 1.0 attribute or element. */
export function xmlText(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd",
    )
    .replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

const attributes = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlText(String(value))}"`)
    .join("");

/** One testcase per check that ran on each step, failing on its error findings. */
function testcases(report: ProbeReport): { xml: string[]; tests: number; failures: number } {
  const xml: string[] = [];
  let failures = 0;
  report.steps.forEach((step, index) => {
    const classname = `${index + 1}. ${step.exchange.request.method} ${step.exchange.request.url} → ${step.exchange.response.status}`;
    for (const check of step.checked) {
      const findings = step.findings.filter((finding) => finding.check === check);
      const errors = findings.filter((finding) => finding.severity === "error");
      const others = findings.filter((finding) => finding.severity !== "error");
      xml.push(`    <testcase${attributes({ classname, name: `${check}: ${checkEntry(check).title}` })}>`);
      for (const error of errors) {
        failures++;
        xml.push(
          `      <failure${attributes({ type: error.id, message: error.message })}>${xmlText(`${error.message}\n${error.rfc.label}: ${error.rfc.url}`)}</failure>`,
        );
      }
      if (others.length > 0) {
        const text = others.map((f) => `${f.severity}: ${f.message} (${f.rfc.label}: ${f.rfc.url})`).join("\n");
        xml.push(`      <system-out>${xmlText(text)}</system-out>`);
      }
      xml.push("    </testcase>");
    }
  });
  return { xml, tests: xml.filter((line) => line.startsWith("    <testcase")).length, failures };
}

/** The outcome as a testcase when it fails CI: no answer (an error), or refused credentials (a failure). */
function outcomeCase(report: ProbeReport): { xml: string[]; error: number; failure: number } {
  const { kind, message } = report.outcome;
  const testcase = (name: string, child: string) => [
    `    <testcase${attributes({ classname: "probe", name })}>`,
    child,
    "    </testcase>",
  ];
  if (kind === "failed") {
    const error = `      <error${attributes({ type: "no-answer", message })}/>`;
    return { xml: testcase("the server answers", error), error: 1, failure: 0 };
  }
  if (kind === "refused" || kind === "forbidden") {
    const failure = `      <failure${attributes({ type: `credentials-${kind}`, message })}/>`;
    return { xml: testcase("the credentials are accepted", failure), error: 0, failure: 1 };
  }
  return { xml: [], error: 0, failure: 0 };
}

/** The report as a JUnit XML document. */
export function toJunit(report: ProbeReport): string {
  const cases = testcases(report);
  const outcome = outcomeCase(report);
  const counts = {
    tests: cases.tests + (outcome.xml.length > 0 ? 1 : 0),
    failures: cases.failures + outcome.failure,
    errors: outcome.error,
  };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: "http-status-lab probe", ...counts })}>`,
    `  <testsuite${attributes({ name: `probe ${report.url}`, ...counts })}>`,
    ...cases.xml,
    ...outcome.xml,
  ];
  lines.push(
    `    <system-out>${xmlText(`Outcome: ${report.outcome.message}`)}</system-out>`,
    "  </testsuite>",
    "</testsuites>",
  );
  return `${lines.join("\n")}\n`;
}
