import type { NetworkInterfaceInfo } from "node:os";

/** What the server prints after it starts listening. */
export interface ServedUrls {
  /** The site's URL on each address a browser can reach it by, the most useful first. */
  site: string[];
  /** Whether other machines can reach it: then the demo credentials are public to them. */
  exposed: boolean;
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

/** True for an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function origin(address: string, port: number): string {
  return address.includes(":") ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/**
 * The URLs a server listening on `host:port` serves the site at. On loopback that is
 * localhost (what the samples use); on a wildcard address (0.0.0.0, ::) it is localhost and every
 * external address of this machine's network interfaces, so an instructor can read out the one
 * the class can reach; on any other address, that address.
 */
export function servedUrls(
  host: string,
  port: number,
  basePath: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): ServedUrls {
  if (isLoopbackHost(host)) {
    return { site: [`${origin(host === "::1" ? "::1" : "localhost", port)}${basePath}`], exposed: false };
  }
  if (host !== "0.0.0.0" && host !== "::") return { site: [`${origin(host, port)}${basePath}`], exposed: true };
  const external = Object.values(interfaces)
    .flat()
    .filter((info): info is NetworkInterfaceInfo => info !== undefined && !info.internal)
    .filter((info) => info.family === "IPv4" || (host === "::" && !info.address.startsWith("fe80:")))
    .map((info) => `${origin(info.address, port)}${basePath}`);
  return { site: [`${origin("localhost", port)}${basePath}`, ...new Set(external)], exposed: true };
}
