/**
 * The request sequences sent to both the sandbox API and httpbin, and how their answers are
 * compared: status codes, challenge schemes and parameter names (never values: realms, nonces and
 * opaque strings differ by design).
 */
import { request as httpRequest } from "node:http";
import { digestAuthorization, encodeBasic, parseChallenges } from "../../src/http/index.ts";
import type { ChallengeField, ObservedDifference, Side } from "../../src/content/httpbin-differences.ts";

/** What one response showed: its status and the shape of its challenges. */
export interface Observation {
  status: number;
  /** Per challenge field present: each challenge's scheme (lower-case) and sorted parameter names, or "unparsable". */
  challenges: Partial<Record<ChallengeField, Array<{ scheme: string; params: string[] }> | "unparsable">>;
}

interface Answer {
  status: number;
  headers: Headers;
}

/** One request of a sequence; `authorization` may answer the previous response's challenge. */
interface Step {
  path: string;
  authorization?: string | ((previous: Answer, requestTarget: string) => Promise<string>);
}

export interface Probe {
  name: string;
  steps: readonly Step[];
}

const basic = (user: string, password: string) => encodeBasic(user, password);

/** Answers the Digest challenge of the previous response as a client would (RFC 7616 §3.4). */
const digestAnswer =
  (password: string) =>
  async (previous: Answer, requestTarget: string): Promise<string> => {
    const parsed = parseChallenges(previous.headers.get("WWW-Authenticate") ?? "");
    const challenge = parsed.ok ? parsed.challenges.find((each) => each.scheme.toLowerCase() === "digest") : undefined;
    if (challenge === undefined) return "Digest";
    const { realm = "", nonce = "", opaque, algorithm = "MD5" } = challenge.params;
    return digestAuthorization({
      algorithm,
      username: "user",
      password,
      realm,
      method: "GET",
      uri: requestTarget,
      nonce,
      nc: "00000001",
      cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
      qop: "auth",
      ...(opaque === undefined ? {} : { opaque }),
    });
  };

const digestHandshake = (name: string, path: string, password: string): Probe => ({
  name,
  steps: [{ path }, { path, authorization: digestAnswer(password) }],
});

export const probes: readonly Probe[] = [
  { name: "basic-auth, no credentials", steps: [{ path: "basic-auth/user/passwd" }] },
  {
    name: "basic-auth, right credentials",
    steps: [{ path: "basic-auth/user/passwd", authorization: basic("user", "passwd") }],
  },
  {
    name: "basic-auth, wrong password",
    steps: [{ path: "basic-auth/user/passwd", authorization: basic("user", "wrong") }],
  },
  { name: "hidden-basic-auth, no credentials", steps: [{ path: "hidden-basic-auth/user/passwd" }] },
  {
    name: "hidden-basic-auth, right credentials",
    steps: [{ path: "hidden-basic-auth/user/passwd", authorization: basic("user", "passwd") }],
  },
  {
    name: "hidden-basic-auth, wrong password",
    steps: [{ path: "hidden-basic-auth/user/passwd", authorization: basic("user", "wrong") }],
  },
  { name: "bearer, no token", steps: [{ path: "bearer" }] },
  { name: "bearer, any token", steps: [{ path: "bearer", authorization: "Bearer any-token-at-all" }] },
  digestHandshake("digest-auth MD5 handshake", "digest-auth/auth/user/passwd/MD5", "passwd"),
  digestHandshake("digest-auth MD5, wrong password", "digest-auth/auth/user/passwd/MD5", "wrong"),
  digestHandshake("digest-auth without an algorithm (MD5)", "digest-auth/auth/user/passwd", "passwd"),
  digestHandshake("digest-auth SHA-256 handshake", "digest-auth/auth/user/passwd/SHA-256", "passwd"),
  { name: "status/401", steps: [{ path: "status/401" }] },
  { name: "status/407", steps: [{ path: "status/407" }] },
];

function observeFields(headers: Headers): Observation["challenges"] {
  const challenges: Observation["challenges"] = {};
  for (const field of ["WWW-Authenticate", "Proxy-Authenticate"] as const) {
    const value = headers.get(field);
    if (value === null) continue;
    const parsed = parseChallenges(value);
    challenges[field] = parsed.ok
      ? parsed.challenges.map((challenge) => ({
          scheme: challenge.scheme.toLowerCase(),
          params: [...Object.keys(challenge.params), ...(challenge.token68 === undefined ? [] : ["(token68)"])].sort(),
        }))
      : "unparsable";
  }
  return challenges;
}

/**
 * GET with node:http rather than fetch: fetch turns every 407 into a network error (Fetch
 * standard, HTTP-network-or-cache fetch, step on 407 outside a browser window), so it could not
 * observe status/407 at all.
 */
function get(url: URL, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers, timeout: 10_000 }, (incoming) => {
      incoming.resume();
      incoming.on("end", () => {
        const fields = new Headers();
        for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
          fields.append(incoming.rawHeaders[i] ?? "", incoming.rawHeaders[i + 1] ?? "");
        }
        resolve({ status: incoming.statusCode ?? 0, headers: fields });
      });
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`No answer from ${url.href} within 10 s.`)));
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** Sends a probe's requests to `root` (our `<origin>/api/` or httpbin's `<origin>/`), one observation per request. */
export async function runProbe(root: string, probe: Probe): Promise<Observation[]> {
  const observations: Observation[] = [];
  let previous: Answer | undefined;
  for (const step of probe.steps) {
    const url = new URL(step.path, root);
    const headers: Record<string, string> = {};
    if (typeof step.authorization === "string") headers["Authorization"] = step.authorization;
    else if (step.authorization !== undefined && previous !== undefined) {
      headers["Authorization"] = await step.authorization(previous, url.pathname);
    }
    previous = await get(url, headers);
    observations.push({ status: previous.status, challenges: observeFields(previous.headers) });
  }
  return observations;
}

/** Every way two observations of the same request differ, as atomic differences. */
export function compareObservations(ours: Observation, httpbin: Observation): ObservedDifference[] {
  const differences: ObservedDifference[] = [];
  if (ours.status !== httpbin.status) differences.push({ kind: "status", ours: ours.status, httpbin: httpbin.status });
  for (const field of ["WWW-Authenticate", "Proxy-Authenticate"] as const) {
    const a = ours.challenges[field] ?? [];
    const b = httpbin.challenges[field] ?? [];
    if (a === "unparsable" || b === "unparsable") {
      if (a === "unparsable") differences.push({ kind: "unparsable", field, side: "ours" });
      if (b === "unparsable") differences.push({ kind: "unparsable", field, side: "httpbin" });
      continue;
    }
    const sides: Array<[Side, typeof a, typeof b]> = [
      ["ours", a, b],
      ["httpbin", b, a],
    ];
    for (const [side, mine, theirs] of sides) {
      for (const challenge of mine) {
        const counterpart = theirs.find((other) => other.scheme === challenge.scheme);
        if (counterpart === undefined) {
          differences.push({ kind: "scheme", field, scheme: challenge.scheme, side });
          continue;
        }
        for (const param of challenge.params.filter((name) => !counterpart.params.includes(name))) {
          differences.push({ kind: "param", field, scheme: challenge.scheme, param, side });
        }
      }
    }
  }
  return differences;
}
