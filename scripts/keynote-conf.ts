/**
 * deploy/nginx/keynote.conf made runnable on loopback, for its test (tests/integration/keynote.test.ts)
 * and the bench's room mode (bench-room.ts): the repository's file with its servers, listening
 * address and site directory replaced, included in a minimal nginx.conf whose files stay in one
 * scratch directory (no root needed, nothing written under /var).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const keynoteConfPath = join(import.meta.dirname, "..", "deploy", "nginx", "keynote.conf");

/** The keynote configuration, pointed at `servers` (loopback ports), `port` and `root`. */
export function keynoteConf(servers: readonly number[], port: number, root: string): string {
  const conf = readFileSync(keynoteConfPath, "utf8");
  const upstreams = conf.match(/^\s*server 127\.0\.0\.1:\d+;$/gm) ?? [];
  if (upstreams.length === 0 || !/^\s*listen 80;$/m.test(conf) || !/^\s*root \S+;$/m.test(conf))
    throw new Error(`${keynoteConfPath} changed shape: update scripts/keynote-conf.ts's replacements.`);
  return conf
    .replace(/(^\s*server 127\.0\.0\.1:\d+;\n)+/m, servers.map((p) => `    server 127.0.0.1:${p};\n`).join(""))
    .replace(/^\s*listen 80;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^\s*root \S+;$/m, `    root ${root};`);
}

/** A whole nginx.conf, in the foreground, that includes `included` and keeps its files in `scratch`. */
export function nginxMainConf(scratch: string, included: string, workers = 1): string {
  return `daemon off;
worker_processes ${workers};
pid ${scratch}/nginx.pid;
error_log ${scratch}/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  client_body_temp_path ${scratch};
  proxy_temp_path ${scratch};
  fastcgi_temp_path ${scratch};
  uwsgi_temp_path ${scratch};
  scgi_temp_path ${scratch};
  include ${included};
}
`;
}
