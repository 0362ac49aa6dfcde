import { expect, test } from "vitest";
import { hostOf, isLoopbackHostField, probeAccess } from "./probe-access.ts";

test("on loopback the probe is on for any target; PROBE=off turns it off", () => {
  for (const bound of ["127.0.0.1:4321", "[::1]:4321", "localhost:4321"]) {
    expect(probeAccess(bound, undefined), bound).toEqual({ enabled: true, targets: "any" });
  }
  expect(probeAccess("127.0.0.1:4321", "off")).toMatchObject({
    enabled: false,
    reason: expect.stringContaining("PROBE=off"),
  });
});

test("reachable from the LAN: off unless PROBE=on, and then public targets only", () => {
  for (const bound of ["0.0.0.0:4321", "[::]:4321", "192.168.1.20:4321"]) {
    expect(probeAccess(bound, undefined), bound).toMatchObject({
      enabled: false,
      reason: expect.stringContaining("PROBE=on"),
    });
    expect(probeAccess(bound, "on"), bound).toEqual({ enabled: true, targets: "public-only" });
  }
});

test("the Host a request used: loopback literals and localhost, not a name that resolves there", () => {
  expect(hostOf("[::1]:80")).toBe("::1");
  expect(hostOf("::1")).toBe("::1");
  expect(isLoopbackHostField("127.0.0.1:4321")).toBe(true);
  expect(isLoopbackHostField("localhost")).toBe(true);
  expect(isLoopbackHostField("rebind.attacker.example:4321")).toBe(false);
  expect(isLoopbackHostField(undefined)).toBe(false);
});
