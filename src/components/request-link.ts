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
 * The request a sandbox address names, or undefined when it names none. `?endpoint=…` alone (the
 * status pages' "open it in the full sandbox") is a GET without credentials; an unknown method or
 * auth type falls back to GET and "none", and over-long values are cut.
 */
export function linkedRequest(search: string): LinkedRequest | undefined {
  const params = new URLSearchParams(search);
  const endpoint = params.get("endpoint")?.slice(0, linkLimits.endpoint) ?? "";
  if (endpoint === "") return undefined;
  const method = params.get("method")?.toUpperCase() ?? "GET";
  const auth = authTypes.find((type) => type === params.get("auth")) ?? "none";
  const user = params.get("user")?.slice(0, linkLimits.user);
  return {
    method: (methods as readonly string[]).includes(method) ? method : "GET",
    endpoint,
    auth,
    ...((auth === "basic" || auth === "digest") && user !== undefined ? { user } : {}),
  };
}
