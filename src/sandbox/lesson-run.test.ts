import { expect, test } from "vitest";
import type { Exchange } from "../http/index.ts";
import {
  createLessonRun,
  parseLessonStep,
  readResponseValue,
  stepMismatches,
  type LessonStepSpec,
} from "./lesson-run.ts";

const exchange = (headers: Array<[string, string]>, body = "", status = 401): Exchange => ({
  request: { method: "GET", url: "http://l.test/api/oauth/resource", headers: [] },
  response: { status, statusText: "", headers, body },
  durationMs: 1,
});

const received = exchange(
  [
    ["www-authenticate", 'Bearer error="insufficient_scope", scope="write"'],
    ["location", "http://127.0.0.1:8765/callback?code=abc&state=s%201"],
    ["dpop-nonce", "n-1"],
  ],
  JSON.stringify({ servers: ["http://l.test/as"], ok: true, n: 60, nested: { a: "b" } }),
);

test("readResponseValue reads fields, the first challenge, JSON by dotted path, and the Location query", () => {
  expect(readResponseValue(received, "header.DPoP-Nonce")).toBe("n-1");
  expect(readResponseValue(received, "scheme")).toBe("Bearer");
  expect(readResponseValue(received, "challenge.scope")).toBe("write");
  expect(readResponseValue(received, "body.servers.0")).toBe("http://l.test/as");
  expect(readResponseValue(received, "body.ok")).toBe("true");
  expect(readResponseValue(received, "body.n")).toBe("60");
  expect(readResponseValue(received, "location.state")).toBe("s 1");
  // Neighbours: what is not there, an object, a prototype's property, an unknown source.
  expect(readResponseValue(received, "challenge.realm")).toBeUndefined();
  expect(readResponseValue(received, "body.nested")).toBeUndefined();
  expect(readResponseValue(received, "body.constructor")).toBeUndefined();
  expect(readResponseValue(received, "body.servers.1")).toBeUndefined();
  expect(readResponseValue(exchange([], "not json"), "body.a")).toBeUndefined();
  expect(readResponseValue(received, "cookie.x")).toBeUndefined();
});

test("stepMismatches: nothing when the response is as announced; each planted wrong expectation is named", () => {
  const right = {
    expectStatus: 401,
    expectFields: { "challenge.error": "insufficient_scope", "header.dpop-nonce": "*" },
  };
  expect(stepMismatches(right, received)).toEqual([]);
  const wrong = {
    expectStatus: 403,
    expectFields: { "challenge.error": "invalid_token", "header.dpop-nonce": "n-2", "body.x": "*" },
  };
  expect(stepMismatches(wrong, received)).toEqual([
    "the status is 401, not 403",
    "challenge.error is “insufficient_scope”, not “invalid_token”",
    "header.dpop-nonce is “n-1”, not “n-2”",
    "body.x is missing",
  ]);
  // An expectation may name a saved value.
  const saved = new Map([["issuer", "http://l.test/as"]]);
  expect(
    stepMismatches({ expectStatus: 401, expectFields: { "body.servers.0": "{issuer}" } }, received, saved),
  ).toEqual([]);
  expect(stepMismatches({ expectStatus: 401, expectFields: { "body.servers.0": "{issuer}" } }, received)).toEqual([
    "body.servers.0 is “http://l.test/as”, not “{issuer}”",
  ]);
});

const step = (request: Partial<LessonStepSpec["request"]>, save: LessonStepSpec["save"] = []): LessonStepSpec => ({
  request: { method: "POST", path: "oauth/as/token", auth: { type: "none" }, headers: [], delaySeconds: 0, ...request },
  expectStatus: 200,
  expectFields: {},
  save,
});

