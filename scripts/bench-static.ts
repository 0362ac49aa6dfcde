/**
 * nginx serving a built site under its base path, for `npm run bench`: the reference the live
 * server's static files are measured against (issue 16). Debian's defaults where they matter
 * (sendfile on, mime.types), one worker process, as the live server is one Node process, and no
 * access log, as `npm start --quiet`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startService } from "./bench-processes.ts";

export interface NginxSite {
  origin: string;
  /** What was measured against, for the table. */
  how: string;
  stop(): void;
}

/** Starts nginx in the foreground on a free loopback port, serving `root` at `base`. */
export async function serveWithNginx(root: string, base: string, workers = 1): Promise<NginxSite> {
  const port = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), "bench-nginx-"));
  const conf = join(scratch, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
worker_processes ${workers};
pid ${join(scratch, "nginx.pid")};
error_log stderr warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log off;
  client_body_temp_path ${scratch};
  proxy_temp_path ${scratch};
  fastcgi_temp_path ${scratch};
  uwsgi_temp_path ${scratch};
  scgi_temp_path ${scratch};
  server {
    listen 127.0.0.1:${port};
    location ${base} { alias ${resolve(root)}/; }
  }
}
`,
  );
  const service = await startService("/usr/sbin/nginx", ["-c", conf, "-p", scratch], {
    readyUrl: `http://127.0.0.1:${port}${base}`,
    timeoutMs: 15_000,
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    how: `nginx, ${workers} worker, sendfile`,
    stop: () => {
      service.stop();
      setTimeout(() => rmSync(scratch, { recursive: true, force: true }), 3_000).unref();
    },
  };
}
