import { expect, test } from "vitest";
import { redirectUriMatches } from "./redirect-uri.ts";

test("RFC 6749 §3.1.2.3 exact match, and RFC 8252 §7.3: an http loopback redirect URI matches with any port", () => {
  const registered = ["http://127.0.0.1/cb", "http://[::1]:8080/cb", "http://localhost/cb", "https://app.example/cb"];
  for (const given of [
    "http://127.0.0.1:53124/cb",
    "http://127.0.0.1/cb",
    "http://[::1]:1/cb",
    "http://localhost:4321/cb",
  ])
    expect(redirectUriMatches(registered, given), given).toBe(true);
  expect(redirectUriMatches(registered, "https://app.example/cb")).toBe(true);
  // The neighbours: another path, query, host or scheme; a port on a non-loopback URI; https loopback.
  for (const given of [
    "http://127.0.0.1:53124/cb/",
    "http://127.0.0.1:53124/cb?x=1",
    "http://127.0.0.2:53124/cb",
    "https://127.0.0.1:53124/cb",
    "https://app.example:8443/cb",
    "http://app.example/cb",
    "not a url",
  ])
    expect(redirectUriMatches(registered, given), given).toBe(false);
});
