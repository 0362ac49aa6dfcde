import { expect, test } from "vitest";
import { addressProblem, parseAddress } from "./address-policy.ts";

// Pure functions over numbers: nothing here opens a socket or resolves a name.

test("private, loopback, link-local, unique-local and metadata addresses are refused, each with its range", () => {
  for (const [address, range] of [
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["100.100.100.200", "metadata"],
    ["100.64.0.1", "CGNAT"],
    ["0.0.0.0", "this network"],
    ["0.1.2.3", "unspecified"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fd00::1", "unique local"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "documentation"],
    ["2001:db8::1", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["2001:2::1", "benchmarking"],
    ["100::1", "reserved"],
  ] as const) {
    expect(addressProblem(address), address).toContain(range);
  }
});

test("every IPv6 form that carries IPv4 is judged by the IPv4 address it carries", () => {
  for (const [address, range] of [
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:0.0.0.0]", "unspecified"],
    ["::ffff:0:0", "unspecified"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "loopback"],
    ["::10.0.0.1", "private"],
    ["64:ff9b::10.1.2.3", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1:7f00:1::", "loopback"],
    ["64:ff9b:1:5db8:d7:e00::", "local-use NAT64"],
    ["2002:7f00:1::", "loopback"],
    ["2002:c0a8:0101::1", "private"],
    ["2001:0:5ef5:79fd:0:0:80ff:fffe", "loopback"],
    ["2001:0:7f00:1::1", "loopback"],
  ] as const) {
    expect(addressProblem(address), address).toContain(range);
  }
});

test("odd IPv4 spellings are read the way a URL's host is, and judged as the address they name", () => {
  for (const spelling of ["0x7f.1", "0177.0.0.1", "2130706433", "127.1", "127.0.0.1.", "0x7f000001", "0177.1"]) {
    expect(parseAddress(spelling)?.toString(), spelling).toBe("127.0.0.1");
    expect(addressProblem(spelling), spelling).toContain("loopback");
  }
  expect(addressProblem("0")).toContain("unspecified");
  expect(addressProblem("0xa9.0xfe.0xa9.0xfe")).toContain("metadata");
  expect(addressProblem("012.1")).toContain("private");
  // Neighbours: the same spellings of public addresses are allowed.
  expect(addressProblem("0x5d.0xb8.0xd7.0x0e")).toBeUndefined();
  expect(addressProblem("1572395790")).toBeUndefined();
  expect(addressProblem("93.184.215.14.")).toBeUndefined();
});

test("the public neighbours of those ranges are allowed, also inside IPv6 forms that carry IPv4", () => {
  for (const address of [
    "9.255.255.255",
    "11.0.0.1",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "169.253.255.255",
    "100.63.255.255",
    "93.184.215.14",
    "2606:4700:4700::1111",
    "::ffff:93.184.215.14",
    "64:ff9b::93.184.215.14",
    "2002:5db8:d70e::1",
    "2001:db9::1",
    "2a00:1450:4001::1",
  ]) {
    expect(addressProblem(address), address).toBeUndefined();
  }
});

test("a host name, or text no URL accepts as a host, is never judged as an address", () => {
  for (const text of ["localhost", "1.2.3.4.5", "08.1.1.1", "example.com", "", "127.0.0.1/8", "[::1"]) {
    expect(addressProblem(text), text).toMatch(/not an IP address/);
  }
});
