import { encodeBasic, isToken, type HttpRequestRecord } from "../http/index.ts";

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

export type BuildResult = { ok: true; record: HttpRequestRecord } | { ok: false; message: string };

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
export function parseHeaderLines(
  text: string,
): { ok: true; headers: Array<[string, string]> } | { ok: false; message: string } {
  const headers: Array<[string, string]> = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const where = `Line ${index + 1} of the extra headers`;
    if (/^[ \t]/.test(line)) {
      return {
        ok: false,
        message: `${where} starts with white space, which would fold it into the previous field; HTTP no longer allows that (RFC 9112 §5.2). Put each field on one line.`,
      };
    }
    const colon = line.indexOf(":");
    if (colon < 0) return { ok: false, message: `${where} has no colon. Write it as Name: value.` };
    const name = line.slice(0, colon).trim();
    if (!isToken(name)) {
      return {
        ok: false,
        message: `${where} has the name “${name}”, which is not a field name: use letters, digits and - only (RFC 9110 §5.1).`,
      };
    }
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { ok: true, headers };
}

/** The endpoint's absolute URL under `<apiRoot>`; a leading "/" or "api/" typed by the reader is dropped. */
export function endpointUrl(apiRoot: string, endpoint: string, origin: string): URL {
  const relative = endpoint
    .trim()
    .replace(/^\/+/, "")
    .replace(/^api\//, "");
  return new URL(`${apiRoot}${relative}`, origin);
}

/**
 * The Authorization value for Basic, Bearer or a raw value (RFC 7617 §2, RFC 6750 §2.1), or a
 * sentence saying why it cannot be sent. Digest needs a challenge: see follow-challenge.ts.
 */
export function simpleAuthorization(
  auth: AuthDraft,
): { ok: true; value: string | undefined } | { ok: false; message: string } {
  switch (auth.type) {
    case "none":
    case "digest":
      return { ok: true, value: undefined };
    case "basic":
      try {
        return { ok: true, value: encodeBasic(auth.user, auth.password) };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    case "bearer": {
      if (auth.token === "") return { ok: false, message: "Enter a token, or pick one of the demo tokens." };
      const problem = headerValueProblem("The token", auth.token);
      return problem === undefined ? { ok: true, value: `Bearer ${auth.token}` } : { ok: false, message: problem };
    }
    case "raw": {
      if (auth.value === "")
        return { ok: false, message: "Enter an Authorization value, or choose “None” to send no credentials." };
      const problem = headerValueProblem("The Authorization value", auth.value);
      return problem === undefined ? { ok: true, value: auth.value } : { ok: false, message: problem };
    }
  }
}

/**
 * Builds the request record exactly as drafted: method, URL under the API root, the extra header
 * fields, the Authorization value when one is given, and the body (not for GET and HEAD, which
 * fetch cannot send). Every value is checked first, so the reader gets a sentence rather than
 * fetch's TypeError.
 */
export function buildRequest(
  draft: RequestDraft,
  apiRoot: string,
  origin: string,
  authorization?: string,
): BuildResult {
  const method = draft.method.trim().toUpperCase() || "GET";
  if (!isToken(method))
    return {
      ok: false,
      message: `“${draft.method}” is not a method name (RFC 9110 §9.1): use letters only, such as GET.`,
    };
  if (["CONNECT", "TRACE", "TRACK"].includes(method)) {
    return {
      ok: false,
      message: `Browsers refuse to send ${method} from a page (the Fetch standard forbids it). Pick another method.`,
    };
  }
  let url: URL;
  try {
    url = endpointUrl(apiRoot, draft.endpoint, origin);
  } catch {
    return { ok: false, message: "The endpoint is not a valid path. Remove spaces or stray characters." };
  }
  if (!url.pathname.startsWith(new URL(apiRoot, origin).pathname)) {
    return {
      ok: false,
      message: "The endpoint leaves the sandbox API (a “..” in the path?). Use a path under api/, such as status/404.",
    };
  }
  const headers: Array<[string, string]> = [];
  for (const [name, value] of draft.headers) {
    const forbidden = forbiddenHeaderProblem(name);
    if (forbidden !== undefined) return { ok: false, message: forbidden };
    const problem = headerValueProblem(`The ${name} header`, value);
    if (problem !== undefined) return { ok: false, message: problem };
    headers.push([name, value]);
  }
  if (authorization !== undefined) {
    const problem = headerValueProblem("The Authorization value", authorization);
    if (problem !== undefined) return { ok: false, message: problem };
    headers.push(["Authorization", authorization]);
  }
  const record: HttpRequestRecord = { method, url: url.href, headers };
  if (draft.body !== "" && method !== "GET" && method !== "HEAD") record.body = draft.body;
  return { ok: true, record };
}
