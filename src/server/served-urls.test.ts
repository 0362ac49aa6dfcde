import type { NetworkInterfaceInfo } from "node:os";
import { expect, test } from "vitest";
import { isLoopbackHost, servedUrls } from "./served-urls.ts";

const nic = (address: string, family: "IPv4" | "IPv6", internal = false) =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;

const interfaces = {
  lo: [nic("127.0.0.1", "IPv4", true), nic("::1", "IPv6", true)],
  eth0: [nic("192.168.1.20", "IPv4"), nic("fe80::1", "IPv6"), nic("2001:db8::20", "IPv6")],
  wlan0: [nic("10.0.0.7", "IPv4")],
};

test("on loopback: localhost, as the samples write it, and nothing is exposed", () => {
  expect(servedUrls("127.0.0.1", 4321, "/", interfaces)).toEqual({ site: ["http://localhost:4321/"], exposed: false });
  expect(servedUrls("::1", 4321, "/lab/", interfaces)).toEqual({ site: ["http://[::1]:4321/lab/"], exposed: false });
});

test("on 0.0.0.0: localhost and every external IPv4 address, flagged as exposed", () => {
  expect(servedUrls("0.0.0.0", 8080, "/http-status-lab/", interfaces)).toEqual({
    site: [
      "http://localhost:8080/http-status-lab/",
      "http://192.168.1.20:8080/http-status-lab/",
      "http://10.0.0.7:8080/http-status-lab/",
    ],
    exposed: true,
  });
});

test("on ::: IPv6 addresses too, in brackets, but not link-local ones", () => {
  expect(servedUrls("::", 80, "/", interfaces).site).toEqual([
    "http://localhost:80/",
    "http://192.168.1.20:80/",
    "http://[2001:db8::20]:80/",
    "http://10.0.0.7:80/",
  ]);
});

test("on one named address: that address, exposed", () => {
  expect(servedUrls("192.168.1.20", 4321, "/", interfaces)).toEqual({
    site: ["http://192.168.1.20:4321/"],
    exposed: true,
  });
});

test("isLoopbackHost knows 127.0.0.0/8, ::1 and localhost", () => {
  expect(["127.0.0.1", "127.1.2.3", "::1", "localhost"].map(isLoopbackHost)).toEqual([true, true, true, true]);
  expect(["0.0.0.0", "::", "192.168.1.20"].map(isLoopbackHost)).toEqual([false, false, false]);
});
