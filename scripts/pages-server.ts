/**
 * Serves a built site the way GitHub Pages does: static files under a base path, no rewrites, a
 * missing path answered 404 with 404.html, validators and ranges, no header fields of our own, and
 * no API (the sandbox must work from its service worker alone). Used by the browser tests and
 * `npm run bench`. The files go through the live server's static layer (src/server/static-files.ts).
 *   node scripts/pages-server.ts <dir> <base> <port>
 */
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";
import { serveStatic, type StaticSite } from "../src/server/static-files.ts";

export function createPagesServer(root: string, base: string): Server {
  const site: StaticSite = { root: resolve(root), basePath: base, gzipped: new Set(), fieldsFor: () => ({}) };
  return createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(request.url ?? "/", "http://pages.invalid").pathname;
    } catch {
      response.writeHead(400).end();
      return;
    }
    serveStatic(site, request, response, pathname);
  });
}

if (import.meta.main) {
  const [root = "dist", base = "/", port = "4322"] = process.argv.slice(2);
  const server = createPagesServer(root, base);
  server.listen(Number(port), "127.0.0.1", () => {
    console.log(`GitHub-Pages-like server: http://127.0.0.1:${port}${base} (serving ${root})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
