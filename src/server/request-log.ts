/**
 * Query parameters whose values a log line may show: names this site's own pages and the sandbox
 * use for navigation and for errors it made itself. Every other value is replaced by `[redacted]`,
 * since a log cannot prove a value harmless (a `jwt`, an `otp`, a `pwd`, a `dpop` proof, an
 * `access_token`, RFC 6750 §2.3, an OAuth `code`, a `state`): an allow-list, not a deny-list
 * (decisions/live-server-limits.md).
 */
export const shownParameters: ReadonlySet<string> = new Set([
  "q",
  "page",
  "lang",
  "step",
  "endpoint",
  "method",
  "status",
  "format",
  "error",
  "response_type",
  "code_challenge_method",
  "scope",
]);

/** The longest target a log line shows; the rest is counted, not printed. */
const shownLength = 200;

/** A path with what follows `;` in each segment (matrix parameters, `;jsessionid=`, `;access_token=`) redacted. */
const withoutSegmentParameters = (path: string) => path.replace(/;[^/]*/g, ";[redacted]");

function shownQuery(url: URL): string {
  if (url.search === "") return "";
  const pairs = [...url.searchParams].map(
    ([name, value]) =>
      `${encodeURIComponent(name)}=${shownParameters.has(name) ? encodeURIComponent(value) : "[redacted]"}`,
  );
  return `?${pairs.join("&")}`;
}

/**
 * CONNECT's authority-form target (RFC 9112 §3.2.3) as a log may show it: `host:port` with any
 * userinfo gone; anything that is not a host and port is not shown.
 */
function shownAuthority(target: string): string {
  const authority = target.slice(target.lastIndexOf("@") + 1);
  return /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}$/.test(authority)
    ? authority
    : "[not a host and port]";
}

/**
 * A request-target as a log line may show it: the path (with `;` parameters redacted) and the
 * query with only allow-listed values (shownParameters), no userinfo (absolute-form
 * `http://user:pass@host/`), nothing after `?` when the target does not parse, CONNECT's
 * authority without userinfo, control characters escaped, and at most 200 characters.
 * Authorization and Cookie are never logged at all.
 */
export function loggedTarget(target: string, method = "GET"): string {
  let shown: string;
  if (method.toUpperCase() === "CONNECT") shown = shownAuthority(target);
  else {
    let url: URL | undefined;
    try {
      url = new URL(target, "http://target.invalid");
    } catch {
      url = undefined;
    }
    if (url !== undefined) {
      const absolute = !target.startsWith("/");
      const origin = absolute ? `${url.protocol}//${url.host}` : "";
      shown = `${origin}${withoutSegmentParameters(url.pathname)}${shownQuery(url)}`;
    } else {
      const [beforeQuery = "", ...query] = target.split("?");
      const withoutUser = beforeQuery.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, "$1[redacted]@");
      shown = `${withoutSegmentParameters(withoutUser)}${query.length > 0 ? "?[redacted]" : ""}`;
    }
  }
  shown = shown.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return shown.length > shownLength ? `${shown.slice(0, shownLength)}… (${target.length} characters)` : shown;
}

/** One line per answered request: method, target (see loggedTarget), status, and time taken. */
export function requestLogLine(method: string, target: string, status: number, milliseconds: number): string {
  return `${method.slice(0, 20)} ${loggedTarget(target, method)} ${status} ${milliseconds.toFixed(1)} ms`;
}
