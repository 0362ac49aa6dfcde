import { combinedField, type Finding, type HeaderList } from "./finding.ts";
import { parseBasic } from "./parse-basic.ts";
import { parseBearer } from "./parse-bearer.ts";
import { rfcReference } from "./citation.ts";
import { scanAuthField } from "./scan-auth-field.ts";

/**
 * Checks a request's Authorization and Proxy-Authorization fields: one field line each (neither is
 * a list, RFC 9110 §5.3), valid credentials syntax (§11.4), and for Basic (RFC 7617 §2) and
 * Bearer (RFC 6750 §2.1) a value that the scheme can read. Never throws.
 */
export function lintRequest(request: { headers: HeaderList }): Finding[] {
  const findings: Finding[] = [];
  for (const [name, section] of [
    ["Authorization", "11.6.2"],
    ["Proxy-Authorization", "11.7.2"],
  ] as const) {
    const combined = combinedField(request.headers, name);
    if (combined === undefined) continue;
    const id = name.toLowerCase();
    if (combined.lines > 1) {
      findings.push({
        id: `${id}-repeated`,
        severity: "error",
        message: `The request has ${combined.lines} ${name} fields; it may carry only one, because credentials are not a comma-separated list.`,
        rfc: rfcReference(9110, "5.3"),
      });
      continue;
    }
    const scanned = scanAuthField(combined.value, "credentials");
    if (!scanned.ok) {
      findings.push({
        id: `${id}-unparsable`,
        severity: "error",
        message: `${name} cannot be parsed. ${scanned.error.message}`,
        rfc: rfcReference(9110, section),
      });
      continue;
    }
    const scheme = scanned.items[0]?.scheme.toLowerCase();
    if (scheme === "basic") {
      const basic = parseBasic(combined.value);
      if (!basic.ok)
        findings.push({
          id: "basic-credentials-invalid",
          severity: "error",
          message: basic.error.message,
          rfc: rfcReference(7617, "2"),
        });
    }
    if (scheme === "bearer") {
      const bearer = parseBearer(combined.value);
      if (!bearer.ok)
        findings.push({
          id: "bearer-token-invalid",
          severity: "error",
          message: bearer.error.message,
          rfc: rfcReference(6750, "2.1"),
        });
    }
  }
  return findings;
}
