import { parseChallenges, type AuthParseError, type Challenge } from "./auth-field.ts";
import { pushHttpsProblem } from "./lint-oauth-metadata.ts";
import { combinedField, lintResponse, rfcReference, type Finding, type HeaderList } from "./lints.ts";
import { shorten } from "./shorten.ts";

/** What a response says about authentication, read once for the probe and the inspector alike. */
export type AuthResponseReading = {
  /** lintResponse's findings, then those about the response as a whole. */
  findings: Finding[];
  /** The challenges of WWW-Authenticate (or Proxy-Authenticate on a 407), when they parse. */
  challenges: Challenge[];
  /** Where the challenge field broke the grammar, with the value the offset points into. */
  parseError: { field: string; value: string; error: AuthParseError } | undefined;
};

/** Schemes for which browsers prompt the user for a user name and password. */
const promptingSchemes = new Set(["basic", "digest"]);

/**
 * Reads a response's challenges and checks them: the lints of lintResponse (RFC 9110 §11,
 * §15.5.2, the scheme RFCs), plus what matters to the client that got it: a 401 whose
 * challenges are all schemes a browser cannot answer by asking the user (no Basic or Digest, RFC
 * 9110 §11.6.1: the user agent picks a challenge it understands) shows no login dialog; and a
 * Bearer `resource_metadata` parameter must be an absolute https URL (RFC 9728 §5.1). The
 * one implementation behind the probe's report and the inspector's. Never throws.
 */
export function readAuthResponse(response: { status: number; headers: HeaderList }): AuthResponseReading {
  const findings = lintResponse(response);
  const fieldName = response.status === 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
  const combined = combinedField(response.headers, fieldName);
  if (combined === undefined) return { findings, challenges: [], parseError: undefined };
  const parsed = parseChallenges(combined.value);
  if (!parsed.ok) {
    return { findings, challenges: [], parseError: { field: fieldName, value: combined.value, error: parsed.error } };
  }
  const { challenges } = parsed;
  if (
    response.status === 401 &&
    challenges.length > 0 &&
    !challenges.some((challenge) => promptingSchemes.has(challenge.scheme.toLowerCase()))
  ) {
    findings.push({
      id: "status-401-no-login-dialog",
      severity: "info",
      message: `This 401 offers only ${[...new Set(challenges.map((c) => shorten(c.scheme, 40)))].join(", ")}: a browser shows no login dialog for it (it does for Basic and Digest), so a page must handle the 401 itself.`,
      rfc: rfcReference(9110, "11.6.1"),
    });
  }
  for (const challenge of challenges) {
    const metadata = challenge.params["resource_metadata"];
    if (challenge.scheme.toLowerCase() !== "bearer" || metadata === undefined) continue;
    pushHttpsProblem(findings, "resource-metadata-parameter", "resource_metadata", metadata, rfcReference(9728, "5.1"));
  }
  return { findings, challenges, parseError: undefined };
}
