import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { createProbeSend } from "../probe/probe-http.ts";
import { clientMetadataPath } from "../site-config.ts";
import { maxClientMetadataBytes, type ClientMetadataSource, type FetchedClientMetadata } from "../sandbox/node.ts";

export interface ClientMetadataFetchOptions {
  /** The built site's directory: the site's own document is read from it, never over the network. */
  root: string;
  /** Whether other machines can reach the server: then only public addresses are fetched. */
  lan: boolean;
  /** Certificate authorities to trust (PEM) instead of the system's: a test's own https server. */
  ca?: string | undefined;
}

/**
 * How `npm start`'s authorization server reads Client ID Metadata Documents: one GET through the
 * probe's transport (src/probe/probe-http.ts), so through its address policy: on a server others
 * can reach, public addresses only; on loopback, public ones and loopback (the draft's SSRF section
 * lets a development server on loopback fetch from loopback), never a private network, a metadata
 * service or any other special-use range. Every address a name resolves to is checked before a
 * connection is opened, and the connection is pinned to the checked one. No redirect is followed,
 * 5 KiB + 1 byte are read at most, 5 s in all. The site's own document (`<base>oauth/client-metadata.json`)
 * is read from the build.
 */
export function serverClientMetadata(options: ClientMetadataFetchOptions): ClientMetadataSource {
  return {
    fetch: async (url: string): Promise<FetchedClientMetadata> => {
      const send = createProbeSend({
        targets: options.lan ? "public-only" : "public-and-loopback",
        requestTimeoutMs: 5_000,
        totalTimeoutMs: 5_000,
        maxBodyBytes: maxClientMetadataBytes + 1,
        maxRequests: 1,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      });
      const sent = await send({
        method: "GET",
        url,
        headers: [
          ["Accept", "application/json"],
          ["User-Agent", "http-status-lab-authorization-server"],
        ],
      });
      if (!sent.ok && sent.problem !== undefined) {
        const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
        const named = isIP(host) === 0 ? `${host} resolves to an address this server does not fetch from: ` : "";
        return {
          ok: false,
          message: `refused before connecting. ${named}${sent.problem} This server fetches from public addresses${options.lan ? "" : " and loopback"} only.`,
        };
      }
      if (!sent.ok) return { ok: false, message: sent.message };
      const { response } = sent.exchange;
      const field = (name: string) =>
        response.headers
          .filter(([key]) => key.toLowerCase() === name)
          .map(([, value]) => value)
          .join(", ");
      const bytes = Buffer.byteLength(response.body);
      return {
        ok: true,
        status: response.status,
        contentType: field("content-type"),
        cacheControl: field("cache-control"),
        body: response.body,
        truncated: sent.truncated === true || bytes > maxClientMetadataBytes,
      };
    },
    own: async (): Promise<FetchedClientMetadata> => {
      try {
        const text = await readFile(join(options.root, clientMetadataPath), "utf8");
        return {
          ok: true,
          status: 200,
          contentType: "application/json",
          cacheControl: "",
          body: text,
          truncated: false,
        };
      } catch {
        return { ok: false, message: "this build has no client metadata document." };
      }
    },
  };
}
