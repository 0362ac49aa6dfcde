/** Query parameters whose values are credentials or secrets (OAuth 2.0 RFC 6750 §2.3, signed URLs, API keys). */
const secretName = /token|pass|secret|key|auth|code|sig|session|cred/i;

/** The longest target a log line shows; the rest is counted, not printed. */
const shownLength = 200;

/**
 * A request-target as a log line may show it: the path and the query with the value of any
 * parameter that looks like a credential (access_token, password, api_key, code, signature…)
 * replaced by `[redacted]`, no userinfo (absolute-form `http://user:pass@host/`), control
 * characters escaped, and at most 200 characters. Authorization and Cookie are never logged at all.
 */
export function loggedTarget(target: string): string {
  let shown = target;
  let url: URL | undefined;
  try {
    url = new URL(target, "http://target.invalid");
  } catch {
    url = undefined;
  }
  if (url !== undefined) {
    const absolute = !target.startsWith("/");
    const origin = absolute ? `${url.protocol}//${url.host}` : "";
    const query = [...url.searchParams.keys()].some((name) => secretName.test(name))
      ? `?${[...url.searchParams].map(([name, value]) => `${encodeURIComponent(name)}=${secretName.test(name) ? "[redacted]" : encodeURIComponent(value)}`).join("&")}`
      : url.search;
    shown = `${origin}${url.pathname}${query}`;
  } else if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(target)) {
    shown = target.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, "$1[redacted]@");
  }

  shown = shown.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return shown.length > shownLength ? `${shown.slice(0, shownLength)}… (${target.length} characters)` : shown;
}

/** One line per answered request: method, target (see loggedTarget), status, and time taken. */
export function requestLogLine(method: string, target: string, status: number, milliseconds: number): string {
  return `${method.slice(0, 20)} ${loggedTarget(target)} ${status} ${milliseconds.toFixed(1)} ms`;
}
