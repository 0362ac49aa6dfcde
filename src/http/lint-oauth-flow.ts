/**
 * Lints for what an OAuth client sees between the metadata documents (lint-oauth-metadata.ts) and
 * the retry: tokens in URLs, the authorization response of the redirect, and the access token's
 * claims. Pure functions over strings and parsed JSON, for the sandbox's OAuth client.
 */
import { rfcReference, type Finding } from "./lints.ts";
import { shorten } from "./shorten.ts";

const quote = (value: unknown) =>
  JSON.stringify(shorten(typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)), 120));

const tokenParams = ["access_token", "refresh_token", "id_token"];

/**
 * A token in a URL's query or fragment ends up in histories, logs and Referer fields: RFC 6750
 * §2.3 lets resources accept one there only as a last resort and §5.3 says not to pass bearer
 * tokens in page URLs; RFC 9700 §2.1.2 drops the implicit grant that put them there.
 */
export function lintTokenInUrl(url: string, where: string): Finding[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ""));
  const found = tokenParams.filter((name) => parsed.searchParams.has(name) || fragment.has(name));
  return found.map((name) => ({
    id: "token-in-url",
    severity: "error",
    message: `${where} carries ${name} in the URL, where browser histories, server logs and Referer fields keep it. Send tokens in the Authorization field or a POST body instead.`,
    rfc: rfcReference(6750, "5.3"),
  }));
}

/**
 * Checks the authorization response a redirect carries (RFC 6749 §4.1.2): it goes to the redirect
 * URI the client registered, carries the `state` the client sent (§4.1.2, §10.12: else a CSRF
 * could slip another code in), an `iss` equal to the issuer when the server says it sends one (RFC
 * 9207 §2.4: else a mix-up attack), and a `code` or an `error` (§4.1.2.1).
 */
export function lintAuthorizationResponse(
  location: string,
  expected: { redirectUri: string; state: string; issuer: string; issRequired: boolean },
): Finding[] {
  const findings: Finding[] = [];
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return [
      {
        id: "authorization-response-not-a-url",
        severity: "error",
        message: `The redirect's Location ${quote(location)} is not an absolute URL.`,
        rfc: rfcReference(6749, "4.1.2"),
      },
    ];
  }
  if (`${url.origin}${url.pathname}` !== expected.redirectUri.replace(/[?#].*$/, "")) {
    findings.push({
      id: "authorization-response-elsewhere",
      severity: "error",
      message: `The redirect goes to ${quote(`${url.origin}${url.pathname}`)}, not to the client's redirect URI ${quote(expected.redirectUri)}.`,
      rfc: rfcReference(6749, "3.1.2"),
    });
  }
  const state = url.searchParams.get("state");
  if (state !== expected.state) {
    findings.push({
      id: "authorization-response-state-mismatch",
      severity: "error",
      message:
        state === null
          ? "The authorization response has no state, although the request sent one: the client cannot tell it answers its own request."
          : `The authorization response's state ${quote(state)} is not the one the client sent: a client drops such a response (it may be a forged one).`,
      rfc: rfcReference(6749, "10.12"),
    });
  }
  const iss = url.searchParams.get("iss");
  if (iss === null ? expected.issRequired : iss !== expected.issuer) {
    findings.push({
      id: "authorization-response-iss-mismatch",
      severity: "error",
      message:
        iss === null
          ? "The server's metadata says it sends iss, but this authorization response has none."
          : `The authorization response's iss ${quote(iss)} is not the issuer ${quote(expected.issuer)} the client asked: a client drops it (mix-up defence).`,
      rfc: rfcReference(9207, "2.4"),
    });
  }
  if (!url.searchParams.has("code") && !url.searchParams.has("error")) {
    findings.push({
      id: "authorization-response-no-code",
      severity: "error",
      message: "The authorization response carries neither a code nor an error.",
      rfc: rfcReference(6749, "4.1.2"),
    });
  }
  findings.push(...lintTokenInUrl(location, "The authorization response"));
  return findings;
}

/**
 * Checks an access token's decoded claims against what the client asked for (RFC 9068 §2.2, §4):
 * `aud` names the resource it is for (RFC 8707 §2: else the resource refuses it), `iss` is the
 * issuer the client used, `typ` in the header is `at+jwt` (RFC 9068 §2.1). The client reads these
 * only to show them: it is the resource that verifies the signature.
 */
export function lintAccessTokenClaims(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  expected: { resource: string; issuer: string },
): Finding[] {
  const findings: Finding[] = [];
  const aud = claims["aud"];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.resource)) {
    findings.push({
      id: "access-token-audience-mismatch",
      severity: "error",
      message: `The token's aud is ${quote(aud)}, not the resource ${quote(expected.resource)}: that resource will refuse it with invalid_token.`,
      rfc: rfcReference(8707, "2"),
    });
  }
  if (claims["iss"] !== expected.issuer) {
    findings.push({
      id: "access-token-issuer-mismatch",
      severity: "error",
      message: `The token's iss is ${quote(claims["iss"])}, not the issuer ${quote(expected.issuer)} the client used.`,
      rfc: rfcReference(9068, "4"),
    });
  }
  if (typeof header["typ"] !== "string" || header["typ"].toLowerCase().replace(/^application\//, "") !== "at+jwt") {
    findings.push({
      id: "access-token-typ",
      severity: "warning",
      message: `The token's typ header is ${quote(header["typ"] ?? "missing")}, not "at+jwt", so a resource cannot tell it from other JWTs.`,
      rfc: rfcReference(9068, "2.1"),
    });
  }
  return findings;
}
