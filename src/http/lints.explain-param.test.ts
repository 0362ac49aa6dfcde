import { expect, test } from "vitest";
import { explainParam } from "./lints.ts";

test("explains every challenge parameter the UI shows", () => {
  const params: Array<[string, string, string]> = [
    ["Basic", "realm", "RFC 7617 §2"],
    ["Basic", "charset", "RFC 7617 §2.1"],
    ["Bearer", "scope", "RFC 6750 §3"],
    ["Bearer", "error", "RFC 6750 §3.1"],
    ["Bearer", "error_description", "RFC 6750 §3"],
    ["Bearer", "error_uri", "RFC 6750 §3"],
    ["Digest", "nonce", "RFC 7616 §3.3"],
    ["Digest", "opaque", "RFC 7616 §3.3"],
    ["Digest", "qop", "RFC 7616 §3.3"],
    ["Digest", "algorithm", "RFC 7616 §3.3"],
    ["Digest", "stale", "RFC 7616 §3.3"],
    ["Digest", "userhash", "RFC 7616 §3.4.4"],
    ["Digest", "domain", "RFC 7616 §3.3"],
    ["Newauth", "realm", "RFC 9110 §11.5"],
    ["Bearer", "resource_metadata", "RFC 9728 §5.1"],
    ["Bearer", "acr_values", "RFC 9470 §3"],
    ["Bearer", "max_age", "RFC 9470 §3"],
    ["DPoP", "algs", "RFC 9449 §7.1"],
    ["DPoP", "error", "RFC 9449 §7.1"],
    ["DPoP", "error_description", "RFC 9449 §7.1"],
    ["DPoP", "resource_metadata", "RFC 9728 §5.1"],
  ];
  for (const [scheme, name, label] of params) {
    const explanation = explainParam(scheme, name);
    expect(explanation?.rfc.label, `${scheme} ${name}`).toBe(label);
    expect(explanation?.text.length, `${scheme} ${name}`).toBeGreaterThan(20);
  }
});

test("case-insensitive; undefined for what it does not know, prototype names included", () => {
  expect(explainParam("DIGEST", "NONCE")?.rfc.label).toBe("RFC 7616 §3.3");
  expect(explainParam("Newauth", "type")).toBeUndefined();
  expect(explainParam("constructor", "toString")).toBeUndefined();
  expect(explainParam("Basic", "constructor")).toBeUndefined();
});

test("the OAuth challenge errors are explained: insufficient_user_authentication for Bearer, use_dpop_nonce for DPoP", () => {
  expect(explainParam("Bearer", "error")?.text).toContain("insufficient_user_authentication");
  expect(explainParam("DPoP", "error")?.text).toContain("use_dpop_nonce");
  // The neighbours: algs is a DPoP parameter, not a Bearer one; Basic has no resource_metadata here.
  expect(explainParam("Bearer", "algs")).toBeUndefined();
  expect(explainParam("Basic", "resource_metadata")).toBeUndefined();
});
