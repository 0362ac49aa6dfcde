import { expect, test } from "vitest";
import { ownNames, parseAllowedHosts } from "./own-names.ts";

const interfaces = {
  lo: [{ address: "127.0.0.1", family: "IPv4", internal: true }],
  eth0: [
    { address: "192.168.1.20", family: "IPv4", internal: false },
    { address: "fe80::a00:27ff:fe4e:66a1", family: "IPv6", internal: false },
  ],
} as unknown as Parameters<typeof ownNames>[0]["interfaces"];

test("its own: loopback, localhost, interface addresses (compared as numbers), the machine's name, ALLOWED_HOSTS", () => {
  const isOwn = ownNames({
    boundHost: "0.0.0.0",
    boundPort: 4321,
    allowedHosts: ["Workshop.Example"],
    interfaces,
    machineName: "lab",
  });
  for (const host of [
    "localhost:4321",
    "127.0.0.1",
    "127.0.0.2:80",
    "[::1]:4321",
    "192.168.1.20:4321",
    "0xc0.0xa8.1.20:4321",
    "[fe80::a00:27ff:fe4e:66a1]:4321",
    "lab:4321",
    "LAB.local",
    "workshop.example.:4321",
  ]) {
    expect(isOwn(host), host).toBe(true);
  }
  // The neighbours: names and addresses that are not this server's.
  for (const host of [
    "rebind.evil.example:4321",
    "192.168.1.21:4321",
    "lab.example",
    "workshop.example.evil",
    "[::2]",
  ]) {
    expect(isOwn(host), host).toBe(false);
  }
});

test("a LAN name or address on another port is not this server; loopback on any port is (a tunnel)", () => {
  const isOwn = ownNames({
    boundHost: "0.0.0.0",
    boundPort: 4321,
    allowedHosts: ["front.example:8080", "[fd00::5]:8443", "10.0.0.9"],
    interfaces,
    machineName: "lab",
  });
  for (const host of [
    "192.168.1.20",
    "192.168.1.20:4321",
    "lab:4321",
    "localhost:9000",
    "127.0.0.1:22",
    "[::1]:9000",
    "front.example:8080",
    "FRONT.example.:8080",
    "[fd00::5]:8443",
    "10.0.0.9:4321",
    "10.0.0.9",
    "fe80::a00:27ff:fe4e:66a1",
  ]) {
    expect(isOwn(host), host).toBe(true);
  }
  for (const host of [
    "192.168.1.20:8080",
    "lab:22",
    "lab.local:80",
    "[fe80::a00:27ff:fe4e:66a1]:8080",
    "front.example",
    "front.example:4321",
    "front.example:8081",
    "[fd00::5]:4321",
    "10.0.0.9:8080",
  ]) {
    expect(isOwn(host), host).toBe(false);
  }
});

test("ALLOWED_HOSTS entries are names or addresses with an optional port; a scheme or a wildcard is refused with a sentence", () => {
  expect(parseAllowedHosts(undefined)).toEqual([]);
  expect(parseAllowedHosts(" a.example ,b ")).toEqual(["a.example", "b"]);
  expect(parseAllowedHosts("a.example:8080,[fd00::5]:443,fd00::6")).toEqual([
    "a.example:8080",
    "[fd00::5]:443",
    "fd00::6",
  ]);
  for (const bad of [
    "https://a.example",
    "*.example",
    "a.example:",
    "a.example:0",
    "a.example:65536",
    "a.example:http",
  ])
    expect(parseAllowedHosts(bad), bad).toMatch(/^ALLOWED_HOSTS holds "/);
});
