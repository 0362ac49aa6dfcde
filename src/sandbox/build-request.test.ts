import { expect, test } from "vitest";
import { draftAuthorization, newClientMemory } from "./answer-challenge.ts";
import {
  buildRequest,
  endpointUrl,
  headerValueProblem,
  parseHeaderLines,
  stepDraft,
  type AuthDraft,
  type RequestDraft,
} from "./build-request.ts";

const draft = (overrides: Partial<RequestDraft> = {}): RequestDraft => ({
  method: "GET",
  endpoint: "status/404",
  auth: { type: "none" },
  headers: [],
  body: "",
  ...overrides,
});

test("the request goes to the endpoint under <base>api/, with the extra fields in order", () => {
  const built = buildRequest(
    draft({
      headers: [
        ["Accept", "application/json"],
        ["X-Trace", "1"],
      ],
    }),
    "/lab/",
    "http://x.test",
  );
  expect(built).toEqual({
    ok: true,
    record: {
      method: "GET",
      url: "http://x.test/lab/api/status/404",
      headers: [
        ["Accept", "application/json"],
        ["X-Trace", "1"],
      ],
    },
  });
});

test("a leading slash or api/ typed into the endpoint is not doubled", () => {
  expect(endpointUrl("/lab/", "/api/bearer", "http://x.test").href).toBe("http://x.test/lab/api/bearer");
});

test("an absolute URL is sent as named when it is under the API or the origin's OAuth well-known URLs; nowhere else", () => {
  const sent = (endpoint: string) => {
    const built = buildRequest(draft({ endpoint }), "/lab/", "http://x.test");
    return built.ok ? built.record.url : built.error.message;
  };
  expect(sent("http://x.test/lab/api/oauth/metadata/resource")).toBe("http://x.test/lab/api/oauth/metadata/resource");
  expect(sent("http://x.test/.well-known/oauth-authorization-server/lab/api/oauth/as")).toBe(
    "http://x.test/.well-known/oauth-authorization-server/lab/api/oauth/as",
  );
  // Neighbours: another origin, another well-known document, the site outside the API.
  expect(sent("http://other.test/lab/api/bearer")).toContain("leaves the sandbox API");
  expect(sent("http://other.test/.well-known/oauth-authorization-server")).toContain("leaves the sandbox API");
  expect(sent("http://x.test/.well-known/security.txt")).toContain("leaves the sandbox API");
  expect(sent("http://x.test/lab/index.html")).toContain("leaves the sandbox API");
});

test("an endpoint that climbs out of the API is refused with a sentence", () => {
  const built = buildRequest(draft({ endpoint: "../../index.html" }), "/lab/", "http://x.test");
  expect(built.ok).toBe(false);
  expect(!built.ok && built.error.message).toContain("leaves the sandbox API");
});

test("the Authorization value is added last, and the method is upper-cased", () => {
  const built = buildRequest(draft({ method: "post", body: "a=1" }), "/", "http://x.test", "Bearer t");
  expect(built.ok && built.record).toMatchObject({
    method: "POST",
    headers: [["Authorization", "Bearer t"]],
    body: "a=1",
  });
});

test("GET and HEAD carry no body, as fetch cannot send one", () => {
  const built = buildRequest(draft({ body: "ignored" }), "/", "http://x.test");
  expect(built.ok && built.record.body).toBeUndefined();
});

test("a method name that is not a token, or one browsers forbid, is a sentence", () => {
  expect(buildRequest(draft({ method: "GE T" }), "/", "http://x.test")).toMatchObject({ ok: false });
  const trace = buildRequest(draft({ method: "TRACE" }), "/", "http://x.test");
  expect(!trace.ok && trace.error.message).toContain("Browsers refuse");
});

test("a field the browser controls (Host, Cookie, Proxy-*) is refused, since it would be dropped silently", () => {
  for (const name of ["Host", "cookie", "Proxy-Authorization", "Sec-Fetch-Mode"]) {
    const built = buildRequest(draft({ headers: [[name, "x"]] }), "/", "http://x.test");
    expect(!built.ok && built.error.message).toContain(`cannot set ${name}`);
  }
});

test("header values: non-Latin-1, CR/LF and NUL each get their own sentence; Latin-1 passes", () => {
  expect(headerValueProblem("The token", "abc€")).toContain("U+20AC");
  expect(headerValueProblem("The token", "a😀")).toContain("U+1F600");
  expect(headerValueProblem("X", "a\r\nInjected: 1")).toContain("line break");
  expect(headerValueProblem("X", "a\u0000")).toContain("NUL");
  expect(headerValueProblem("X", "café")).toBeUndefined();
  expect(headerValueProblem("X", "x".repeat(10_000))).toBeUndefined();
});

test("extra header lines: Name: value per line; blank lines skipped; folding and bad names refused", () => {
  expect(parseHeaderLines("Accept: text/plain\n\nX-A:  b \r\n")).toEqual({
    ok: true,
    headers: [
      ["Accept", "text/plain"],
      ["X-A", "b"],
    ],
  });
  expect(parseHeaderLines("X-A: 1\n  continued")).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("RFC 9112 §5.2") as string },
  });
  expect(parseHeaderLines("no colon here")).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("no colon") as string },
  });
  expect(parseHeaderLines("Bad Name: 1")).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("not a field name") as string },
  });
});

const simpleAuthorization = (auth: AuthDraft) =>
  draftAuthorization(auth, { method: "GET", url: "http://x.test/api/x" }, newClientMemory());

test("Basic, Bearer and raw credentials are encoded, or refused with the library's sentence", async () => {
  expect(await simpleAuthorization({ type: "basic", user: "user", password: "passwd" })).toEqual({
    ok: true,
    value: "Basic dXNlcjpwYXNzd2Q=",
  });
  expect(await simpleAuthorization({ type: "basic", user: "a:b", password: "p" })).toMatchObject({ ok: false });
  expect(await simpleAuthorization({ type: "bearer", token: "demo-read-write" })).toEqual({
    ok: true,
    value: "Bearer demo-read-write",
  });
  expect(await simpleAuthorization({ type: "bearer", token: "" })).toMatchObject({ ok: false });
  expect(await simpleAuthorization({ type: "bearer", token: "t€" })).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("Latin-1") as string },
  });
  expect(await simpleAuthorization({ type: "raw", value: "Custom x" })).toEqual({ ok: true, value: "Custom x" });
  expect(await simpleAuthorization({ type: "none" })).toEqual({ ok: true, value: undefined });
  // Digest needs a challenge for the URL first: a sentence, not a request without credentials.
  expect(await simpleAuthorization({ type: "digest", user: "u", password: "p" })).toMatchObject({
    ok: false,
    error: { reason: "no-challenge" },
  });
});

test("a lesson step is a draft; a replay repeats the last Authorization byte for byte, or says to run the step before", () => {
  const step = { method: "GET" as const, path: "x", auth: { type: "replay" as const }, headers: [] };
  expect(stepDraft(step, 'Digest username="user", nc=00000001')).toEqual({
    ok: true,
    draft: {
      method: "GET",
      endpoint: "x",
      auth: { type: "raw", value: 'Digest username="user", nc=00000001' },
      headers: [],
      body: "",
    },
  });
  expect(stepDraft(step, undefined)).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("run the previous step first") as string },
  });
});
