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
