/**
 * How the sandbox API relates to httpbin's, as data: the endpoints that share a path, and every
 * known difference in what they answer, each with the RFC requirement behind it. The page
 * src/content/docs/httpbin.mdx renders both; tests/integration/httpbin.test.ts sends the same
 * request sequences to both servers (Debian's python3-httpbin 0.7.0) and fails on a difference
 * that is not listed here, and on a listed one that no longer occurs.
 */
import { rfcReference, type Citation } from "../http/index.ts";

/** One way the two servers' answers to the same request differ, as the comparison observes it. */
export type ObservedDifference =
  | { kind: "status"; ours: number; httpbin: number }
  /** A challenge scheme in a WWW-Authenticate or Proxy-Authenticate field that only one side sends. */
  | { kind: "scheme"; field: ChallengeField; scheme: string; side: Side }
  /** A parameter name of a challenge that both send, present on one side only. */
  | { kind: "param"; field: ChallengeField; scheme: string; param: string; side: Side }
  /** A challenge field one side sends that does not parse (RFC 9110 §11.6.1). */
  | { kind: "unparsable"; field: ChallengeField; side: Side };

export type ChallengeField = "WWW-Authenticate" | "Proxy-Authenticate";
export type Side = "ours" | "httpbin";

export interface HttpbinDifference {
  /** What a reader sees differ, as one sentence. */
  summary: string;
  /** What the comparison observes (scheme names lower-case). */
  observed: ObservedDifference;
  /** The compared request sequences (tests/integration/httpbin-probes.ts) in which it occurs. */
  probes: readonly string[];
  /** Why we answer as we do. */
  reason: string;
  cites: readonly Citation[];
}

/** An endpoint both servers have: our path under `<base>api/`, httpbin's under its root. */
export interface SharedEndpoint {
  ours: string;
  httpbin: string;
  /** What each does, in a sentence, where they are not the same. */
  note: string;
}

export const sharedEndpoints: readonly SharedEndpoint[] = [
  {
    ours: "api/basic-auth/{user}/{passwd}",
    httpbin: "/basic-auth/{user}/{passwd}",
    note: "Both challenge with Basic and accept the user and password named in the path.",
  },
  {
    ours: "api/hidden-basic-auth/{user}/{passwd}",
    httpbin: "/hidden-basic-auth/{user}/{passwd}",
    note: "Both answer 404 without a challenge unless the right Basic credentials come first.",
  },
  {
    ours: "api/bearer",
    httpbin: "/bearer",
    note: "httpbin accepts any token; ours accepts only the published demo tokens and answers each RFC 6750 error.",
  },
  {
    ours: "api/digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]]",
    httpbin: "/digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]]",
    note: "Both speak RFC 7616 Digest with MD5 as the default; ours adds SHA-512-256 and the -sess forms and keeps no cookies.",
  },
  {
    ours: "api/status/{codes}",
    httpbin: "/status/{codes}",
    note: "Both answer with the code asked for (or one of a weighted list); ours adds the header fields each code requires. A 1xx can never be the final response (RFC 9110 §15.2): httpbin sends it as if it were, and a client such as curl waits for a final response that never comes; ours sends the final 200, naming the code asked for in X-Requested-Status.",
  },
];

const basicCharset: Omit<HttpbinDifference, "observed" | "probes"> = {
  summary: 'Our Basic challenges carry charset="UTF-8"; httpbin\'s carry only a realm.',
  reason:
    "The only charset value RFC 7617 allows is UTF-8, and announcing it tells the client to encode user and password as UTF-8 before base64, so a name like “Jäsøn” arrives intact. Without it, clients pick an encoding of their own.",
  cites: [rfcReference(7617, "2.1")],
};

const digestProbes = [
  "digest-auth MD5 handshake",
  "digest-auth MD5, wrong password",
  "digest-auth without an algorithm (MD5)",
  "digest-auth SHA-256 handshake",
];

