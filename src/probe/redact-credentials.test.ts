import { expect, test } from "vitest";
import { redactCredentials, redactOAuthExchange } from "./redact-credentials.ts";

const exchange = (authorization: string) => ({
  request: {
    method: "GET",
    url: "http://127.0.0.1/",
    headers: [["Authorization", authorization]] as Array<[string, string]>,
  },
  response: { status: 200, statusText: "OK", headers: [], body: "" },
});

test("Basic and Bearer credentials are hidden in the report; Digest (a nonce-bound hash) and other fields are kept", () => {
  expect(redactCredentials(exchange("Basic dXNlcjpwYXNzd2Q=")).request.headers).toEqual([
    ["Authorization", "Basic dXNl… (16 characters, hidden in this report)"],
  ]);
  expect(redactCredentials(exchange("Bearer demo-read-write")).request.headers[0]?.[1]).not.toContain("read-write");
  const digest = 'Digest username="u", response="abc"';
  expect(redactCredentials(exchange(digest)).request.headers).toEqual([["Authorization", digest]]);
});

test("an OAuth run's secrets are hidden in form and JSON bodies and the DPoP proof; the rest is kept", () => {
  const redacted = redactOAuthExchange({
    request: {
      method: "POST",
      url: "http://127.0.0.1/token",
      headers: [["DPoP", "eyJhbGciOi.proof.signature"]],
      body: "grant_type=authorization_code&code=abc&code_verifier=verifier-verifier&client_secret=s3cret-s3cret",
    },
    response: {
      status: 200,
      statusText: "OK",
      headers: [],
      body: '{"access_token":"token-token-token","token_type":"Bearer"}',
    },
  });
  const form = new URLSearchParams(redacted.request.body);
  expect(form.get("code_verifier")).toBe("veri… (17 characters, hidden in this report)");
  expect(form.get("client_secret")).not.toContain("s3cret-s3cret");
  expect(form.get("grant_type")).toBe("authorization_code");
  expect(redacted.response.body).toBe(
    '{"access_token":"toke… (17 characters, hidden in this report)","token_type":"Bearer"}',
  );
  expect(redacted.request.headers[0]?.[1]).not.toContain("signature");
});
