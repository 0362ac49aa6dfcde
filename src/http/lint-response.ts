import { combinedField, type Finding, type HeaderList } from "./finding.ts";
import { lintChallenges } from "./lint-challenges.ts";
import { rfcReference } from "./citation.ts";

/**
 * Checks a response's authentication fields: a 401 MUST carry WWW-Authenticate with at least one
 * challenge (RFC 9110 §15.5.2), a 407 Proxy-Authenticate (§15.5.8); each challenge field must
 * parse (§11.6.1, §11.7.1, lines combined per §5.3) and follow its scheme's RFC.
 * Field names are matched case-insensitively. Never throws.
 */
export function lintResponse(response: { status: number; headers: HeaderList }): Finding[] {
  const { status, headers } = response;
  const findings: Finding[] = [];
  const fields = [
    {
      name: "WWW-Authenticate",
      requiredBy: 401,
      statusSection: "15.5.2",
      fieldSection: "11.6.1",
      label: "401 Unauthorized",
    },
    {
      name: "Proxy-Authenticate",
      requiredBy: 407,
      statusSection: "15.5.8",
      fieldSection: "11.7.1",
      label: "407 Proxy Authentication Required",
    },
  ];
  for (const field of fields) {
    const combined = combinedField(headers, field.name);
    const idStem = field.name.toLowerCase();
    if (combined === undefined) {
      if (status === field.requiredBy) {
        findings.push({
          id: `status-${field.requiredBy}-without-${idStem}`,
          severity: "error",
          message: `A ${field.label} response MUST send a ${field.name} field with at least one challenge; this one has none, so the client cannot tell how to authenticate.`,
          rfc: rfcReference(9110, field.statusSection),
        });
      }
      continue;
    }
    const { findings: challengeFindings, count } = lintChallenges(combined.value, field.name, status);
    findings.push(...challengeFindings);
    if (count === 0 && status === field.requiredBy) {
      findings.push({
        id: `status-${field.requiredBy}-empty-${idStem}`,
        severity: "error",
        message: `The ${field.name} field of this ${field.label} response holds no challenge; it MUST hold at least one.`,
        rfc: rfcReference(9110, field.statusSection),
      });
    }
    if (status !== field.requiredBy) {
      findings.push({
        id: `${idStem}-on-${status}`,
        severity: "info",
        message: `${field.name} on a ${status} response is allowed but optional; clients act on it mainly with ${field.requiredBy}.`,
        rfc: rfcReference(9110, field.fieldSection),
      });
    }
  }
  return findings;
}
