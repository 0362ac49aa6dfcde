import type { LessonStep } from "../content/lesson-schema.ts";
import { failure, isToken, type HttpRequestRecord, type Result } from "../http/index.ts";
import { apiPath, apiRoot } from "../site-config.ts";
import { isOAuthWellKnownPath } from "./scenarios/oauth/oauth-paths.ts";

/** How the reader asked the request to authenticate (the sandbox's auth panel). */
export type AuthDraft =
  | { type: "none" }
  | { type: "basic"; user: string; password: string }
  | { type: "bearer"; token: string }
  | { type: "digest"; user: string; password: string }
  | { type: "raw"; value: string };

/** The request builder's content, before anything is encoded. */
export interface RequestDraft {
  method: string;
  /** Path (and query) relative to `<base>api/`, e.g. "basic-auth/user/passwd". */
  endpoint: string;
  auth: AuthDraft;
  /** Extra header fields, in order. */
  headers: Array<[string, string]>;
  body: string;
}

export type BuildResult = Result<{ record: HttpRequestRecord }>;

/** What a header field may carry: Latin-1 text, no CR, LF or NUL (RFC 9110 §5.5). */
export function headerValueProblem(label: string, value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0d || code === 0x0a) {
      return `${label} contains a line break. A header field is one line: a CR or LF would end it and start another field (RFC 9110 §5.5). Remove the line break.`;
    }
    if (code === 0x00)
      return `${label} contains a NUL character, which no header field may carry (RFC 9110 §5.5). Remove it.`;
    if (code > 0xff) {
      const char = String.fromCodePoint(value.codePointAt(i) ?? code);
      const hex = (value.codePointAt(i) ?? code).toString(16).toUpperCase().padStart(4, "0");
      return `${label} contains “${char}” (U+${hex}), which is outside Latin-1: header fields carry bytes, and browsers refuse to send other characters (RFC 9110 §5.5). Remove it, or encode it first (percent-encoding or base64).`;
    }
  }
  return undefined;
}

/** Request fields a page may not set: fetch drops them silently (Fetch standard, "forbidden request-header"). */
const forbiddenNames = new Set(
  "accept-charset accept-encoding access-control-request-headers access-control-request-method connection content-length cookie cookie2 date dnt expect host keep-alive origin referer set-cookie te trailer transfer-encoding upgrade via".split(
    " ",
  ),
);

/** A sentence when a page cannot send this field name, because the browser would drop or refuse it. */
export function forbiddenHeaderProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (forbiddenNames.has(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
    return `A page cannot set ${name}: the browser controls that field and would silently drop it (Fetch standard, forbidden request-header). The sandbox sends only what you see, so remove it.`;
  }
  return undefined;
}

/**
 * Reads the extra-headers box: one `Name: value` per line, blank lines ignored. A line that starts
 * with white space would be an obsolete line folding (RFC 9112 §5.2) and is refused, as is a name
 * that is not a token (RFC 9110 §5.1).
 */
export function parseHeaderLines(text: string): Result<{ headers: Array<[string, string]> }> {
  const headers: Array<[string, string]> = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const where = `Line ${index + 1} of the extra headers`;
    if (/^[ \t]/.test(line)) {
      return failure(
        `${where} starts with white space, which would fold it into the previous field; HTTP no longer allows that (RFC 9112 §5.2). Put each field on one line.`,
      );
    }
    const colon = line.indexOf(":");
    if (colon < 0) return failure(`${where} has no colon. Write it as Name: value.`);
    const name = line.slice(0, colon).trim();
    if (!isToken(name)) {
      return failure(
        `${where} has the name “${name}”, which is not a field name: use letters, digits and - only (RFC 9110 §5.1).`,
      );
    }
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { ok: true, headers };
}

/**
 * The endpoint's absolute URL under `<base>api/`; a leading "/" or "api/" typed by the reader is
 * dropped. An absolute http(s) URL (one a response named, such as a challenge's
 * resource_metadata) is taken as it is, and buildRequest decides whether the sandbox may send there.
 */
