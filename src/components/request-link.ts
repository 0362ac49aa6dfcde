import type { AuthDraft, FormSnapshot } from "../sandbox/index.ts";

/** The methods the request builder offers (its <select>), in order. */
export const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const authTypes: ReadonlyArray<AuthDraft["type"]> = ["none", "basic", "bearer", "digest", "raw"];

/** Longest endpoint and user name an address carries: longer, the address names no request. */
export const linkLimits = { endpoint: 2000, user: 200 } as const;

/** A request as a shareable address carries it: never a password, a token or an Authorization value. */
export interface LinkedRequest {
  method: string;
  endpoint: string;
  auth: AuthDraft["type"];
  /** Only for Basic and Digest, whose user name is not a secret (RFC 7617 §2 sends it beside the password). */
  user?: string;
}

/**
 * The query string of a sandbox address for the request on screen: method, endpoint, auth type
 * and, for Basic or Digest, the user name. It is built from the form's snapshot, which holds no
 * password, token or raw Authorization value, and names each key it writes, so no secret can
 * reach the address even if the snapshot grows. Undefined when the endpoint or the user name is
 * longer than `linkLimits`: a 64 kB value is no address to share (and costs every keystroke).
 */
export function requestLink(form: Pick<FormSnapshot, "method" | "endpoint" | "auth" | "user">): string | undefined {
  if (form.endpoint.length > linkLimits.endpoint || form.user.length > linkLimits.user) return undefined;
  const params = new URLSearchParams();
  params.set("method", form.method);
  params.set("endpoint", form.endpoint);
  params.set("auth", form.auth);
  if ((form.auth === "basic" || form.auth === "digest") && form.user !== "") params.set("user", form.user);
  return params.toString();
}

/**
 * The credentials an endpoint's path names, as httpbin's do: `basic-auth/{user}/{passwd}` and
 * `hidden-basic-auth/{user}/{passwd}` take Basic, `digest-auth/{qop}/{user}/{passwd}[/{algorithm}]`
 * takes Digest. The password is already in the address (the sandbox's demo accounts), so filling
 * it in reveals nothing the link does not; undefined for any other endpoint.
 */
export function credentialsInPath(
  endpoint: string,
): { auth: "basic" | "digest"; user: string; password: string } | undefined {
  const path = endpoint.split(/[?#]/)[0] ?? "";
  const basic = /^\/?(?:hidden-)?basic-auth\/([^/]+)\/([^/]+)\/?$/.exec(path);
  const digest = /^\/?digest-auth\/[^/]+\/([^/]+)\/([^/]+)(?:\/[^/]+)?\/?$/.exec(path);
  const match = basic ?? digest;
  if (match === null) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return { auth: basic !== null ? "basic" : "digest", user: decode(match[1]!), password: decode(match[2]!) };
}

/**
 * The request a sandbox address names, or undefined when it names none. `?endpoint=…` alone (the
 * status pages' "open it in the full sandbox") is a GET with the scheme its path implies
 * (credentialsInPath: Basic for basic-auth/…, Digest for digest-auth/…) and otherwise none, so
 * "Send like a browser" can answer the challenge; an unknown method or auth type falls back to GET
 * and "none", and over-long values are cut.
 */
export function linkedRequest(search: string): LinkedRequest | undefined {
  const params = new URLSearchParams(search);
  const endpoint = params.get("endpoint")?.slice(0, linkLimits.endpoint) ?? "";
  if (endpoint === "") return undefined;
  const method = params.get("method")?.toUpperCase() ?? "GET";
  const implied = params.has("auth") ? undefined : credentialsInPath(endpoint);
  const auth = implied?.auth ?? authTypes.find((type) => type === params.get("auth")) ?? "none";
  const user = (params.get("user") ?? implied?.user)?.slice(0, linkLimits.user);
  return {
    method: (methods as readonly string[]).includes(method) ? method : "GET",
    endpoint,
    auth,
    ...((auth === "basic" || auth === "digest") && user !== undefined ? { user } : {}),
  };
}
