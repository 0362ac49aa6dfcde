/**
 * The live server of `npm start` (src/server/start-server.ts) on a random loopback port, for the
 * integration tests. It serves a tiny fixture site rather than a full build: the tests are about
 * HTTP and the API, and a build takes a minute.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  precompress,
  startServer,
  type RunningServer,
  type StartServerOptions,
} from "../../src/server/start-server.ts";

/** The fixture site's files, by path under the base path. */
export const fixtureSite: Readonly<Record<string, string>> = {
  "index.html": "<!doctype html><title>HTTP Status Lab</title><h1>Every status code</h1>\n",
  "404.html": "<!doctype html><title>Not found</title><h1>This page does not exist</h1>\n",
  "status/401/index.html": "<!doctype html><title>401 Unauthorized</title><h1>401</h1>\n",
  "_astro/app.js": "console.log('sandbox');\n",
  "_astro/big.css": `${"body { color: black; }\n".repeat(200)}`,
  ".http-status-lab-build.json": "{}\n",
};

export interface LiveServer extends RunningServer {
  /** The fixture site's directory. */
  root: string;
  /** Stops the server and removes the fixture. */
  stop(): Promise<void>;
}

/** Starts the live server on the fixture site; `gzip` makes the `.gz` copies `npm start` makes (precompress.ts). */
export async function startLiveServer(
  options: Partial<StartServerOptions> & { gzip?: boolean } = {},
): Promise<LiveServer> {
  const root = mkdtempSync(join(tmpdir(), "http-status-lab-site-"));
  for (const [path, text] of Object.entries(fixtureSite)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { gzip, ...rest } = options;
  const gzipped = gzip === true ? await precompress(root) : undefined;
  const running = await startServer({
    root,
    basePath: "/",
    port: 0,
    host: "127.0.0.1",
    ...(gzipped === undefined ? {} : { gzipped }),
    ...rest,
  });
  return {
    ...running,
    root,
    stop: async () => {
      await running.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