export function endpointUrl(base: string, endpoint: string, origin: string): URL {
  const trimmed = endpoint.trim();
  if (/^https?:\/\//i.test(trimmed)) return new URL(trimmed);
  return new URL(apiPath(base, endpoint), origin);
}

/**
 * Builds the request record exactly as drafted: method, URL under the API root, the extra header
 * fields, the Authorization value when one is given, and the body (not for GET and HEAD, which
 * fetch cannot send). Every value is checked first, so the reader gets a sentence rather than
 * fetch's TypeError.
 */
export function buildRequest(draft: RequestDraft, base: string, origin: string, authorization?: string): BuildResult {
  const method = draft.method.trim().toUpperCase() || "GET";
  if (!isToken(method))
    return failure(`“${draft.method}” is not a method name (RFC 9110 §9.1): use letters only, such as GET.`);
  if (["CONNECT", "TRACE", "TRACK"].includes(method)) {
    return failure(
      `Browsers refuse to send ${method} from a page (the Fetch standard forbids it). Pick another method.`,
    );
  }
  let url: URL;
  try {
    url = endpointUrl(base, draft.endpoint, origin);
  } catch {
    return failure("The endpoint is not a valid path. Remove spaces or stray characters.");
  }
  if (!isSandboxUrl(base, url, origin)) {
    return failure(
      "The endpoint leaves the sandbox API (a “..” in the path, or another site?). Use a path under api/, such as status/404.",
    );
  }
  const headers: Array<[string, string]> = [];
  for (const [name, value] of draft.headers) {
    const forbidden = forbiddenHeaderProblem(name);
    if (forbidden !== undefined) return failure(forbidden);
    const problem = headerValueProblem(`The ${name} header`, value);
    if (problem !== undefined) return failure(problem);
    headers.push([name, value]);
  }
  if (authorization !== undefined) {
    const problem = headerValueProblem("The Authorization value", authorization);
    if (problem !== undefined) return failure(problem);
    headers.push(["Authorization", authorization]);
  }
  const record: HttpRequestRecord = { method, url: url.href, headers };
  if (draft.body !== "" && method !== "GET" && method !== "HEAD") record.body = draft.body;
  return { ok: true, record };
}

/** True when a URL is on the page's origin and under `<base>api/`: the only place the sandbox sends to. */
export function isUnderApi(base: string, url: URL, origin: string): boolean {
  const root = new URL(apiRoot(base), origin);
  return url.origin === root.origin && url.pathname.startsWith(root.pathname);
}

/**
 * True for the places the sandbox answers: under `<base>api/`, and its OAuth metadata at the
 * origin's well-known URLs (RFC 8414 §3.1, RFC 9728 §3.1, OpenID Connect discovery), which sit outside any base path.
 */
export function isSandboxUrl(base: string, url: URL, origin: string): boolean {
  return isUnderApi(base, url, origin) || (url.origin === new URL(origin).origin && isOAuthWellKnownPath(url.pathname));
}

/** The draft's endpoint for a URL under `<base>api/` (the inverse of endpointUrl). */
export function endpointOf(base: string, url: URL, origin: string): string {
  return `${url.pathname}${url.search}`.slice(new URL(apiRoot(base), origin).pathname.length);
}

/** How a lesson step authenticates (src/content/lesson-schema.ts): a draft's, or a replay of the last value sent. */
export type StepAuth = LessonStep["request"]["auth"];

/** What a draft needs of a workshop lesson's request (src/content/lesson-schema.ts); `path` is relative to `<base>api/`. */
export type StepRequest = Pick<LessonStep["request"], "method" | "path" | "auth" | "headers">;

/**
 * A lesson step as a draft for the sandbox client: the same request the builder would make. A
 * replay repeats the last Authorization value sent byte for byte, which a Digest server must
 * refuse (the nonce count is reused, RFC 7616 §3.4).
 */
export function stepDraft(step: StepRequest, lastAuthorization: string | undefined): Result<{ draft: RequestDraft }> {
  let auth: AuthDraft;
  if (step.auth.type !== "replay") auth = step.auth;
  else if (lastAuthorization === undefined)
    return failure("There is no earlier Authorization header in this lesson to replay: run the previous step first.");
  else auth = { type: "raw", value: lastAuthorization };
  return { ok: true, draft: { method: step.method, endpoint: step.path, auth, headers: [...step.headers], body: "" } };
}
