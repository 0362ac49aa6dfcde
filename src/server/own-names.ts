import { isIP } from "node:net";
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
  /** The port it listens on: a Host naming another port of a LAN address is not this server. */
  boundPort: number;
  /**
   * The names (or addresses) the instructor configured with ALLOWED_HOSTS, each with an optional
   * port: the port a front server (a proxy passing the client's Host on) listens on.
   */
  allowedHosts: readonly string[];
  /** This machine's interfaces (os.networkInterfaces()): each of their addresses is ours. */
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** This machine's host name (os.hostname()): it and `<name>.local` (mDNS) are ours. */
  machineName?: string;
}

/** A name as compared: lower case, without the trailing dot of an absolute DNS name. */
const comparable = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** A Host field's value or an authority, cut into host and port (undefined when it names none). */
function splitAuthority(authority: string): { host: string; port: number | undefined } {
  const host = hostOf(authority);
  const colon = authority.lastIndexOf(":");
  // After a bracketed IPv6 literal, or after the last colon of anything but a bare IPv6 literal.
  const rest = authority.startsWith("[")
    ? authority.slice(authority.indexOf("]") + 1)
    : isIP(authority.replace(/%.*$/, "")) === 6 || colon === -1
      ? ""
      : authority.slice(colon);
  const port = /^:(\d{1,5})$/.exec(rest);
  return { host, port: port === null ? undefined : Number(port[1]) };
}

/**
 * Whether a Host field's value or an authority is this server's (RFC 9110 §7.2: the host and the
 * port): localhost and loopback addresses on any port (an SSH tunnel to another local port
 * still reaches this server), and on no port, this server's port or the port an ALLOWED_HOSTS
 * entry names: the bound address, every address of the machine's interfaces when it listens on
 * all of them, the machine's name, and ALLOWED_HOSTS. Addresses are compared as numbers
 * (0x7f.1 is 127.0.0.1), names as lower-case text.
 */
export function ownNames(input: OwnNamesInput): OwnNames {
  const names = new Set(["localhost"]);
  if (input.machineName !== undefined && input.machineName !== "") {
    names.add(comparable(input.machineName));
    names.add(`${comparable(input.machineName)}.local`);
  }
  const addresses = new Set<string>();
  const key = (host: string) => parseAddress(host)?.toNormalizedString() ?? comparable(host);
  const addAddress = (text: string) => {
    const address = parseAddress(text);
    if (address !== undefined) addresses.add(address.toNormalizedString());
  };
  addAddress(input.boundHost);
  for (const info of Object.values(input.interfaces).flat()) if (info !== undefined) addAddress(info.address);
  // ALLOWED_HOSTS: a bare entry stands for the names above (any of this server's ports), an entry
  // with a port for that port only.
  const allowedPorts = new Set<string>();
  for (const allowed of input.allowedHosts) {
    const { host, port } = splitAuthority(allowed);
    if (port === undefined) (parseAddress(host) === undefined ? names : addresses).add(key(host));
    else allowedPorts.add(`${key(host)} ${port}`);
  }
  return (authority) => {
    const { host, port } = splitAuthority(authority);
    const address = parseAddress(host);
    if (address === undefined ? isLoopbackHost(comparable(host)) : isLoopbackHost(address.toString())) return true;
    if (port !== undefined && allowedPorts.has(`${key(host)} ${port}`)) return true;
    if (port !== undefined && port !== input.boundPort) return false;
    return address === undefined ? names.has(comparable(host)) : addresses.has(address.toNormalizedString());
  };
}

/**
 * The instructor's names from ALLOWED_HOSTS: comma- or space-separated host names or IP
 * addresses, without scheme, each with an optional port (`name:8080`, `[v6]:8080`) for a front
 * server on a port of its own. Returns the list, or a sentence saying what to type instead.
 */
export function parseAllowedHosts(value: string | undefined): string[] | string {
  const entries = (value ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
  for (const entry of entries) {
    const { port } = splitAuthority(entry);
    const bare = hostOf(entry);
    const badPort = port === undefined ? /:$/.test(entry) : port < 1 || port > 65535;
    const isName = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?$/.test(bare);
    if (entry.length > 253 || badPort || (!isName && parseAddress(bare) === undefined)) {
      return `ALLOWED_HOSTS holds "${entry.slice(0, 80)}", which is not a host name or IP address with an optional port: list names such as workshop.example, 192.168.1.20 or lab.example:8080, without scheme, separated by commas.`;
    }
  }
  return entries;
}
