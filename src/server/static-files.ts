import type { Stats } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { relative, sep } from "node:path";
import { contentType } from "mime-types";
import send from "send";
import type { FileCache } from "./file-cache.ts";
import { plainResponse } from "./plain-response.ts";
import type { ResponseKind } from "./security-headers.ts";

/** A built site, served the way GitHub Pages serves it. */
export interface StaticSite {
  /** The built site's directory, absolute. */
  root: string;
  /** The base path, starting and ending with "/". */
  basePath: string;
  /** Files (relative to root, "/"-separated) with a gzip copy beside them as `<file>.gz` (precompress.ts). */
  gzipped: ReadonlySet<string>;
  /** Header fields every response of this kind carries (`npm start`: security-headers.ts; the Pages stand-in: none). */
  fieldsFor: (kind: ResponseKind) => Readonly<Record<string, string>>;
  /** Small files' bytes in memory (file-cache.ts; `npm start`), or none (the Pages stand-in). */
  fileCache?: FileCache;
}

/**
 * `send` for one file of the site. With a file cache, send still stats the file and decides
 * everything (validators, 304, 412, ranges, HEAD) from that stat; only when it comes to stream the
 * bytes, a file cached at exactly that stat is answered from memory (the range send chose) instead
 * of being opened and read.
 */
function sendFile(
  site: StaticSite,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  options: send.SendOptions,
): send.SendStream {
  const stream = send(request, path, options);
  const cache = site.fileCache;
  if (cache === undefined) return stream;
  let seen: Stats | undefined;
  stream.on("file", (_: string, stat: Stats) => (seen = stat));
  const fromDisk = stream.stream.bind(stream);
  stream.stream = (file: string, range: { start?: number; end?: number } = {}) => {
    const bytes = seen === undefined ? undefined : cache.bytes(file, seen);
    if (bytes === undefined) {
      fromDisk(file, range);
      return;
    }
    response.end(bytes.subarray(range.start ?? 0, (range.end ?? bytes.length - 1) + 1));
    stream.emit("end");
  };
  return stream;
}

/** send's options for the site's files: GitHub Pages' ten-minute cache, no dotfiles (the build marker). */
const fileOptions = { maxAge: 600_000, dotfiles: "ignore", index: false } as const;

/** Whether an Accept-Encoding value accepts gzip (RFC 9110 §12.5.3: `gzip;q=0` and `*;q=0` refuse it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  let wildcard: boolean | undefined;
  for (const member of acceptEncoding.split(",")) {
    const [coding = "", ...parameters] = member.split(";").map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith("q="));
    const acceptable = q === undefined || Number(q.slice(2)) > 0;
    if (coding === "gzip" || coding === "x-gzip") return acceptable;
    if (coding === "*") wildcard = acceptable;
  }
  return wildcard === true;
}

/** Drops the fields set for an earlier attempt (a failed file, a gzip copy) and sets those of `kind`. */
function startOver(site: StaticSite, response: ServerResponse, kind: ResponseKind): void {
  for (const name of response.getHeaderNames()) if (name !== "connection") response.removeHeader(name);
  for (const [name, value] of Object.entries(site.fieldsFor(kind))) response.setHeader(name, value);
}

function redirect(site: StaticSite, response: ServerResponse, location: string, head: boolean): void {
  startOver(site, response, "data");
  response.writeHead(301, { Location: location, "Content-Length": "0" });
  response.end(head ? undefined : "");
}

/** The site's 404.html with status 404, or a plain 404 when the site has none. */
function notFound(site: StaticSite, request: IncomingMessage, response: ServerResponse): void {
  startOver(site, response, "page");
  response.statusCode = 404;
  const page = sendFile(site, request, response, "/404.html", {
    root: site.root,
    etag: false,
    lastModified: false,
    cacheControl: false,
    acceptRanges: false,
  });
  page.on("error", () => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    startOver(site, response, "data");
    plainResponse(response, 404, "Nothing is published at this address.", { head: request.method === "HEAD" });
  });
  page.pipe(response);
}

/**
 * Answers a GET or HEAD for `pathname` (as the URL parser gives it, still percent-encoded) from a
 * built site under its base path, as GitHub Pages resolves it: no rewrites; `dir/` is served by
 * `dir/index.html`; a directory named without its slash is redirected (301) to its canonical path,
 * built from where it is on disk (never from the request, so never `//host`); anything else is
 * the site's 404.html with status 404.
 *
 * The files go through `send` (decisions/static-files.md): strong validators and 304 (RFC 9110
 * §8.8, §13), single ranges with 206/416 (§14), HEAD, content types from mime-types, no dotfiles,
 * and the file closed when the response ends or the client goes away. A `<file>.gz` made by
 * precompress.ts is sent instead, with `Content-Encoding: gzip`, to a client that accepts gzip.
 *
 * Errors stay with their response: a file gone between stat and open is a 404, an error before
 * the status line is sent is a 503 that asks to retry (too many open files), and one after it cuts
 * that connection only.
 */
export function serveStatic(
  site: StaticSite,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): void {
  const head = request.method === "HEAD";
  if (!pathname.startsWith(site.basePath)) {
    if (`${pathname}/` === site.basePath) redirect(site, response, site.basePath, head);
    else notFound(site, request, response);
    return;
  }
  const path = pathname.slice(site.basePath.length - 1);
  const file = path.endsWith("/") ? `${path}index.html` : path;
  let name: string | undefined;
  try {
    name = decodeURIComponent(file.slice(1));
  } catch {
    name = undefined;
  }
  const precompressed = name !== undefined && site.gzipped.has(name);
  const serve = (gzip: boolean) => {
    startOver(site, response, name?.endsWith(".html") === true ? "page" : "asset");
    if (precompressed) response.setHeader("Vary", "Accept-Encoding");
    if (gzip && name !== undefined) {
      response.setHeader(
        "Content-Type",
        contentType(name.slice(name.lastIndexOf("/") + 1)) || "application/octet-stream",
      );
      response.setHeader("Content-Encoding", "gzip");
    }
    const stream = sendFile(site, request, response, gzip ? `${file}.gz` : file, { ...fileOptions, root: site.root });
    stream.on("directory", (_: ServerResponse, directory: string) => {
      const segments = relative(site.root, directory)
        .split(sep)
        .filter((segment) => segment !== "");
      redirect(
        site,
        response,
        `${site.basePath}${segments.map((segment) => `${encodeURIComponent(segment)}/`).join("")}`,
        head,
      );
    });
    stream.on("error", (error: { status?: number }) => {
      const status = error.status ?? 500;
      if (response.headersSent) response.destroy();
      else if (status === 404 && gzip) serve(false);
      else if (status === 404) notFound(site, request, response);
      else if (status < 500) {
        const range = response.getHeader("Content-Range");
        startOver(site, response, "data");
        const sentence =
          status === 416
            ? "The requested range is not within this file: ask for bytes within its Content-Range length."
            : "This path cannot be served: ask for a file of the site.";
        plainResponse(response, status, sentence, {
          head,
          headers: range === undefined ? {} : { "Content-Range": String(range) },
        });
      } else {
        // EMFILE, EIO…: the server's trouble, not the request's; the client may try again.
        startOver(site, response, "data");
        plainResponse(response, 503, "The server cannot open this file right now. Try again in a moment.", {
          head,
          headers: { "Retry-After": "1" },
        });
      }
    });
    stream.pipe(response);
  };
  serve(precompressed && acceptsGzip(request.headers["accept-encoding"]));
}
