import { expect, test } from "vitest";
import { redactCredentials } from "./redact-credentials.ts";

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
