import { BlockList, isIP } from "node:net";

/**
 * Address ranges a probe started from a server reachable by others must not reach: its own
 * machine, the networks behind it, and cloud metadata services (request forgery through the
 * server). Node's BlockList does the prefix matching.
 */
const ranges: ReadonlyArray<[address: string, prefix: number, family: "ipv4" | "ipv6", what: string]> = [
  ["0.0.0.0", 8, "ipv4", "“this network” (RFC 6890)"],
  ["10.0.0.0", 8, "ipv4", "a private network (RFC 1918)"],
  ["100.64.0.0", 10, "ipv4", "carrier-grade NAT space (RFC 6598)"],
  ["127.0.0.0", 8, "ipv4", "loopback, this machine (RFC 1122)"],
  ["169.254.0.0", 16, "ipv4", "link-local, where cloud metadata services live (RFC 3927)"],
  ["172.16.0.0", 12, "ipv4", "a private network (RFC 1918)"],
  ["192.0.0.0", 24, "ipv4", "IETF protocol assignments (RFC 6890)"],
  ["192.168.0.0", 16, "ipv4", "a private network (RFC 1918)"],
  ["198.18.0.0", 15, "ipv4", "benchmarking (RFC 2544)"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved, or broadcast"],
  ["::", 128, "ipv6", "the unspecified address"],
  ["::1", 128, "ipv6", "loopback, this machine (RFC 4291)"],
  ["fc00::", 7, "ipv6", "a unique local network (RFC 4193), such as fd00:ec2::254, a metadata service"],
  ["fe80::", 10, "ipv6", "link-local (RFC 4291)"],
  ["ff00::", 8, "ipv6", "multicast"],
];

const blocked = ranges.map(([address, prefix, family, what]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { list, family, what };
});

/** An IPv4 address carried in an IPv6 one (::ffff:a.b.c.d, NAT64 64:ff9b::/96), or undefined. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:(?:0:)?|64:ff9b::)(.+)$/.exec(lower);
  if (match === null) return undefined;
  const rest = match[1]!;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (hex === null) return undefined;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * Why a probe started from a server others can reach must not connect to this IP address (a
 * sentence naming the range), or undefined for a public address. An IPv4 address inside an
 * IPv6 one is judged as the IPv4 address it carries. Anything that is not an IP address is refused.
 */
export function addressProblem(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return `“${address}” is not an IP address.`;
  const inner = family === 6 ? embeddedIpv4(address) : undefined;
  if (inner !== undefined) return addressProblem(inner);
  const type = family === 4 ? "ipv4" : "ipv6";
  const hit = blocked.find((range) => range.family === type && range.list.check(address, type));
  return hit === undefined ? undefined : `${address} is ${hit.what}.`;
}
