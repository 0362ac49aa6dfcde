import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
};

/** Where a request path leads in a static site, the way GitHub Pages resolves it. */
export type StaticResolution =
  | { kind: "file"; path: string; size: number }
  | { kind: "redirect"; location: string }
  | { kind: "not-found"; page: string | undefined };

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Resolves a request path against a built site under a base path, as GitHub Pages does: no
 * rewrites; a directory is served through its index.html, a directory named without its trailing
 * slash is redirected (301) to it, and anything else is a 404 answered with the site's 404.html.
 */
export async function resolveStatic(root: string, base: string, pathname: string): Promise<StaticResolution> {
  const notFound = async (): Promise<StaticResolution> => {
    const page = join(root, "404.html");
    return { kind: "not-found", page: (await fileSize(page)) === undefined ? undefined : page };
  };
  if (!pathname.startsWith(base)) {
    if (`${pathname}/` === base) return { kind: "redirect", location: base };
    return notFound();
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return notFound();
  }
  if (relative.includes("\0")) return notFound();
  const target = normalize(join(root, relative));
  if (target !== root && !target.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return notFound();
  if (pathname.endsWith("/")) {
    const index = join(target, "index.html");
    const size = await fileSize(index);
    return size === undefined ? notFound() : { kind: "file", path: index, size };
  }
  const size = await fileSize(target);
  if (size !== undefined) return { kind: "file", path: target, size };
  if (await isDirectory(target)) return { kind: "redirect", location: `${pathname}/` };
  return notFound();
}

/** Writes a resolution as an HTTP response (HEAD gets the headers only). */
export async function sendStatic(
  request: IncomingMessage,
  response: ServerResponse,
  resolution: StaticResolution,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const head = request.method === "HEAD";
  if (resolution.kind === "redirect") {
    response.writeHead(301, { Location: resolution.location, "Content-Length": "0", ...extraHeaders });
    response.end();
    return;
  }
  if (resolution.kind === "not-found") {
    const size = resolution.page === undefined ? undefined : await fileSize(resolution.page);
    if (resolution.page === undefined || size === undefined) {
      const body = "404 Not Found\n";
      response.writeHead(404, {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Length": Buffer.byteLength(body),
        ...extraHeaders,
      });
      response.end(head ? undefined : body);
      return;
    }
    response.writeHead(404, { "Content-Type": "text/html; charset=utf-8", "Content-Length": size, ...extraHeaders });
    if (head) response.end();
    else createReadStream(resolution.page).pipe(response);
    return;
  }
  const type = contentTypes[extname(resolution.path).toLowerCase()] ?? "application/octet-stream";
  response.writeHead(200, {
    "Content-Type": type,
    "Content-Length": resolution.size,
    "Cache-Control": "max-age=600",
    ...extraHeaders,
  });
  if (head) response.end();
  else createReadStream(resolution.path).pipe(response);
}
