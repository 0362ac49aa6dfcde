import { rfcReference, type RfcReference } from "./rfc-reference.ts";

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
      "Why the token was refused: invalid_request (400), invalid_token (401: expired, revoked, malformed or for another audience) or insufficient_scope (403); insufficient_user_authentication (401) when the login behind the token was too weak or too old (RFC 9470 §3). Absent when no token was sent.",
      6750,
      "3.1",
    ],
    error_description: ["A sentence for developers about the error; not meant for end users.", 6750, "3"],
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
    error_description: ["A sentence for developers about the error; not meant for end users.", 9449, "7.1"],
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
