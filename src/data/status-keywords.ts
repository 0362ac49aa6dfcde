/**
 * The words people type when they look for a code but do not know its number or reason phrase:
 * what they are doing ("login", "upload"), what they saw ("timeout", "rate limit"), or the header
 * field involved. The explorer's filter matches these besides the code's own names and summary.
 * Each entry is what the code's page (and the RFC section it cites) is about, never a guess:
 * "cache" lists 304 (RFC 9110 §15.4.5), 504 (only-if-cached, RFC 9111 §5.2.1.7), 226 (delta
 * encoding, RFC 3229) and the other codes "heuristically cacheable" by default (RFC 9110 §15.1:
 * 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501), whose pages say so, but not 200, which
 * would then top every list; "redirect" every 3xx that
 * sends the client elsewhere (RFC 9110 §15.4); "auth" the codes of an authentication or
 * authorization exchange (RFC 9110 §11, RFC 6585 §6); "limit" the codes a server's limits produce
 * (rate, size, length, header fields).
 */
export const statusKeywords: Readonly<Record<number, readonly string[]>> = {
  100: ["expect", "upload"],
  101: ["websocket", "upgrade", "switch protocol"],
  103: ["preload", "link header"],
  200: ["success", "ok"],
  201: ["created", "post", "new resource", "location"],
  202: ["async", "queued", "background job"],
  203: ["cache", "proxy", "transformed"],
  204: ["empty", "no body", "cache"],
  206: ["range", "partial", "resume download", "video", "cache"],
  226: ["cache", "delta encoding"],
  300: ["redirect", "multiple choices", "cache"],
  301: ["redirect", "moved", "seo", "cache"],
  302: ["redirect", "temporary"],
  303: ["redirect", "post redirect get"],
  304: ["cache", "etag", "if-none-match", "if-modified-since", "conditional"],
  307: ["redirect", "temporary"],
  308: ["redirect", "permanent", "cache"],
  400: ["malformed", "invalid", "syntax"],
  401: ["login", "log in", "sign in", "auth", "authentication", "credentials", "password", "token", "www-authenticate"],
  402: ["payment", "paywall"],
  403: ["forbidden", "permission", "access denied", "auth", "authorization", "not allowed"],
  404: ["not found", "missing", "broken link", "dead link", "cache"],
  405: ["wrong method", "allow", "cache"],
  406: ["content negotiation", "accept"],
  407: ["proxy", "login", "auth", "credentials", "proxy-authenticate"],
  408: ["timeout", "timed out", "slow client"],
  409: ["conflict", "duplicate", "edit conflict"],
  410: ["gone", "deleted", "removed", "cache"],
  412: ["precondition", "etag", "if-match", "lost update"],
  413: ["too large", "upload size", "file too big", "body size", "size limit"],
  414: ["url too long", "uri too long", "length limit", "cache"],
  415: ["content-type", "media type", "unsupported format"],
  416: ["range"],
  418: ["teapot", "coffee", "joke"],
  421: ["tls", "sni", "wrong server"],
  422: ["validation", "invalid"],
  425: ["early data", "0-rtt", "tls"],
  426: ["upgrade"],
  428: ["precondition", "if-match", "lost update"],
  429: ["rate limit", "throttle", "too many", "quota", "retry-after"],
  431: ["headers too large", "cookie too large", "header limit"],
  451: ["censorship", "legal", "blocked"],
  444: ["nginx", "no response", "drop connection"],
  499: ["nginx", "client closed", "cancelled"],
  500: ["server error", "crash", "bug", "exception"],
  501: ["unsupported method", "cache"],
  502: ["proxy", "upstream", "load balancer"],
  503: ["down", "maintenance", "overloaded", "unavailable", "retry-after"],
  504: ["timeout", "timed out", "upstream", "proxy", "cache", "only-if-cached"],
  505: ["http version"],
  511: ["captive portal", "wifi", "hotspot", "login", "auth", "authentication"],
  522: ["timeout", "timed out"],
  524: ["timeout", "timed out"],
  525: ["ssl", "tls", "handshake"],
  526: ["ssl", "tls", "certificate"],
};
