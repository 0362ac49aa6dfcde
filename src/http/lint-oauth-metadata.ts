import { isJsonObject } from "./json.ts";
import { rfcReference, type Citation, type Finding } from "./lints.ts";
import { shorten } from "./shorten.ts";

/** A value from a document or a challenge, quoted in a sentence at most 120 characters long. */
const quote = (value: unknown) =>
  JSON.stringify(shorten(typeof value === "string" ? value : (JSON.stringify(value) ?? ""), 120));

/** A metadata document as fetched: where from, the status, its Content-Type and its text. */
export type FetchedDocument = { url: string; status: number; contentType: string | undefined; body: string };

export type MetadataLint = {
  findings: Finding[];
  /** The parsed JSON object, when the document is one. */
  metadata: Record<string, unknown> | undefined;
};

const isLoopbackHost = (hostname: string) =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Checks a metadata URL with `httpsProblem`, adds the problem (if any) to `findings`, and returns it. */
export function pushHttpsProblem(
  findings: Finding[],
  id: string,
  what: string,
  value: unknown,
  rfc: Citation,
): Finding | undefined {
  const problem = httpsProblem(id, what, value, rfc);
  if (problem !== undefined) findings.push(problem);
  return problem;
}

/**
 * Whether a metadata URL may be used as it is: https is what the OAuth documents require, http on
 * a loopback host is accepted with a warning (a local test server), anything else is an error.
 */
export function httpsProblem(id: string, what: string, value: unknown, rfc: Citation): Finding | undefined {
  if (typeof value !== "string") {
    return { id: `${id}-not-a-string`, severity: "error", message: `${what} is not a string.`, rfc };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      id: `${id}-not-a-url`,
      severity: "error",
      message: `${what} ${quote(value)} is not an absolute URL.`,
      rfc,
    };
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) {
    return {
      id: `${id}-http-loopback`,
      severity: "warning",
      message: `${what} ${quote(value)} uses http on a loopback address: fine for a test on this machine, but a deployed server needs https.`,
      rfc,
    };
  }
  return {
    id: `${id}-not-https`,
    severity: "error",
    message: `${what} ${quote(value)} does not use https; tokens and credentials would travel in clear text.`,
    rfc,
  };
}

/** An error finding: what makes a client refuse the document (a REQUIRED member missing, a MUST broken). */
const errorFinding = (id: string, message: string, rfc: Citation): Finding => ({
  id,
  severity: "error",
  message,
  rfc,
});

