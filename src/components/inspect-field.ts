import {
  explainParam,
  lintRequest,
  lintResponse,
  parseBasic,
  parseBearer,
  parseChallenges,
  parseCredentials,
  type AuthParseError,
  type Challenge,
  type Finding,
  type ParamExplanation,
  type RfcReference,
} from "../http/index.ts";

/** The four fields of HTTP authentication (RFC 9110 §11.6, §11.7). */
export const inspectableFields = [
  "WWW-Authenticate",
  "Proxy-Authenticate",
  "Authorization",
  "Proxy-Authorization",
] as const;
export type InspectableField = (typeof inspectableFields)[number];

export interface InspectedParam {
  name: string;
  value: string;
  explanation: ParamExplanation | undefined;
}

export interface InspectedItem {
  scheme: string;
  /** What the scheme is, with its RFC; undefined for a scheme this site does not describe. */
  schemeNote: { text: string; rfc: RfcReference } | undefined;
  token68: string | undefined;
  params: InspectedParam[];
  /** What the token68 means once decoded: user-id and password for Basic, the token for Bearer. */
  decoded: Array<[label: string, value: string]>;
}

export type InspectReport =
  | { ok: true; kind: "challenges" | "credentials"; items: InspectedItem[]; findings: Finding[] }
  | { ok: false; kind: "challenges" | "credentials"; error: AuthParseError; findings: Finding[] };

const schemes: Record<string, { text: string; rfc: RfcReference }> = {
  basic: {
    text: "Basic: user-id and password, joined by a colon and base64-encoded. Readable by anyone who sees the request, so only over HTTPS.",
    rfc: { label: "RFC 7617 §2", url: "https://www.rfc-editor.org/rfc/rfc7617#section-2" },
  },
  bearer: {
    text: "Bearer: an access token (for example from OAuth 2.0); whoever holds it gets in, so it too needs HTTPS.",
    rfc: { label: "RFC 6750 §2.1", url: "https://www.rfc-editor.org/rfc/rfc6750#section-2.1" },
  },
  digest: {
    text: "Digest: the password never travels; the client proves it knows it by hashing it with the server's nonce.",
    rfc: { label: "RFC 7616 §3", url: "https://www.rfc-editor.org/rfc/rfc7616#section-3" },
  },
};

export function isChallengeField(field: InspectableField): boolean {
  return field.endsWith("Authenticate");
}

function inspectItem(item: Challenge, field: InspectableField, value: string): InspectedItem {
  const scheme = item.scheme.toLowerCase();
  const decoded: Array<[string, string]> = [];
  if (!isChallengeField(field) && scheme === "basic") {
    const basic = parseBasic(value);
    if (basic.ok) decoded.push(["user-id", basic.user], ["password", basic.password]);
  }
  if (!isChallengeField(field) && scheme === "bearer") {
    const bearer = parseBearer(value);
    if (bearer.ok) decoded.push(["token", bearer.token]);
  }
  return {
    scheme: item.scheme,
    schemeNote: Object.hasOwn(schemes, scheme) ? schemes[scheme] : undefined,
    token68: item.token68,
    params: Object.entries(item.params).map(([name, paramValue]) => ({
      name,
      value: paramValue,
      explanation: explainParam(item.scheme, name),
    })),
    decoded,
  };
}

/**
 * Reads a WWW-Authenticate, Proxy-Authenticate, Authorization or Proxy-Authorization value with
 * src/http: the challenges (RFC 9110 §11.6.1) or credentials (§11.6.2) it holds, every parameter
 * explained, and the lints. A challenge field is linted as part of the response it belongs with
 * (401 for WWW-Authenticate, 407 for Proxy-Authenticate). Never throws.
 */
export function inspectField(field: InspectableField, value: string): InspectReport {
  if (isChallengeField(field)) {
    const findings = lintResponse({ status: field === "WWW-Authenticate" ? 401 : 407, headers: [[field, value]] });
    const parsed = parseChallenges(value);
    return parsed.ok
      ? {
          ok: true,
          kind: "challenges",
          items: parsed.challenges.map((challenge) => inspectItem(challenge, field, value)),
          findings,
        }
      : { ok: false, kind: "challenges", error: parsed.error, findings };
  }
  const findings = lintRequest({ headers: [[field, value]] });
  const parsed = parseCredentials(value);
  return parsed.ok
    ? { ok: true, kind: "credentials", items: [inspectItem(parsed.credentials, field, value)], findings }
    : { ok: false, kind: "credentials", error: parsed.error, findings };
}

/**
 * A pasted whole field line ("WWW-Authenticate: Basic realm=...") split into its field and value,
 * so the reader can paste either; undefined when the text does not start with one of the four names.
 */
export function splitFieldLine(text: string): { field: InspectableField; value: string } | undefined {
  const match = /^\s*([A-Za-z-]+)\s*:\s?/.exec(text);
  const field = inspectableFields.find((name) => name.toLowerCase() === match?.[1]?.toLowerCase());
  return match === null || field === undefined ? undefined : { field, value: text.slice(match[0].length).trim() };
}
