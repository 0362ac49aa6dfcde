import { rfcReference, type RfcReference } from "./citation.ts";

export type ParamExplanation = { text: string; rfc: RfcReference };

type Entry = [text: string, rfc: number, section: string];

const realm: Entry = [
  "The protection space: a name for the set of resources these credentials are good for. Browsers show it in their login prompt. Always sent as a quoted string.",
  9110,
  "11.5",
];

const bySchemes: Record<string, Record<string, Entry>> = {
  basic: {
    realm: [
      "The protection space (REQUIRED for Basic): credentials that worked for this realm on this origin are reused for it.",
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
      "Why the token was refused: invalid_request (400), invalid_token (401: expired, revoked or malformed) or insufficient_scope (403). Absent when no token was sent.",
      6750,
      "3.1",
    ],
    error_description: ["A sentence for developers about the error; not meant for end users.", 6750, "3"],
    error_uri: ["A web page that explains the error to developers.", 6750, "3"],
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