/** A parameter of the Digest challenges, seen on `side` only, in every Digest probe. */
function digestParam(param: string, side: "ours" | "httpbin"): Pick<HttpbinDifference, "observed" | "probes"> {
  return {
    observed: { kind: "param", field: "WWW-Authenticate", scheme: "digest", param, side },
    probes: digestProbes,
  };
}

const unknownToken: Omit<HttpbinDifference, "observed" | "summary"> = {
  probes: ["bearer, any token"],
  reason:
    "A resource server has to check the token it is sent; one it did not issue is invalid_token, answered with 401 and a Bearer challenge that names the error. httpbin echoes any token back with 200, which teaches that any string will do. Ours accepts only the published demo tokens, so each error of RFC 6750 can be seen.",
  cites: [rfcReference(6750, "3.1"), rfcReference(6750, "3")],
};

export const httpbinDifferences: readonly HttpbinDifference[] = [
  {
    ...basicCharset,
    observed: { kind: "param", field: "WWW-Authenticate", scheme: "basic", param: "charset", side: "ours" },
    probes: ["basic-auth, no credentials", "basic-auth, wrong password", "status/401"],
  },
  {
    ...basicCharset,
    summary: 'Our 407 challenges the proxy with charset="UTF-8" too; httpbin\'s carries only a realm.',
    observed: { kind: "param", field: "Proxy-Authenticate", scheme: "basic", param: "charset", side: "ours" },
    probes: ["status/407"],
  },
  {
    summary: "Without a token, our Bearer challenge has a realm; httpbin's is the bare word Bearer.",
    observed: { kind: "param", field: "WWW-Authenticate", scheme: "bearer", param: "realm", side: "ours" },
    probes: ["bearer, no token"],
    reason:
      "RFC 6750 requires the Bearer scheme to be followed by one or more auth-params, and allows realm for this purpose; a request without a token gets no error code. httpbin's bare “Bearer” is valid challenge syntax for RFC 9110 but not a valid Bearer challenge.",
    cites: [rfcReference(6750, "3"), rfcReference(9110, "11.6.1")],
  },
  {
    ...unknownToken,
    summary: "A token the server never issued: ours answers 401 invalid_token, httpbin 200.",
    observed: { kind: "status", ours: 401, httpbin: 200 },
  },
  {
    ...unknownToken,
    summary: 'With that 401, ours sends a Bearer challenge with error="invalid_token"; httpbin\'s 200 has none.',
    observed: { kind: "scheme", field: "WWW-Authenticate", scheme: "bearer", side: "ours" },
  },
  {
    summary: "Our Digest challenges carry charset=UTF-8; httpbin's do not.",
    ...digestParam("charset", "ours"),
    reason:
      "charset=UTF-8 (the only value allowed) tells the client to hash user name and password as UTF-8, so names outside ASCII work; without it the client's encoding is unknown to the server.",
    cites: [rfcReference(7616, "3.3"), rfcReference(7616, "4")],
  },
  {
    summary: "Our Digest challenges say userhash=false; httpbin's leave the parameter out.",
    ...digestParam("userhash", "ours"),
    reason:
      "userhash says whether the server accepts a hashed user name; false is the default, so both mean the same. Ours names it so that the sandbox can show and explain every parameter of an RFC 7616 challenge.",
    cites: [rfcReference(7616, "3.3"), rfcReference(7616, "3.4.4")],
  },
  {
    summary: "httpbin's Digest challenges always carry stale=FALSE; ours send stale only when it is true.",
    ...digestParam("stale", "httpbin"),
    reason:
      "stale=true tells a client that its password was right but the nonce had expired, so it may retry without asking the user; anything else, absence included, means the credentials were wrong or missing. Both forms are correct; ours keeps stale for the case it exists for, where the sandbox shows the retry.",
    cites: [rfcReference(7616, "3.3")],
  },
];
