import { http, type HttpResponseResolver, type PathParams } from "msw";
import {
  createDigestReplayMemory,
  createDigestServer,
  type DigestNonceCounts,
  digestAlgorithm,
  failure,
  formatChallenge,
  parseCredentials,
  type DigestQop,
  type DigestServer,
  type Result,
} from "../../http/index.ts";
import { jsonResponse } from "./json-response.ts";
import { sandboxRealm } from "./realm.ts";

export type DigestAuthOptions = {
  secret: string | Uint8Array;
  nonceLifetimeMs: number;
  now: () => number;
  /** The nonce counts seen (src/sandbox/memory.ts); default: a replay memory of this handler set's own. */
  nonceCounts?: DigestNonceCounts;
};

/**
 * `digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]]`, RFC 7616, with httpbin's paths:
 * qop is `auth` or `auth-int`; algorithm MD5 (the default, as httpbin's), SHA-256, SHA-512-256 or
 * a -sess form, in any case (§3.3 names are case-insensitive); `stale_after` is `never` (default)
 * or how many requests one nonce may authenticate before the next is answered `stale=true`.
 *
 * Nonces are stateless (an HMAC over their issue time, issueDigestNonce in src/http/digest-server.ts),
 * so any handler set with the same secret accepts them; only the highest nonce count per nonce is
 * remembered.
 *
 * - no credentials, or another scheme → 401 with one Digest challenge: realm, qop, algorithm,
 *   nonce, opaque, charset=UTF-8, userhash=false (§3.3). curl/libcurl (so PHP) and Python
 *   requests read these. Known client limits: Python requests cannot answer auth-int or
 *   SHA-512-256 (it raises TypeError); curl 7.x hashes "SHA-512-256" with SHA-256 and is refused.
 * - credentials that do not parse or lack a required parameter → 400 (RFC 9110 §15.5.1);
 *   a `uri` that is not the request-target → 400 (§3.4.6);
 * - wrong user or password, a realm/algorithm/qop/opaque that was not offered, or a nonce this
 *   server never issued → 401 with a fresh challenge and no `stale` (§3.3: new credentials needed);
 * - right credentials on an expired nonce (or past stale_after) → 401 with `stale=true` (§3.3),
 *   so a client retries with the new nonce without asking the user again;
 * - a nonce count already used with this nonce → 401 with a fresh challenge (§3.4, §5.5: replay);
 * - otherwise 200 `{"authenticated": true, "user": ...}`.
 *
 * Every 401 and 400 body is `{"authenticated": false, "reason", "message"}` (reason and message
 * absent when no credentials were sent), where reason is the verifier's word for what failed.
 * With qop=auth-int the body is part of the hash (§3.4.3), so any method is accepted.
 */
export function digestAuthHandlers(apiRoot: string, options: DigestAuthOptions) {
  const replayMemory = options.nonceCounts ?? createDigestReplayMemory();
  const servers = new Map<string, DigestServer>();
  const serverFor = (algorithm: string, qop: DigestQop): DigestServer => {
    const key = `${algorithm} ${qop}`;
    let server = servers.get(key);
    if (server === undefined) {
      server = createDigestServer({
        secret: options.secret,
        realm: sandboxRealm,
        algorithms: [algorithm],
        qop: [qop],
        nonceLifetimeMs: options.nonceLifetimeMs,
        replayMemory,
        now: options.now,
      });
      servers.set(key, server);
    }
    return server;
  };

  const resolver: HttpResponseResolver<PathParams> = async ({ request, params }) => {
    const route = readDigestPath(params);
    if (!route.ok) return pathProblem(route.error.message);
    return digestAnswer(request, serverFor(route.algorithm, route.qop), route);
  };

  return [
    http.all(`${apiRoot}digest-auth/:qop/:user/:passwd`, resolver),
    http.all(`${apiRoot}digest-auth/:qop/:user/:passwd/:algorithm`, resolver),
    http.all(`${apiRoot}digest-auth/:qop/:user/:passwd/:algorithm/:staleAfter`, resolver),
  ];
}

