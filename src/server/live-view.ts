/**
 * The live view of `npm start` (`<base>live/`, decisions/mcp-endpoint.md): the exchanges the
 * server's API answers for any client (curl, an MCP client, a student's script), redacted
 * (live-redaction.ts) and linted as the sandbox lints its own (src/http), kept in a bounded list
 * and read by the page by polling `<base>live/feed?after=<id>`. answer-api.ts records each
 * exchange after the handlers answered, from the content it already read and a copy of the answer.
 *
 * Who may see it: every exchange of every client is in it, so when other machines can reach the
 * server (LAN mode) only a viewer on this machine sees it (a loopback peer that also names the
 * server by a loopback name), unless the instructor starts the server with `--live-view`
 * (LIVE_VIEW=on). Anyone else gets a 403 with the sentence that says how to turn it on. On any
 * server, a request whose Host is not one of the server's names (a DNS-rebound page) gets a 403.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { lintRequest, lintResponse, shorten, type Exchange, type Finding } from "../http/index.ts";
import { sitePath } from "../site-config.ts";
import { redactBody, redactField, scrubText, secretsOf } from "./live-redaction.ts";
import { isLoopbackHostField } from "./probe-access.ts";
import { plainResponse } from "./plain-response.ts";
import { loggedTarget } from "./request-log.ts";
import { fieldName } from "./response-fields.ts";
import { isLoopbackHost } from "./served-urls.ts";

/** One exchange of the feed: what the sandbox's log entry holds (src/sandbox exchange-store.ts), redacted. */
export interface LiveEntry {
  id: number;
  label: string;
  exchange: Exchange;
  findings: { request: Finding[]; response: Finding[] };
}

/** The feed keeps this many exchanges; older ones drop off. */
export const maxLiveEntries = 100;
/** Of each body, the feed keeps this many characters. */
export const maxLiveBodyChars = 8_192;
/** The feed waits this long for a body to end before showing what came. */
const maxBodyWaitMs = 5_000;

export const liveViewPath = (basePath: string) => sitePath(basePath, "live/");
export const liveFeedPath = (basePath: string) => sitePath(basePath, "live/feed");

/** The sentence of the 403 a viewer gets on a LAN server without --live-view. */
export const liveViewOffSentence =
  "The live view shows every exchange this server answers, so on a LAN it is shown only on the machine that runs npm start (open it there as http://localhost:<port>/). To show it to other machines too (a projector, the students' laptops), restart the server with npm start -- --live-view (or LIVE_VIEW=on).";

/** A body's text as the feed keeps it: at most maxLiveBodyChars characters, and a note where it was cut. */
const cut = (text: string) =>
  text.length > maxLiveBodyChars
    ? `${text.slice(0, maxLiveBodyChars)}\n… (cut: the live view keeps ${maxLiveBodyChars} characters of a body)`
    : text;

/** Up to `max` characters of a body, read without holding more than that (a stream is cancelled there). */
async function boundedText(message: Request | Response, max: number): Promise<string> {
  const reader = message.body?.getReader();
  if (reader === undefined) return "";
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  // A body that has not ended within the time is shown as far as it came (a stream must not hold the feed).
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), maxBodyWaitMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      text += decoder.decode(value, { stream: true });
      if (text.length > max) {
        await reader.cancel();
        return cut(text);
      }
    }
  } catch {
    return `${text}\n… (the body ended early after ${total} bytes)`;
  } finally {
    clearTimeout(timer);
  }
  return text + decoder.decode();
}

/** The client's name for itself: the first product of its User-Agent (RFC 9110 §10.1.5), or "a client". */
function clientLabel(request: Request): string {
  const product = request.headers.get("user-agent")?.trim().split(/\s+/)[0] ?? "";
  return product === "" ? "a client" : shorten(product, 40);
}

/** How long after the last read of the feed the server keeps recording. */
export const liveWatchMs = 10 * 60_000;

/**
 * The recorded exchanges. Recording costs a copy, the lints and the redaction of every answer, so
 * it runs only while someone watches: from the first read of the feed until `liveWatchMs` after
 * the last (a keynote room with no live view open pays nothing).
 */
export class LiveFeed {
  readonly #entries: LiveEntry[] = [];
  readonly #now: () => number;
  #watchedUntil = Number.NEGATIVE_INFINITY;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The newest id given to an exchange (0 before the first): a page that has seen more is from before a restart. */
  latest(): number {
    return this.#nextId - 1;
  }

  /** Whether a viewer read the feed recently enough for exchanges to be recorded. */
  watching(): boolean {
    return this.#now() < this.#watchedUntil;
  }
  /** Ids taken by exchanges whose bodies are still being read: the feed shows none after the first of them. */
  readonly #pending = new Set<number>();
  #nextId = 1;

