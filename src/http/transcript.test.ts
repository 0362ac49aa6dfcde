import { expect, test } from "vitest";
import type { Exchange } from "./transcript.ts";
import { formatRequestTranscript, formatResponseTranscript, formatTranscript } from "./transcript.ts";

const exchange: Exchange = {
  request: {
    method: "GET",
    url: "http://localhost:4321/api/basic-auth/ada/p4ss",
    headers: [["Accept", "application/json"]],
  },
  response: {
    status: 401,
    statusText: "",
    headers: [["WWW-Authenticate", 'Basic realm="HTTP Status Lab", charset="UTF-8"']],
    body: '{"authenticated":false}',
  },
};

test("raw HTTP/1.1 with CRLF, Host from the URL and the registered reason phrase", () => {
  expect(formatTranscript(exchange)).toBe(
    [
      "GET /api/basic-auth/ada/p4ss HTTP/1.1",
      "Host: localhost:4321",
      "Accept: application/json",
      "",
      "HTTP/1.1 401 Unauthorized",
      'WWW-Authenticate: Basic realm="HTTP Status Lab", charset="UTF-8"',
      "",
      '{"authenticated":false}',
    ].join("\r\n"),
  );
});

test("a recorded Host wins; a body gets Content-Length in octets and a blank line before the response", () => {
  const request = {
    method: "POST",
    url: "http://a.example/x",
    headers: [["host", "b.example"]] as Array<[string, string]>,
    body: "é",
  };
  expect(formatRequestTranscript(request)).toBe("POST /x HTTP/1.1\r\nhost: b.example\r\nContent-Length: 2\r\n\r\né");
  expect(formatTranscript({ ...exchange, request })).toContain("é\r\n\r\nHTTP/1.1 401");
});

test("a relative URL is the request-target, without Host", () => {
  expect(formatRequestTranscript({ method: "", url: "/api/bearer", headers: [] })).toBe(
    "GET /api/bearer HTTP/1.1\r\n\r\n",
  );
});

test("the recorded status text wins; unknown codes keep an empty reason", () => {
  expect(formatResponseTranscript({ status: 401, statusText: "Who are you", headers: [], body: "" })).toBe(
    "HTTP/1.1 401 Who are you\r\n\r\n",
  );
  expect(formatResponseTranscript({ status: 599, statusText: "", headers: [], body: "" })).toBe(
    "HTTP/1.1 599 \r\n\r\n",
  );
});

test("line breaks inside values cannot fake a header line", () => {
  const text = formatResponseTranscript({
    status: 200,
    statusText: "OK\r\nX-Evil: 1",
    headers: [["X-A", "a\r\nSet-Cookie: s=1\u0000\u007f"]],
    body: "",
  });
  expect(text).toBe("HTTP/1.1 200 OK␍␊X-Evil: 1\r\nX-A: a␍␊Set-Cookie: s=1␀␡\r\n\r\n");
});

test("does not throw on odd input", () => {
  const odd = {
    request: { method: undefined, url: undefined, headers: undefined },
    response: { status: undefined, headers: undefined },
  } as unknown as Exchange;
  expect(() => formatTranscript(odd)).not.toThrow();
});
