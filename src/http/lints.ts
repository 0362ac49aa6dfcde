/** Lints of requests and responses, explanations of auth parameters, and the citations they carry. */
import { scanAuthField, type ScannedAuth } from "./auth-scanner.ts";
import { parseBasic } from "./basic.ts";
import { bearerAttributeProblem, bearerErrorStatus, parseBearer } from "./bearer.ts";
import { digestAlgorithm } from "./digest.ts";
import { statusAndPhrase } from "./transcript.ts";

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
          message: `The Bearer error "${error.value}" is not one of invalid_request, invalid_token, insufficient_scope (RFC 6750) or insufficient_user_authentication (RFC 9470); clients may not know it.`,
          rfc: rfcReference(6750, "3.1"),
        });
      } else if (expected !== status && fieldName.toLowerCase() === "www-authenticate") {
        findings.push({
          id: "bearer-error-wrong-status",
          severity: "warning",
          message: `The Bearer error "${error.value}" goes with status ${expected}, but this response is ${status}.`,
          rfc: error.value === "insufficient_user_authentication" ? rfcReference(9470, "3") : rfcReference(6750, "3.1"),
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
      label: statusAndPhrase({ status: 401 }),
    },
    {
      name: "Proxy-Authenticate",
      requiredBy: 407,
      statusSection: "15.5.8",
      fieldSection: "11.7.1",
      label: statusAndPhrase({ status: 407 }),
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
    // RFC 6750 §3: a Bearer error says the request's token does not enable access, and then the
    // resource server MUST send WWW-Authenticate (403 insufficient_scope included): required, not optional.
    const bearerError = field.requiredBy === 401 && /(^|,)\s*Bearer\b[^]*\berror\s*=/i.test(combined.value);
    if (status !== field.requiredBy && bearerError) {
      findings.push({
        id: `${idStem}-on-${status}`,
        severity: "info",
        message: `${field.name} on this ${status} response is required: its Bearer error says the request's token does not enable access, and then the resource server MUST send ${field.name} (RFC 6750 §3).`,
        rfc: rfcReference(6750, "3"),
      });
    } else if (status !== field.requiredBy) {
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

/** One problem (or remark) found in a message, with the RFC section it rests on. */
export type Finding = {
  /** Stable and kebab-case, e.g. "status-401-without-www-authenticate". */
  id: string;
  /** error: breaks a MUST; warning: breaks a SHOULD or will surprise clients; info: worth knowing. */
  severity: "error" | "warning" | "info";
  /** One or two sentences a reader understands. */
  message: string;
  rfc: RfcReference;
};

/** Header fields as received: names in any case, repeated names allowed, order kept. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * The combined value of every field line with this name (RFC 9110 §5.3: joined with ", "), or
 * undefined when there is none, and how many lines there were.
 */
export function combinedField(headers: HeaderList, name: string): { value: string; lines: number } | undefined {
  const lower = name.toLowerCase();
  const values = headers.filter(([fieldName]) => fieldName.toLowerCase() === lower).map(([, value]) => value);
  return values.length === 0 ? undefined : { value: values.join(", "), lines: values.length };
}

export type ParamExplanation = { text: string; rfc: RfcReference };

type Entry = [text: string, rfc: number, section: string];

const realm: Entry = [
  "The protection space: a name for the set of resources these credentials are good for. Browsers show it in their login prompt. Always sent as a quoted string.",
  9110,
  "11.5",
];

const resourceMetadata: Entry = [
  "The URL of this resource's metadata document: which authorization servers issue its tokens, which scopes and token types (Bearer, DPoP) it takes. The client's first step from a 401 to a token.",
  9728,
  "5.1",
];

/** error_description means the same for Bearer (RFC 6750 §3) and DPoP (RFC 9449 §7.1). */
const errorDescriptionMeaning = "A sentence for developers about the error; not meant for end users.";

const bySchemes: Record<string, Record<string, Entry>> = {
  basic: {
    realm: [
      "The protection space (REQUIRED for Basic, RFC 7617 §2): credentials that worked for this realm on this origin are reused for it.",
      7617,
      "2",
    ],
    charset: [
      'The encoding the server expects for user-id and password before base64; "UTF-8" is the only allowed value.',
      7617,
      "2.1",
    ],
  },
  bearer: {
    realm: ["The protection space, as for any scheme; optional for Bearer.", 6750, "3"],
    scope: [
      "Space-separated scopes the access token needs for this resource, so the client can ask for a token that has them.",
      6750,
      "3",
    ],
    error: [
      "Why the token was refused: invalid_request (400), invalid_token (401: expired, revoked, malformed or for another audience) or insufficient_scope (403); insufficient_user_authentication (401) when the login behind the token was too weak or too old (RFC 9470 §3). Should be absent when the request carried no authentication at all (RFC 6750 §3.1: SHOULD NOT).",
      6750,
      "3.1",
    ],
    error_description: [errorDescriptionMeaning, 6750, "3"],
    error_uri: ["A web page that explains the error to developers.", 6750, "3"],
    resource_metadata: resourceMetadata,
    acr_values: [
      "With insufficient_user_authentication: the authentication context classes (kinds of login, such as multi-factor) acceptable here. Send them as acr_values in a new authorization request.",
      9470,
      "3",
    ],
    max_age: [
      "With insufficient_user_authentication: how many seconds ago the user may have logged in at most. Send it as max_age in a new authorization request, so the user logs in again.",
      9470,
      "3",
    ],
  },
  dpop: {
    realm: ["The protection space, as for any scheme; optional for DPoP.", 9449, "7.1"],
    algs: [
      "The signature algorithms (JWS alg values) this resource accepts for DPoP proofs, space-separated; sign the proof with one of them.",
      9449,
      "7.1",
    ],
    error: [
      "Why the request was refused: invalid_token (the token is expired, not DPoP-bound or for another audience), invalid_dpop_proof (the proof is wrong: URL, method, signature, ath, replay) or use_dpop_nonce (retry with a proof that carries the nonce in the DPoP-Nonce field).",
      9449,
      "7.1",
    ],
    error_description: [errorDescriptionMeaning, 9449, "7.1"],
    scope: ["Space-separated scopes the access token needs for this resource.", 9449, "7.1"],
    resource_metadata: resourceMetadata,
  },
  digest: {
    realm: [
      "The protection space; it is also hashed into A1, so the same password gives different hashes per realm.",
      7616,
      "3.3",
    ],
    domain: [
      "Space-separated URIs that share this protection space, so the client can send credentials to them without a new challenge.",
      7616,
      "3.3",
    ],
    nonce: [
      "A server-chosen value that the client hashes into its response; it limits how long and how often a response can be reused.",
      7616,
      "3.3",
    ],
    opaque: ["A server-chosen string the client returns unchanged in its credentials.", 7616, "3.3"],
    stale: [
      "true: the previous response was right but its nonce had expired; retry with the new nonce without asking the user again.",
      7616,
      "3.3",
    ],
    algorithm: [
      "The hash: MD5, SHA-256 or SHA-512-256, or a -sess form that mixes nonce and cnonce into A1. MD5 when absent.",
      7616,
      "3.3",
    ],
    qop: [
      'Quality of protection the server supports: "auth" (the request line) and/or "auth-int" (also the body).',
      7616,
      "3.3",
    ],
    charset: ["UTF-8: the server expects user name and password encoded in UTF-8 before hashing.", 7616, "3.3"],
    userhash: [
      "true: the server accepts a hash of user name and realm in place of the user name, so the name is not sent in clear.",
      7616,
      "3.4.4",
    ],
    username: ["The user's name, or its hash when userhash=true.", 7616, "3.4"],
    "username*": [
      "The user's name in RFC 8187 encoding (UTF-8''...), for names a quoted string cannot carry.",
      7616,
      "3.4",
    ],
    uri: [
      "The request-target, repeated so the server can check the response was made for this request.",
      7616,
      "3.4.6",
    ],
    response: [
      "The proof: the hash chain over A1 (user, realm, password), nonce, nc, cnonce, qop and A2 (method and URI).",
      7616,
      "3.4.1",
    ],
    cnonce: ["A client-chosen value, so the client also contributes randomness to the hash.", 7616, "3.4"],
    nc: [
      "The nonce count: 8 hex digits counting requests made with this nonce; the server refuses a count it has seen.",
      7616,
      "3.4",
    ],
  },
};

/**
 * Explains a challenge or credentials parameter in a sentence or two, with the RFC section that
 * defines it, for tooltips. Scheme and name are case-insensitive; `realm` is explained for any
 * scheme (RFC 9110 §11.5). Undefined for a parameter it does not know.
 */
export function explainParam(scheme: string, paramName: string): ParamExplanation | undefined {
  const name = paramName.toLowerCase();
  const lowerScheme = scheme.toLowerCase();
  const table = Object.hasOwn(bySchemes, lowerScheme) ? bySchemes[lowerScheme] : undefined;
  const entry = table !== undefined && Object.hasOwn(table, name) ? table[name] : name === "realm" ? realm : undefined;
  return entry === undefined ? undefined : { text: entry[0], rfc: rfcReference(entry[1], entry[2]) };
}

/**
 * The one citation type of the project (ARCHITECTURE.md, "One home for each fact"): a link to the
 * text a claim rests on, as lints, explanations, the status pages' front matter and the httpbin
 * page show it.
 */
export type Citation = { label: string; url: string };

/** The same type under the name src/http's lints have used; prefer Citation. */
export type RfcReference = Citation;

/** Cites RFC `rfc` §`section`, linking the RFC Editor's HTML: rfcReference(9110, "15.5.2"). */
export function rfcReference(rfc: number, section: string): Citation {
  return { label: `RFC ${rfc} §${section}`, url: `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}` };
}