  /** Records one exchange: linted as it was, kept as the live view may show it. */
  /** `request` for its method, URL and fields; `content` its body, as read once (withLiveRecording). */
  async record(request: Request, content: Uint8Array | null, response: Response, durationMs: number): Promise<void> {
    const id = this.#nextId++;
    this.#pending.add(id);
    try {
      this.#keep(await this.#entry(id, request, content, response, durationMs));
    } finally {
      this.#pending.delete(id);
    }
  }

  #keep(entry: LiveEntry): void {
    this.#entries.push(entry);
    this.#entries.sort((a, b) => a.id - b.id);
    if (this.#entries.length > maxLiveEntries) this.#entries.splice(0, this.#entries.length - maxLiveEntries);
  }

  /**
   * The kept entries newer than `after`, oldest first, up to the first exchange still being
   * recorded: a reader that asks from the newest id it saw never misses one that finishes late.
   * Reading is watching: the exchanges of the next `liveWatchMs` are recorded.
   */
  after(after: number): LiveEntry[] {
    this.#watchedUntil = this.#now() + liveWatchMs;
    const unfinished = Math.min(...this.#pending);
    return this.#entries.filter((entry) => entry.id > after && entry.id < unfinished);
  }

  /** The exchange as the feed shows it. */
  async #entry(
    id: number,
    request: Request,
    content: Uint8Array | null,
    response: Response,
    durationMs: number,
  ): Promise<LiveEntry> {
    const requestHeaders: Array<[string, string]> = [...request.headers].map(([n, v]) => [fieldName(n), v]);
    const responseHeaders: Array<[string, string]> = [...response.headers].map(([n, v]) => [fieldName(n), v]);
    const requestBody =
      content === null ? "" : cut(new TextDecoder().decode(content.subarray(0, maxLiveBodyChars * 4)));
    const responseBody = await boundedText(response, maxLiveBodyChars);
    const findings = {
      request: lintRequest({ headers: requestHeaders }),
      response: lintResponse({ status: response.status, headers: responseHeaders }),
    };
    const secrets = secretsOf(requestHeaders);
    const url = new URL(request.url);
    const scrubFinding = (finding: Finding): Finding => ({ ...finding, message: scrubText(finding.message, secrets) });
    return {
      id,
      label: clientLabel(request),
      exchange: {
        request: {
          method: request.method,
          url: `${url.origin}${loggedTarget(`${url.pathname}${url.search}`)}`,
          headers: requestHeaders.map(([name, value]) => [name, redactField(name, value, secrets)]),
          body: redactBody(requestBody, request.headers.get("content-type"), secrets),
        },
        response: {
          status: response.status,
          statusText: response.statusText,
          headers: responseHeaders.map(([name, value]) => [name, redactField(name, value, secrets)]),
          body: redactBody(responseBody, response.headers.get("content-type"), secrets),
        },
        durationMs,
      },
      findings: { request: findings.request.map(scrubFinding), response: findings.response.map(scrubFinding) },
    };
  }
}

/** The 403's sentence for a Host that is not one of this server's names, on any server. */
const notOurNameSentence =
  "The live view answers only a request that names this server (its Host is another name: a page rebound to this address by DNS sends its own). Open it as http://localhost:<port>/ or by the address the instructor gave.";

/** Whether this viewer may see the live view: see the module's comment. */
export function mayView(message: IncomingMessage, options: { lan: boolean; open: boolean }): boolean {
  if (!options.lan || options.open) return true;
  const peer = message.socket.remoteAddress ?? "";
  return isLoopbackHost(peer.replace(/^::ffff:/, "")) && isLoopbackHostField(message.headers.host);
}

/**
 * Answers `<base>live/…` for a viewer who may not see it (403 and how to turn it on), and the feed
 * for one who may; returns false for the page itself, which is a file of the site.
 */
export function answerLiveView(
  message: IncomingMessage,
  out: ServerResponse,
  url: URL,
  options: { basePath: string; lan: boolean; open: boolean; feed: LiveFeed; isOwnHost: (host: string) => boolean },
): boolean {
  const head = message.method === "HEAD";
  // On loopback too, where other names are answered (answer-request.ts): the feed is never read by another site's page.
  const host = message.headers.host;
  if (host === undefined || !options.isOwnHost(host)) {
    plainResponse(out, 403, notOurNameSentence, { head, headers: { "Cache-Control": "no-store" } });
    return true;
  }
  if (!mayView(message, options)) {
    plainResponse(out, 403, liveViewOffSentence, { head, headers: { "Cache-Control": "no-store" } });
    return true;
  }
  if (url.pathname !== liveFeedPath(options.basePath)) return false;
  if (message.method !== "GET" && !head) {
    plainResponse(out, 405, "The live view's feed is read with GET.", { headers: { Allow: "GET, HEAD" } });
    return true;
  }
  const after = Number(url.searchParams.get("after") ?? "0");
  const entries = options.feed.after(Number.isSafeInteger(after) ? after : 0);
  const text = JSON.stringify({ kept: maxLiveEntries, latest: options.feed.latest(), entries });
  out.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "Cache-Control": "no-store",
  });
  out.end(head ? undefined : text);
  return true;
}
