import type { NetworkInterfaceInfo } from "node:os";
import { parseAddress } from "../probe/address-policy.ts";
import { hostOf } from "./probe-access.ts";
import { isLoopbackHost } from "./served-urls.ts";

/**
 * The names and addresses this server answers for (RFC 9110 §7.4: a server that is not
 * authoritative for a request's target may answer 421). A Host field or an absolute-form target
 * that names anything else is the client's word, not this server's origin: a page rebound to this
 * address by DNS sends its own name, and a forged Host would otherwise become the origin the OAuth
 * sandbox registers redirect URIs and builds its issuer from.
 */
export type OwnNames = (hostname: string) => boolean;

export interface OwnNamesInput {
  /** The address the server listens on (0.0.0.0 and :: stand for every interface). */
  boundHost: string;
  /** The names (or addresses) the instructor configured with ALLOWED_HOSTS. */
  allowedHosts: readonly string[];
  /** This machine's interfaces (os.networkInterfaces()): each of their addresses is ours. */
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** This machine's host name (os.hostname()): it and `<name>.local` (mDNS) are ours. */
  machineName?: string;
}

/** A name as compared: lower case, without the trailing dot of an absolute DNS name. */
const comparable = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * Whether a host (the part of a Host field or an authority before the port) is this server's:
 * localhost and loopback addresses, the bound address, every address of the machine's interfaces
 * when it listens on all of them, the machine's name, and ALLOWED_HOSTS. Addresses are compared
 * as numbers (0x7f.1 is 127.0.0.1), names as lower-case text.
 */
export function ownNames(input: OwnNamesInput): OwnNames {
  const names = new Set(["localhost", ...input.allowedHosts.map(comparable)]);
  if (input.machineName !== undefined && input.machineName !== "") {
    names.add(comparable(input.machineName));
    names.add(`${comparable(input.machineName)}.local`);
  }
  const addresses = new Set<string>();
  const addAddress = (text: string) => {
    const address = parseAddress(text);
    if (address !== undefined) addresses.add(address.toNormalizedString());
  };
  for (const allowed of input.allowedHosts) addAddress(allowed);
  addAddress(input.boundHost);
  for (const info of Object.values(input.interfaces).flat()) if (info !== undefined) addAddress(info.address);
  return (hostname) => {
    const host = hostOf(hostname);
    const address = parseAddress(host);
    if (address === undefined) return names.has(comparable(host)) || isLoopbackHost(comparable(host));
    const text = address.toNormalizedString();
    return addresses.has(text) || isLoopbackHost(address.toString());
  };
}

/**
 * The instructor's names from ALLOWED_HOSTS: comma- or space-separated host names or IP
 * addresses, without scheme or port. Returns the list, or a sentence saying what to type instead.
 */
export function parseAllowedHosts(value: string | undefined): string[] | string {
  const entries = (value ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
  for (const entry of entries) {
    const bare = entry.replace(/^\[(.*)\]$/, "$1");
    const isName = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?$/.test(bare);
    if (entry.length > 253 || (!isName && parseAddress(bare) === undefined)) {
      return `ALLOWED_HOSTS holds "${entry.slice(0, 80)}", which is not a host name or IP address: list names such as workshop.example or 192.168.1.20, without scheme or port, separated by commas.`;
    }
  }
  return entries;
}