/** Status 200, a JSON content type and a JSON object: what both documents must be (RFC 9728 §3.2, RFC 8414 §3.2). */
function readDocument(fetched: FetchedDocument, name: string, rfc: Citation): MetadataLint {
  const findings: Finding[] = [];
  if (fetched.status !== 200) {
    findings.push({
      id: "metadata-status-not-200",
      severity: "error",
      message: `The ${name} at ${shorten(fetched.url, 200)} answered ${fetched.status}, not 200 with a JSON object.`,
      rfc,
    });
    return { findings, metadata: undefined };
  }
  const mediaType = (fetched.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType !== "application/json") {
    findings.push({
      id: "metadata-not-application-json",
      severity: "warning",
      message: `The ${name} is served as ${quote(fetched.contentType ?? "no Content-Type")}, not application/json.`,
      rfc,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fetched.body);
  } catch (error) {
    findings.push({
      id: "metadata-not-json",
      severity: "error",
      message: `The ${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      rfc,
    });
    return { findings, metadata: undefined };
  }
  if (!isJsonObject(parsed)) {
    findings.push({
      id: "metadata-not-an-object",
      severity: "error",
      message: `The ${name} is JSON but not an object.`,
      rfc,
    });
    return { findings, metadata: undefined };
  }
  return { findings, metadata: parsed };
}

/**
 * A member a metadata document must have (RFC 9728 §2, RFC 8414 §2), or undefined after an error
 * finding `id` that says `missing`, cited `cite`.
 */
function requiredMember(
  findings: Finding[],
  metadata: Record<string, unknown>,
  member: string,
  missing: { id: string; sentence: string; cite: Citation },
): unknown {
  const value = metadata[member];
  if (value === undefined) findings.push(errorFinding(missing.id, missing.sentence, missing.cite));
  return value;
}

/**
 * Checks a protected resource metadata document (RFC 9728) found through a `resource_metadata`
 * challenge parameter: 200 + JSON object (§3.2); `resource` present (§2), an https URL (§2) and
 * identical to the URL the client requested (§3.3: otherwise the client is not to use the
 * document); `authorization_servers` an array of issuer URLs (§2; without it the client cannot
 * go on); no bearer tokens in the query (RFC 6750 §2.3). Also returns the issuers to follow.
 */
export function lintProtectedResourceMetadata(
  fetched: FetchedDocument,
  requestedUrl: string,
): MetadataLint & { authorizationServers: string[] } {
  const document = readDocument(fetched, "protected resource metadata", rfcReference(9728, "3.2"));
  const { findings, metadata } = document;
  const authorizationServers: string[] = [];
  if (metadata === undefined) return { findings, metadata, authorizationServers };
  const resource = requiredMember(findings, metadata, "resource", {
    id: "resource-metadata-resource-missing",
    sentence: "The protected resource metadata has no resource member; it is REQUIRED.",
    cite: rfcReference(9728, "2"),
  });
  if (resource !== undefined) {
    pushHttpsProblem(findings, "resource-metadata-resource", "The resource", resource, rfcReference(9728, "2"));
    if (resource !== requestedUrl) {
      findings.push(
        errorFinding(
          "resource-metadata-resource-mismatch",
          `The metadata says resource ${quote(resource)}, but the client asked for ${quote(requestedUrl)}. They MUST be identical, and a client MUST NOT use metadata that does not match.`,
          rfcReference(9728, "3.3"),
        ),
      );
    }
  }
  const servers = metadata["authorization_servers"];
  if (servers === undefined) {
    findings.push({
      id: "resource-metadata-no-authorization-servers",
      severity: "warning",
      message:
        "The protected resource metadata lists no authorization_servers, so a client cannot find where to get a token (MCP clients require at least one).",
      rfc: rfcReference(9728, "2"),
    });
  } else if (!Array.isArray(servers) || servers.some((server) => typeof server !== "string")) {
    findings.push(
      errorFinding(
        "resource-metadata-authorization-servers-invalid",
        "authorization_servers must be a JSON array of issuer identifiers (strings).",
        rfcReference(9728, "2"),
      ),
    );
  } else {
    for (const server of servers as string[]) {
      const problem = pushHttpsProblem(
        findings,
        "resource-metadata-authorization-server",
        "The authorization server",
        server,
        rfcReference(8414, "2"),
      );
      if (problem === undefined || problem.severity !== "error") authorizationServers.push(server);
    }
  }
  const methods = metadata["bearer_methods_supported"];
  if (Array.isArray(methods) && methods.includes("query")) {
    findings.push({
      id: "resource-metadata-token-in-query",
      severity: "warning",
      message:
        'bearer_methods_supported includes "query": an access token in the URL ends up in logs and histories; clients SHOULD NOT send it that way unless neither the Authorization field nor the request body can carry it.',
      rfc: rfcReference(6750, "2.3"),
    });
  }
  return { findings, metadata, authorizationServers };
}

const endpoints: ReadonlyArray<[name: string, rfc: Citation]> = [
  ["authorization_endpoint", rfcReference(6749, "3.1")],
  ["token_endpoint", rfcReference(6749, "3.2")],
  ["registration_endpoint", rfcReference(7591, "3")],
];

/**
 * Checks an authorization server metadata document (RFC 8414) fetched for the issuer `issuer`:
 * 200 + JSON object (§3.2); `issuer` identical to the issuer used to build the URL (§3.3: else
 * the client is not to use it), https with no query or fragment (§2); `response_types_supported`
 * present (§2); `S256` in `code_challenge_methods_supported` (§2, RFC 7636 §4.2: without it,
 * OAuth 2.1 and MCP clients cannot use PKCE and refuse the server); the authorization, token and
 * registration endpoints on https (RFC 6749 §3.1, §3.2, RFC 7591 §3); and a
 * `registration_endpoint`, so that a client it has never met can register (RFC 7591).
 */
export function lintAuthorizationServerMetadata(fetched: FetchedDocument, issuer: string): MetadataLint {
  const document = readDocument(fetched, "authorization server metadata", rfcReference(8414, "3.2"));
  const { findings, metadata } = document;
  if (metadata === undefined) return document;
  const declared = requiredMember(findings, metadata, "issuer", {
    id: "as-metadata-issuer-missing",
    sentence: "The authorization server metadata has no issuer member; it is REQUIRED.",
    cite: rfcReference(8414, "2"),
  });
  if (declared !== undefined) {
    if (declared !== issuer) {
      findings.push(
        errorFinding(
          "as-metadata-issuer-mismatch",
          `The metadata says issuer ${quote(declared)}, but it was fetched for the issuer ${quote(issuer)}. They MUST be identical, and a client MUST NOT use metadata that does not match.`,
          rfcReference(8414, "3.3"),
        ),
      );
    }
    const problem = pushHttpsProblem(findings, "as-metadata-issuer", "The issuer", declared, rfcReference(8414, "2"));
    if (problem === undefined && typeof declared === "string" && /[?#]/.test(declared)) {
      findings.push(
        errorFinding(
          "as-metadata-issuer-query-or-fragment",
          `The issuer ${quote(declared)} has a query or a fragment; an issuer identifier has neither.`,
          rfcReference(8414, "2"),
        ),
      );
    }
  }
  if (!Array.isArray(metadata["response_types_supported"])) {
    findings.push(
      errorFinding(
        "as-metadata-response-types-missing",
        "response_types_supported is missing or not an array; it is REQUIRED.",
        rfcReference(8414, "2"),
      ),
    );
  }
  const methods = metadata["code_challenge_methods_supported"];
  if (!Array.isArray(methods) || !methods.includes("S256")) {
    findings.push(
      errorFinding(
        "as-metadata-no-s256",
        `code_challenge_methods_supported ${Array.isArray(methods) ? `is ${shorten(JSON.stringify(methods), 120)}, without` : "is missing, so it does not say it supports"} "S256": OAuth 2.1 and MCP clients require PKCE with S256 and will not use this server.`,
        rfcReference(7636, "4.2"),
      ),
    );
  }
  for (const [name, rfc] of endpoints) {
    const value = metadata[name];
    if (value === undefined) continue;
    pushHttpsProblem(findings, `as-metadata-${name.replaceAll("_", "-")}`, name, value, rfc);
  }
  for (const name of ["authorization_endpoint", "token_endpoint"]) {
    if (metadata[name] === undefined) {
      findings.push(
        errorFinding(
          `as-metadata-${name.replaceAll("_", "-")}-missing`,
          `The metadata has no ${name}; the authorization code flow needs it.`,
          rfcReference(8414, "2"),
        ),
      );
    }
  }
  if (metadata["registration_endpoint"] === undefined) {
    findings.push({
      id: "as-metadata-no-registration-endpoint",
      severity: "warning",
      message:
        "The metadata offers no registration_endpoint: a client this server has never met cannot register itself (dynamic client registration), so every client must be registered by hand.",
      rfc: rfcReference(7591, "3"),
    });
  }
  return { findings, metadata };
}
