import { bearerAttributeProblem } from "./bearer-attribute-problem.ts";
import { bearerErrorStatus } from "./bearer-error-status.ts";
import { digestAlgorithm } from "./digest-algorithm.ts";
import type { Finding } from "./finding.ts";
import { rfcReference } from "./citation.ts";
import { scanAuthField, type ScannedAuth } from "./scan-auth-field.ts";

/**
 * Checks one WWW-Authenticate or Proxy-Authenticate value (combined from all its field lines)
 * against RFC 9110 §11 and the rules of the Basic (RFC 7617), Bearer (RFC 6750) and Digest
 * (RFC 7616) schemes. Returns the findings and how many challenges parsed (undefined if none did).
 */
export function lintChallenges(
  value: string,
  fieldName: string,
  status: number,
): { findings: Finding[]; count: number | undefined } {
  const isProxy = fieldName.toLowerCase() === "proxy-authenticate";
  const fieldSection = isProxy ? "11.7.1" : "11.6.1";
  const scanned = scanAuthField(value, "challenges");
  if (!scanned.ok) {
    const { kind, message } = scanned.error;
    if (kind === "duplicate-parameter")
      return {
        findings: [{ id: "parameter-duplicated", severity: "error", message, rfc: rfcReference(9110, "11.2") }],
        count: undefined,
      };
    if (kind === "token68-with-parameters") {
      return {
        findings: [
          { id: "challenge-token68-with-parameters", severity: "error", message, rfc: rfcReference(9110, "11.3") },
        ],
        count: undefined,
      };
    }
    if (kind === "not-latin1")
      return {
        findings: [{ id: "field-not-latin1", severity: "error", message, rfc: rfcReference(9110, "5.5") }],
        count: undefined,
      };
    return {
      findings: [
        {
          id: "challenge-unparsable",
          severity: "error",
          message: `${fieldName} cannot be parsed. ${message}`,
          rfc: rfcReference(9110, fieldSection),
        },
      ],
      count: undefined,
    };
  }
  const findings: Finding[] = [];
  for (const challenge of scanned.items) findings.push(...lintChallenge(challenge, fieldName, status));
  return { findings, count: scanned.items.length };
}

function lintChallenge(challenge: ScannedAuth, fieldName: string, status: number): Finding[] {
  const findings: Finding[] = [];
  const scheme = challenge.scheme.toLowerCase();
  const param = (name: string) => challenge.params.find((p) => p.name === name);
  const realm = param("realm");
  if (realm !== undefined && !realm.quoted) {
    findings.push({
      id: "realm-not-quoted",
      severity: "warning",
      message: `The realm of the ${challenge.scheme} challenge is sent as a token; senders MUST use a quoted string for realm: realm="${realm.value}".`,
      rfc: rfcReference(9110, "11.5"),
    });
  }
  if (scheme === "basic") {
    if (challenge.token68 !== undefined) {
      findings.push({
        id: "basic-token68",
        severity: "error",
        message: "A Basic challenge carries parameters (realm, charset), not a token68 value.",
        rfc: rfcReference(7617, "2"),
      });
    } else if (realm === undefined) {
      findings.push({
        id: "basic-realm-missing",
        severity: "error",
        message: 'The Basic challenge has no realm; it is REQUIRED, e.g. Basic realm="Staff area".',
        rfc: rfcReference(7617, "2"),
      });
    }
    const charset = param("charset");
    if (charset !== undefined && charset.value.toLowerCase() !== "utf-8") {
      findings.push({
        id: "basic-charset-not-utf8",
        severity: "error",
        message: `The Basic challenge has charset="${charset.value}"; the only allowed value is "UTF-8" (case-insensitive).`,
        rfc: rfcReference(7617, "2.1"),
      });
    }
  }
  if (scheme === "bearer") {
    for (const p of challenge.params) {
      const problem = bearerAttributeProblem(p.name, p.value);
      if (problem !== undefined)
        findings.push({
          id: "bearer-attribute-characters",
          severity: "error",
          message: problem,
          rfc: rfcReference(6750, "3"),
        });
    }
    const error = param("error");
    if (error !== undefined) {
      const expected = bearerErrorStatus(error.value);
      if (expected === undefined) {
        findings.push({
          id: "bearer-error-unknown",
          severity: "info",
          message: `The Bearer error "${error.value}" is not one of invalid_request, invalid_token or insufficient_scope; clients may not know it.`,
          rfc: rfcReference(6750, "3.1"),
        });
      } else if (expected !== status && fieldName.toLowerCase() === "www-authenticate") {
        findings.push({
          id: "bearer-error-wrong-status",
          severity: "warning",
          message: `The Bearer error "${error.value}" goes with status ${expected}, but this response is ${status}.`,
          rfc: rfcReference(6750, "3.1"),
        });
      }
    }
  }
  if (scheme === "digest") findings.push(...lintDigest(challenge));
  return findings;
}

function lintDigest(challenge: ScannedAuth): Finding[] {
  const findings: Finding[] = [];
  const param = (name: string) => challenge.params.find((p) => p.name === name);
  const section = rfcReference(7616, "3.3");
  for (const name of ["realm", "nonce"]) {
    if (param(name) === undefined)
      findings.push({
        id: `digest-${name}-missing`,
        severity: "error",
        message: `The Digest challenge has no ${name}; clients cannot answer without it.`,
        rfc: section,
      });
  }
  if (param("qop") === undefined) {
    findings.push({
      id: "digest-qop-missing",
      severity: "error",
      message: 'The Digest challenge has no qop; servers MUST send it, e.g. qop="auth".',
      rfc: section,
    });
  }
  const algorithm = param("algorithm");
  if (algorithm !== undefined && digestAlgorithm(algorithm.value) === undefined) {
    findings.push({
      id: "digest-algorithm-unknown",
      severity: "warning",
      message: `The Digest algorithm "${algorithm.value}" is not MD5, SHA-256, SHA-512-256 or a -sess form of them.`,
      rfc: section,
    });
  }
  for (const name of ["stale", "userhash"]) {
    const flag = param(name);
    if (flag !== undefined && flag.value.toLowerCase() !== "true" && flag.value.toLowerCase() !== "false") {
      findings.push({
        id: `digest-${name}-invalid`,
        severity: "error",
        message: `The Digest ${name} parameter is "${flag.value}"; it must be true or false.`,
        rfc: section,
      });
    }
  }
  const charset = param("charset");
  if (charset !== undefined && charset.value.toLowerCase() !== "utf-8") {
    findings.push({
      id: "digest-charset-not-utf8",
      severity: "error",
      message: `The Digest challenge has charset=${charset.value}; the only allowed value is UTF-8.`,
      rfc: section,
    });
  }
  return findings;
}
