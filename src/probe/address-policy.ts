import ipaddr from "ipaddr.js";

/**
 * Address ranges a probe started from a server reachable by others must not reach: its own
 * machine, the networks behind it, cloud metadata services (request forgery through the server),
 * and ranges that are not public unicast at all. Judged by numbers, never by text: every literal is
 * parsed to its bytes with ipaddr.js (the parser Express's proxy-addr uses; decisions/probe.md), an
 * IPv6 address that carries an IPv4 one is judged as the IPv4 address too, and an IPv4 literal is
 * first read the way the WHATWG URL parser reads a URL's host (octal, hex, short forms, a trailing
 * dot), which is also what Node connects to. The first matching range wins, so the narrow ones
 * (a metadata address) come before the wide ones that hold them.
 */
const ranges: ReadonlyArray<[cidr: string, what: string]> = [
  ["0.0.0.0/8", "unspecified, “this network” (RFC 6890), which Linux connects to this machine"],
  ["10.0.0.0/8", "a private network (RFC 1918)"],
  ["100.100.100.200/32", "a cloud metadata service"],
  ["100.64.0.0/10", "carrier-grade NAT space, CGNAT (RFC 6598)"],
  ["127.0.0.0/8", "loopback, this machine (RFC 1122)"],
  ["169.254.169.254/32", "link-local, the cloud metadata service (RFC 3927)"],
  ["169.254.0.0/16", "link-local, where cloud metadata services live (RFC 3927)"],
  ["172.16.0.0/12", "a private network (RFC 1918)"],
  ["192.0.0.0/24", "reserved for IETF protocol assignments (RFC 6890)"],
  ["192.0.2.0/24", "documentation space (RFC 5737)"],
  ["192.88.99.0/24", "reserved, the former 6to4 relay anycast (RFC 7526)"],
  ["192.168.0.0/16", "a private network (RFC 1918)"],
  ["198.18.0.0/15", "benchmarking space (RFC 2544)"],
  ["198.51.100.0/24", "documentation space (RFC 5737)"],
  ["203.0.113.0/24", "documentation space (RFC 5737)"],
  ["224.0.0.0/4", "multicast (RFC 5771)"],
  ["240.0.0.0/4", "reserved, or broadcast (RFC 1112, RFC 919)"],
  ["::/128", "the unspecified address (RFC 4291), which Linux connects to this machine"],
  ["::1/128", "loopback, this machine (RFC 4291)"],
  ["64:ff9b:1::/48", "the local-use NAT64 prefix (RFC 8215), which reaches what the local translator reaches"],
  ["fd00:ec2::254/128", "a unique local network (RFC 4193), the cloud metadata service fd00:ec2::254"],
  ["fc00::/7", "a unique local network (RFC 4193)"],
  ["fe80::/10", "link-local (RFC 4291)"],
  ["fec0::/10", "site-local, a deprecated private range (RFC 3879)"],
  ["ff00::/8", "multicast (RFC 4291)"],
  ["2001:db8::/32", "documentation space (RFC 3849)"],
  ["3fff::/20", "documentation space (RFC 9637)"],
  ["2001:2::/48", "benchmarking space (RFC 5180)"],
];

const parsedRanges = ranges.map(([cidr, what]) => ({ range: ipaddr.parseCIDR(cidr), what }));
/** Global unicast (RFC 4291 §2.4): every other IPv6 address is reserved or special. */
const globalUnicast = ipaddr.parseCIDR("2000::/3");

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The IPv4 address(es) an IPv6 address carries, by RFC: mapped, compatible, NAT64, 6to4, Teredo. */
export function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const b = address.toByteArray();
  const v4 = (...bytes: number[]) => new ipaddr.IPv4(bytes);
  const zero = (from: number, to: number) => b.slice(from, to).every((byte) => byte === 0);
  // ::ffff:0:0/96 mapped (RFC 4291 §2.5.5.2) and ::/96 compatible (§2.5.5.1, deprecated).
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return [v4(...b.slice(12))];
  if (zero(0, 12) && !(zero(12, 15) && b[15]! <= 1)) return [v4(...b.slice(12))];
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052 §2.1) and local-use 64:ff9b:1::/48 (RFC 8215, §2.2's /48 layout).
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    if (zero(4, 12)) return [v4(...b.slice(12))];
    if (b[4] === 0 && b[5] === 1) return [v4(b[6]!, b[7]!, b[9]!, b[10]!)];
  }
  // 6to4 2002::/16 (RFC 3056 §2): the IPv4 address follows the prefix.
  if (b[0] === 0x20 && b[1] === 0x02) return [v4(...b.slice(2, 6))];
  // Teredo 2001::/32 (RFC 4380 §4): the server's address, and the client's, stored inverted.
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    return [v4(...b.slice(4, 8)), v4(...b.slice(12).map((byte) => byte ^ 0xff))];
  }
  return [];
}

/**
 * An address literal as bytes, read as a URL's host is (WHATWG URL host parser: `0x7f.1`,
 * `0177.0.0.1`, `2130706433`, `127.1` and `127.0.0.1.` are all 127.0.0.1), or undefined when it
 * is not an IP address (a name, or text no URL would accept).
 */
export function parseAddress(text: string): Address | undefined {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (bare === "" || /[/?#@\s]/.test(bare)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${bare.includes(":") ? `[${bare.replace(/%.*$/, "")}]` : bare}/`).hostname;
  } catch {
    return undefined;
  }
  const inner = host.replace(/^\[(.*)\]$/, "$1");
  if (!ipaddr.isValid(inner)) return undefined;
  if (!inner.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(inner)) return undefined;
  return ipaddr.parse(inner);
}

/** The range an address is in, by the table; an IPv6 one that carries IPv4 is judged by what it carries. */
function rangeProblem(address: Address, carriesIpv4 = false): string | undefined {
  const hit = parsedRanges.find(({ range }) => range[0].kind() === address.kind() && address.match(range));
  if (hit !== undefined) return hit.what;
  if (address.kind() === "ipv6" && !carriesIpv4 && !address.match(globalUnicast)) {
    return "reserved IPv6 space, outside global unicast 2000::/3 (RFC 4291 §2.4)";
  }
  return undefined;
}

/**
 * Why a probe started from a server others can reach must not connect to this IP address (a
 * sentence naming the range), or undefined for a public address. An IPv6 address that carries an
 * IPv4 one is refused when the IPv4 address is. Anything that is not an IP address is refused.
 */
export function addressProblem(text: string): string | undefined {
  const address = parseAddress(text);
  if (address === undefined) return `“${text}” is not an IP address.`;
  const shown = address.toString();
  const carried = address.kind() === "ipv6" ? embeddedIpv4(address as ipaddr.IPv6) : [];
  for (const inner of carried) {
    const problem = rangeProblem(inner);
    if (problem !== undefined) return `${shown} carries ${inner.toString()}, which is ${problem}.`;
  }
  const problem = rangeProblem(address, carried.length > 0);
  return problem === undefined ? undefined : `${shown} is ${problem}.`;
}
