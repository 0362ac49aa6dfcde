import { expect, test } from "vitest";
import { addressProblem } from "./address-policy.ts";

test("private, loopback, link-local, unique-local and metadata addresses are refused, each with its range", () => {
  for (const [address, range] of [
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["169.254.169.254", "link-local"],
    ["100.100.100.200", "carrier-grade"],
    ["0.0.0.0", "this network"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fd00::1", "unique local"],
    ["fd00:ec2::254", "unique local"],
    ["fe80::1", "link-local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::10.1.2.3", "private"],
  ] as const) {
    expect(addressProblem(address), address).toContain(range);
  }
});

test("the public neighbours of those ranges are allowed", () => {
  for (const address of [
    "9.255.255.255",
    "11.0.0.1",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "169.253.255.255",
    "93.184.215.14",
    "2606:4700:4700::1111",
    "::ffff:93.184.215.14",
    "fbff::1",
  ]) {
    expect(addressProblem(address), address).toBeUndefined();
  }
});

test("a host name is never judged as an address", () => {
  expect(addressProblem("localhost")).toMatch(/not an IP address/);
});