test("a run fills saved values into forms and tokens, encodes the form, and makes a PKCE S256 pair", async () => {
  const run = createLessonRun();
  expect(run.record(step({}, [{ name: "code", from: "location.code" }]), received)).toEqual({
    ok: true,
    saved: ["code"],
  });
  const drafted = await run.draft(
    step({
      form: [
        ["code", "{code}"],
        ["resource", "{api}oauth/resource"],
        ["v", "{code_verifier}"],
      ],
    }),
    "/lab/",
    "http://l.test",
    undefined,
  );
  if (!drafted.ok) throw new Error(drafted.error.message);
  const sent = new URLSearchParams(drafted.draft.body);
  expect(sent.get("code")).toBe("abc");
  expect(sent.get("resource")).toBe("http://l.test/lab/api/oauth/resource");
  const verifier = sent.get("v") ?? "";
  expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  expect(run.values.get("code_challenge")).toBe(Buffer.from(hash).toString("base64url"));
  expect(drafted.draft.headers).toEqual([["Content-Type", "application/x-www-form-urlencoded"]]);
  const bearer = await run.draft(
    step({ auth: { type: "bearer", token: "{code}" }, json: { a: ["{code}"] } }),
    "/",
    "http://l.test",
    undefined,
  );
  expect(bearer.ok && [bearer.draft.auth, bearer.draft.body]).toEqual([
    { type: "bearer", token: "abc" },
    '{"a":["abc"]}',
  ]);
});

test("a value no earlier step saved is a sentence, not a request with {name} in it; a missing saved value too", async () => {
  const run = createLessonRun();
  const drafted = await run.draft(step({ path: "{token_endpoint}" }), "/", "http://l.test", undefined);
  expect(drafted).toMatchObject({ ok: false, error: { message: expect.stringContaining("{token_endpoint}") } });
  expect(run.record(step({}, [{ name: "x", from: "body.missing" }]), received)).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("no body.missing") },
  });
});

test("waitSeconds: until a saved exp has passed (one second more), at most 120 s; a delay otherwise", () => {
  const run = createLessonRun();
  const payload = Buffer.from(JSON.stringify({ exp: 1_000 })).toString("base64url");
  const token = exchange([], JSON.stringify({ access_token: `h.${payload}.s` }), 200);
  run.record(step({}, [{ name: "exp", from: "body.access_token", claim: "exp" }]), token);
  expect(run.values.get("exp")).toBe("1000");
  expect(run.waitSeconds(step({ waitUntil: "{exp}" }), 970_000)).toEqual({ ok: true, seconds: 31 });
  expect(run.waitSeconds(step({ waitUntil: "{exp}" }), 1_005_000)).toEqual({ ok: true, seconds: 0 });
  expect(run.waitSeconds(step({ waitUntil: "{exp}" }), 0)).toEqual({ ok: true, seconds: 120 });
  expect(run.waitSeconds(step({ delaySeconds: 3 }), 0)).toEqual({ ok: true, seconds: 3 });
  expect(run.record(step({}, [{ name: "bad", from: "body.access_token", claim: "nbf" }]), token).ok).toBe(false);
});

test("a step without PKCE values or DPoP needs no Web Crypto (lessons 1 to 4 on an http:// LAN address)", async () => {
  const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, "subtle");
  Object.defineProperty(globalThis.crypto, "subtle", { value: undefined, configurable: true });
  try {
    const run = createLessonRun();
    const plain = await run.draft(step({ path: "basic-auth/user/passwd" }), "/", "http://l.test", undefined);
    expect(plain.ok).toBe(true);
    // The neighbour: a step that sends the PKCE challenge says why it cannot.
    const pkce = await run.draft(step({ form: [["c", "{code_challenge}"]] }), "/", "http://l.test", undefined);
    expect(pkce).toMatchObject({ ok: false, error: { message: expect.stringContaining("no Web Crypto") } });
  } finally {
    // Node's subtle is the prototype's getter: taking the own property away brings it back.
    if (subtle === undefined) Reflect.deleteProperty(globalThis.crypto, "subtle");
    else Object.defineProperty(globalThis.crypto, "subtle", subtle);
    expect(globalThis.crypto.subtle).toBeDefined();
  }
});

test("a step read back from the page's JSON is parsed against the lesson schema, defaults filled in, or refused with a sentence", () => {
  const read = parseLessonStep(
    JSON.stringify({ request: { path: "basic-auth/user/passwd" }, expectStatus: 401, expectFields: {}, save: [] }),
  );
  expect(read).toMatchObject({
    ok: true,
    step: { request: { method: "GET", auth: { type: "none" }, headers: [], delaySeconds: 0 }, expectStatus: 401 },
  });
  expect(parseLessonStep("{")).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining("not JSON") as string },
  });
  const wrong = parseLessonStep(JSON.stringify({ request: { path: "x", method: "TRACE" }, expectStatus: 200 }));
  expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringContaining("request.method") as string } });
});
