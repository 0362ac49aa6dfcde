import { isIP } from "node:net";

/** Whether `npm start` offers the probe, and to which targets. */
export type ProbeAccess = { enabled: true; targets: "any" | "public-only" } | { enabled: false; reason: string };

const isLoopback = (host: string) => host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The address part of `host:port`, `[v6]:port` or a bare address. */
export function hostOf(hostAndPort: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(hostAndPort);
  if (bracketed !== null) return bracketed[1]!.toLowerCase();
  if (isIP(hostAndPort) === 6) return hostAndPort.toLowerCase();
  return hostAndPort.replace(/:\d*$/, "").toLowerCase();
}

/**
 * The probe page's endpoint on `npm start`: on when the server listens on loopback (only this
 * machine can use it, as it can use `npm run probe`), off when others can reach the server unless
 * PROBE=on, and then limited to public addresses (no request forgery into the LAN or a cloud
 * metadata service through a workshop laptop). PROBE=off turns it off everywhere. `lan` says the
 * server is reachable from other machines whatever address it is bound to (StartServerOptions.lan).
 */
export function probeAccess(boundHost: string, setting: string | undefined, lan = false): ProbeAccess {
  const value = setting?.trim().toLowerCase() ?? "";
  if (value === "off") return { enabled: false, reason: "The probe is turned off (PROBE=off)." };
  if (!lan && isLoopback(hostOf(boundHost))) return { enabled: true, targets: "any" };
  if (value === "on") return { enabled: true, targets: "public-only" };
  return {
    enabled: false,
    reason:
      "The probe is off because this server can be reached from other machines. Start it with PROBE=on to allow probing public addresses, or use npm run probe on your own machine.",
  };
}

/** The Host a request used is this machine's loopback (a DNS-rebound name is not). */
export function isLoopbackHostField(host: string | undefined): boolean {
  return host !== undefined && isLoopback(hostOf(host));
}
