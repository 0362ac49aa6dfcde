/**
 * The built site served the way GitHub Pages serves it, for `npm run bench`: the project's
 * GitHub-Pages-like server (scripts/pages-server.ts) behind a front that gzips text responses,
 * as GitHub Pages does. Without compression Lighthouse would time a transfer no reader makes.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import { createGzip } from "node:zlib";
import { createPagesServer } from "./pages-server.ts";

/** Content types GitHub Pages compresses. */
const compressible = /^(text\/|application\/(javascript|json|xml|manifest\+json|wasm)|image\/svg\+xml)/;

export interface PagesSite {
  origin: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

export async function servePagesSite(root: string, base: string, port: number): Promise<PagesSite> {
  const pages = createPagesServer(root, base);
  const pagesPort = await listen(pages, 0);
  const front = createServer((request, response) => {
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: pagesPort,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, "accept-encoding": "identity" },
      },
      (answer) => {
        const type = String(answer.headers["content-type"] ?? "");
        const gzip =
          /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? "")) &&
          compressible.test(type) &&
          request.method !== "HEAD";
        const headers = { ...answer.headers };
        if (gzip) {
          delete headers["content-length"];
          headers["content-encoding"] = "gzip";
          headers["vary"] = "Accept-Encoding";
        }
        response.writeHead(answer.statusCode ?? 502, headers);
        if (gzip) answer.pipe(createGzip({ level: 6 })).pipe(response);
        else answer.pipe(response);
      },
    );
    upstream.on("error", () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  const frontPort = await listen(front, port);
  return {
    origin: `http://127.0.0.1:${frontPort}`,
    close: () =>
      new Promise((resolve) => {
        front.closeAllConnections();
        pages.closeAllConnections();
        front.close(() => pages.close(() => resolve()));
      }),
  };
}
