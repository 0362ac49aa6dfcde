import { toCurl, toFetch, toPhp, toPython, type CodegenOptions, type HttpRequestRecord } from "../http/index.ts";
import { apiRoot, type DigestComputation } from "../sandbox/index.ts";
import type { CodeLanguage } from "./highlight.ts";

// What "copy as" writes: loaded by the panel (copy-as-view.ts) when it first has a request to show,
// so the code generators stay out of the sandbox's first load.

/** The four ways "copy as" writes a request, in tab order. */
export const codeFormats = [
  { id: "curl", label: "curl", language: "shellscript", generate: toCurl },
  { id: "fetch", label: "fetch", language: "javascript", generate: toFetch },
  { id: "python", label: "Python", language: "python", generate: toPython },
  { id: "php", label: "PHP", language: "php", generate: toPhp },
] as const satisfies ReadonlyArray<{
  id: string;
  label: string;
  language: CodeLanguage;
  generate: (request: HttpRequestRecord, options?: CodegenOptions) => string;
}>;

export type FormatId = (typeof codeFormats)[number]["id"];

/** A live server's address, read: its origin and the base path it serves (npm start's BASE_PATH). */
export type LiveServer = { origin: string; base: string };

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
  const generator = codeFormats.find((candidate) => candidate.id === format) ?? codeFormats[0];
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
