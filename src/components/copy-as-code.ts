import { toCurl, toFetch, toPhp, toPython, type CodegenOptions, type HttpRequestRecord } from "../http/index.ts";
import { apiRoot, type DigestComputation } from "../sandbox/index.ts";
import { copyAsFormats, type FormatId, type LiveServer } from "./copy-as-formats.ts";

// What "copy as" writes: loaded by the panel (copy-as-view.ts) when it first has a request to show,
// so the code generators stay out of the sandbox's first load.

const generators = { curl: toCurl, fetch: toFetch, python: toPython, php: toPhp } satisfies Record<
  FormatId,
  (request: HttpRequestRecord, options?: CodegenOptions) => string
>;

/** The four ways "copy as" writes a request, in tab order, each with its generator (src/http codegen). */
export const codeFormats = copyAsFormats.map((format) => ({ ...format, generate: generators[format.id] }));

/** One format with its generator; an unknown id is curl's. */
export function codeFormat(id: FormatId): (typeof codeFormats)[number] {
  const format = copyAsFormats.find((candidate) => candidate.id === id) ?? copyAsFormats[0];
  return { ...format, generate: generators[format.id] };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * The recorded request's URL moved from the page's API to the live server's: the same path under
 * `apiRoot` and the same query, never the page's own origin (on GitHub Pages its API does not exist).
 */
export function liveUrl(recorded: string, pageBase: string, server: LiveServer): string {
  let url: URL;
  try {
    url = new URL(recorded);
  } catch {
    return recorded;
  }
  const pageApi = apiRoot(pageBase);
  const rest = url.pathname.startsWith(pageApi) ? url.pathname.slice(pageApi.length) : url.pathname.replace(/^\/+/, "");
  return `${server.origin}${apiRoot(server.base)}${rest}${url.search}`;
}

/**
 * The code "copy as" shows for an exchange: the request sent to the live server, and for a Digest
 * answer the tool's own Digest support with the name and password the reader typed (RFC 7616
 * §3.4), never the recorded nonce, nc, cnonce and response, which no server would accept again.
 */
export function copyAsCode(
  format: FormatId,
  source: { exchange: { request: HttpRequestRecord }; digest?: DigestComputation | undefined },
  pageBase: string,
  server: LiveServer,
): string {
  const generator = codeFormat(format);
  const { request } = source.exchange;
  const digest =
    source.digest === undefined
      ? undefined
      : {
          user: source.digest.input.username,
          password: source.digest.input.password,
          ...optional("algorithm", source.digest.challenge.params["algorithm"]),
          ...optional("qop", source.digest.challenge.params["qop"]),
        };
  return generator.generate(request, { url: liveUrl(request.url, pageBase, server), digest });
}
