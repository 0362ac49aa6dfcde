import {
  explainParam,
  formatResponseTranscript,
  lintRequest,
  parseBasic,
  parseBearer,
  parseChallenges,
  parseCredentials,
  readAuthResponse,
  readPaste,
  reasonPhrase,
  type AuthParseError,
  type AuthResponseReading,
  type Challenge,
  type Finding,
  type ParamExplanation,
  type PastedResponse,
  type RfcReference,
} from "../http/index.ts";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { checkExchange } from "../probe/checks.ts";

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
  /**
   * What the token68 means once decoded, each with its label: user-id and password for Basic; for
   * Bearer a JWT's header and claims as JSON text, or a sentence saying the token is opaque.
   */
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

/**
 * What a bearer token says about itself. A JWT (RFC 7519 §3: three base64url parts, the first a
 * JSON header) is decoded, header and claims, shown as JSON text and not verified (the signature
 * needs the issuer's key); anything else is opaque, a reference only its issuer can look up
 * (RFC 6750 §1.2: the token's format is the issuer's business), so nothing is repeated.
 */
export function readBearerToken(token: string): Array<[label: string, value: string]> {
  try {
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    const dates = (["exp", "iat", "nbf"] as const)
      .filter((name) => typeof claims[name] === "number")
      .map((name) => `${name}: ${new Date(claims[name]! * 1000).toISOString()}`);
    return [
      ["JWT header (decoded, not verified)", JSON.stringify(header, undefined, 2)],
      ["JWT claims (decoded, not verified)", JSON.stringify(claims, undefined, 2)],
      ...(dates.length === 0 ? [] : ([["JWT times (UTC)", dates.join("\n")]] as Array<[string, string]>)),
    ];
  } catch {
    return [
      [
        "token",
        "Opaque: not a JWT, so it says nothing about itself; only the server that issued it can look up what it grants.",
      ],
    ];
  }
}

function inspectItem(item: Challenge, field: InspectableField, value: string): InspectedItem {
  const scheme = item.scheme.toLowerCase();
  const decoded: Array<[string, string]> = [];
  if (!isChallengeField(field) && scheme === "basic") {
    const basic = parseBasic(value);
    if (basic.ok) decoded.push(["user-id (decoded)", basic.user], ["password (decoded)", basic.password]);
  }
  if (!isChallengeField(field) && scheme === "bearer") {
    const bearer = parseBearer(value);
    if (bearer.ok) decoded.push(...readBearerToken(bearer.token));
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
 * explained, and the lints. A challenge field is read as part of the response it belongs with
 * (401 for WWW-Authenticate, 407 for Proxy-Authenticate), by readAuthResponse, as the probe reads
 * a real response. Never throws.
 */
export function inspectField(field: InspectableField, value: string): InspectReport {
  if (isChallengeField(field)) {
    const status = field === "WWW-Authenticate" ? 401 : 407;
    const { findings } = readAuthResponse({ status, headers: [[field, value]] });
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

/** One pasted response, read as the probe reads a real one, with its challenges explained. */
export interface InspectedResponse {
  response: PastedResponse;
  /** The status line and fields, as raw HTTP. */
  raw: string;
  reading: AuthResponseReading;
  items: InspectedItem[];
}

export type PasteReport =
  | { kind: "field"; field: InspectableField; value: string; fromLine: boolean; report: InspectReport }
  | { kind: "responses"; format: string; responses: InspectedResponse[] }
  | { kind: "error"; message: string };

/**
 * Reads whatever was pasted (readPaste: a bare value, `Name: value` lines folded or not, a
 * `curl -i` or `curl -v` transcript, a HAR file): one authentication field is inspected as
 * inspectField does; whole responses get readAuthResponse's findings, the same as the probe's.
 * Field lines without a status line are read as the fields of the response they belong to: a
 * 401 for WWW-Authenticate, a 407 for Proxy-Authenticate. Never throws.
 */
export function inspectPaste(text: string, selected: InspectableField): PasteReport {
  const paste = readPaste(text);
  if (paste.kind === "error") return paste;
  if (paste.kind === "value") {
    return {
      kind: "field",
      field: selected,
      value: paste.value,
      fromLine: false,
      report: inspectField(selected, paste.value),
    };
  }
  if (paste.kind === "fields") {
    const known = paste.fields
      .map(([name, value]) => [inspectableFields.find((f) => f.toLowerCase() === name.toLowerCase()), value] as const)
      .filter((pair): pair is readonly [InspectableField, string] => pair[0] !== undefined);
    const [first] = known;
    if (first === undefined) {
      return {
        kind: "error",
        message: `None of ${paste.fields.map(([name]) => name).join(", ")} is an authentication field: paste WWW-Authenticate, Proxy-Authenticate, Authorization or Proxy-Authorization, or a whole response.`,
      };
    }
    if (known.length === 1) {
      return {
        kind: "field",
        field: first[0],
        value: first[1],
        fromLine: true,
        report: inspectField(first[0], first[1]),
      };
    }
    const proxy = paste.fields.some(([name]) => name.toLowerCase() === "proxy-authenticate");
    const response: PastedResponse = {
      status: proxy ? 407 : 401,
      statusText: reasonPhrase(proxy ? 407 : 401),
      headers: paste.fields,
    };
    return { kind: "responses", format: "fields", responses: [inspectResponse(response)] };
  }
  const responses = paste.responses.map((response, index) => {
    // A 304, 206 or HEAD answer is held to the 200 to a GET of the same URL earlier in the paste.
    const reference = paste.responses
      .slice(0, index)
      .findLast(
        (earlier) => earlier.status === 200 && earlier.url === response.url && (earlier.method ?? "GET") === "GET",
      );
    return inspectResponse(response, { checked: true, reference });
  });
  return { kind: "responses", format: paste.format, responses };
}

const asExchange = (response: PastedResponse) => ({
  request: { method: response.method ?? "GET", url: response.url ?? "http://localhost/", headers: [] },
  response: { status: response.status, statusText: response.statusText, headers: response.headers, body: "" },
});

/**
 * One pasted response: its challenges explained, and its findings. A whole response (a status
 * line, curl or HAR) gets the probe's status-code checks (checkExchange, readAuthResponse's
 * findings among them); bare fields read as a 401 or 407 get only readAuthResponse's.
 */
function inspectResponse(
  response: PastedResponse,
  options: { checked: boolean; reference?: PastedResponse | undefined } = { checked: false },
): InspectedResponse {
  const auth = readAuthResponse(response);
  const reading: AuthResponseReading = options.checked
    ? {
        ...auth,
        findings: checkExchange(
          asExchange(response),
          options.reference === undefined
            ? { excerpt: true }
            : { excerpt: true, reference: asExchange(options.reference) },
        ).findings,
      }
    : auth;
  const field: InspectableField = response.status === 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
  return {
    response,
    raw: formatResponseTranscript({ ...response, body: "" }),
    reading,
    items: reading.challenges.map((challenge) => inspectItem(challenge, field, "")),
  };
}
