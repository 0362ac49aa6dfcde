import type { IncomingMessage } from "node:http";

/**
 * A Host value we are willing to put into a URL: reg-name, IPv4 or [IPv6], and a port (RFC 9110
 * §7.2); a DNS name has at most 255 octets (RFC 1035 §2.3.4).
 */
const hostPattern = /^(?:[A-Za-z0-9\-._~]{1,255}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/** Whether a Host field's value is a host (and port) this server can answer for. */
export function isHostValue(value: string): boolean {
  return hostPattern.test(value);
}

/**
 * The absolute URL of a request, from its Host field and request-target (RFC 9112 §3.2–3.3):
 * origin-form (`/path?query`) is resolved against `http://<Host>`, absolute-form is used as it
 * is, unless it carries userinfo. A Host that is not a host falls back to `fallbackHost` (the address we listen on). Returns
 * undefined for targets a server of files and an API cannot answer (asterisk-form, authority-form,
 * `//path`), so the caller can answer 400.
 */
export function requestUrl(hostField: string | undefined, target: string, fallbackHost: string): string | undefined {
  const host = hostField !== undefined && isHostValue(hostField) ? hostField : fallbackHost;
  if (target.startsWith("/") && !target.startsWith("//")) {
    try {
      return new URL(`http://${host}${target}`).href;
    } catch {
      return undefined;
    }
  }
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      // userinfo in a request-target is an error (RFC 9110 §4.2.4), and fetch refuses it.
      return url.username === "" && url.password === "" ? url.href : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A Web Request for a Node request whose body has been read: the header fields in the order they
 * came, repeated ones appended (fetch joins them with ", ", as RFC 9110 §5.3 allows), and the body
 * for any method that may carry one. `method` replaces the request's own (a HEAD asked as GET).
 */
export function toWebRequest(
  message: IncomingMessage,
  url: string,
  body: Uint8Array<ArrayBuffer>,
  method = message.method ?? "GET",
): Request {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] ?? "", raw[i + 1] ?? "");
    } catch {
      // Node's parser already refused invalid field names; a value fetch refuses is dropped.
    }
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, { method, headers, ...(hasBody ? { body } : {}) });
}