/** What a `digest-auth/...` path asks for. */
type DigestRoute = { qop: DigestQop; algorithm: string; staleAfter: number; user: string; password: string };

/** The path's qop, algorithm (MD5 by default) and stale_after ("never" by default), or the segment that is wrong. */
function readDigestPath(params: PathParams): Result<DigestRoute> {
  const qop = String(params["qop"]);
  if (qop !== "auth" && qop !== "auth-int")
    return failure(`The qop "${qop}" in the path is neither auth nor auth-int (RFC 7616 §3.3).`);
  const algorithm = digestAlgorithm(params["algorithm"] === undefined ? "MD5" : String(params["algorithm"]));
  if (algorithm === undefined)
    return failure(
      `The algorithm "${String(params["algorithm"])}" in the path is not MD5, SHA-256, SHA-512-256 or one of their -sess forms (RFC 7616 §3.3, §6.1).`,
    );
  const staleText = params["staleAfter"] === undefined ? "never" : String(params["staleAfter"]);
  if (staleText !== "never" && !/^[0-9]{1,9}$/.test(staleText))
    return failure(
      `The stale_after "${staleText}" in the path is neither "never" nor a whole number of requests (0 or more).`,
    );
  return {
    ok: true,
    qop,
    algorithm: algorithm.name,
    staleAfter: staleText === "never" ? Infinity : Number(staleText),
    user: String(params["user"]),
    password: String(params["passwd"]),
  };
}

/** The answer to one request for a Digest resource: a challenge (401, or 400 for a malformed request) or 200. */
async function digestAnswer(request: Request, server: DigestServer, route: DigestRoute): Promise<Response> {
  const challenged = async (
    status: 400 | 401,
    stale: boolean,
    problem?: { reason: string; message: string },
  ): Promise<Response> => {
    const body = problem === undefined ? { authenticated: false } : { authenticated: false, ...problem };
    return jsonResponse(status, body, { "WWW-Authenticate": formatChallenge(await server.challenge({ stale })) });
  };
  const authorization = request.headers.get("Authorization");
  if (authorization === null) return challenged(401, false);
  const parsed = parseCredentials(authorization);
  if (!parsed.ok)
    return challenged(400, false, {
      reason: "malformed",
      message: `The Authorization value is not valid credentials: ${parsed.error.message}`,
    });
  if (parsed.credentials.scheme.toLowerCase() !== "digest")
    return challenged(401, false, {
      reason: "other-scheme",
      message: `This resource uses Digest authentication (RFC 7616), not ${parsed.credentials.scheme}; answer its challenge.`,
    });
  const result = await server.verify({
    method: request.method,
    uri: request.url,
    authorization,
    user: route.user,
    password: route.password,
    // The body's octets, not text: invalid UTF-8 must hash as sent (RFC 7616 §3.4.3).
    body: route.qop === "auth-int" ? new Uint8Array(await request.clone().arrayBuffer()) : "",
  });
  if (result.ok) {
    const { staleAfter } = route;
    if (result.nc > staleAfter)
      return challenged(401, true, {
        reason: "stale-nonce",
        message: `This nonce has authenticated ${staleAfter} request${staleAfter === 1 ? "" : "s"}, as stale_after in the path allows; use the new nonce.`,
      });
    return jsonResponse(200, { authenticated: true, user: result.username });
  }
  const problem = result.error;
  switch (problem.reason) {
    case "missing":
      return challenged(401, false);
    case "malformed":
    case "uri-mismatch":
      return challenged(400, false, problem);
    case "stale-nonce":
      return challenged(401, true, problem);
    case "mismatch":
    case "invalid-nonce":
    case "wrong-credentials":
    case "replayed-nonce-count":
      return challenged(401, false, problem);
  }
}

/** A path that names no Digest resource: 404 (RFC 9110 §15.5.5), with a sentence saying which segment is wrong. */
function pathProblem(message: string): Response {
  return jsonResponse(404, { error: message });
}
