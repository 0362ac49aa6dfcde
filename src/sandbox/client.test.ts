import { expect, test } from "vitest";
import {
  bearerChallenge,
  createDigestServer,
  encodeBasic,
  formatChallenge,
  formatChallenges,
  parseCredentials,
  type Exchange,
  type HttpRequestRecord,
} from "../http/index.ts";
import { newClientMemory, type ClientMemory } from "./answer-challenge.ts";
import type { RequestDraft } from "./build-request.ts";
import { createSandboxClient } from "./client.ts";
import type { ExchangeResult, SandboxTransport } from "./transport.ts";

const base = "/lab/";
const origin = "http://sandbox.test";

/** A fake server's view of one request: the record it sends back an exchange for. */
type SendRecord = (record: HttpRequestRecord) => Promise<ExchangeResult>;

/** The request as a record, as the fake server sees it (field names lower-cased by Headers). */
async function recordOf(request: Request): Promise<HttpRequestRecord> {
  const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
  const record: HttpRequestRecord = { method: request.method, url: request.url, headers: [...request.headers] };
  return body === "" ? record : { ...record, body };
}

/** The sandbox client's follow() over a transport that hands every request to `send`. */
function followChallenge(options: { draft: RequestDraft; send: SendRecord; memory: ClientMemory; base?: string }) {
  const transport: SandboxTransport = {
    kind: "node",
    send: async (request) => {
      const result = await options.send(await recordOf(request));
      if (!result.ok) throw new Error(result.error.message);
      const { status, headers, body } = result.exchange.response;
      return new Response(body === "" ? null : body, { status, headers });
    },
  };
  return createSandboxClient({ transport, base: options.base ?? base, origin, memory: options.memory }).follow(
    options.draft,
  );
}

type Answer = { status: number; headers?: Array<[string, string]>; body?: string };

/** A fake transport: a function from request record to response, recorded as an exchange. */
function fakeSend(server: (record: HttpRequestRecord) => Answer | Promise<Answer>): {
  send: SendRecord;
  sent: HttpRequestRecord[];
} {
  const sent: HttpRequestRecord[] = [];
  const send: SendRecord = async (record) => {
    sent.push(record);
    const answer = await server(record);
    const exchange: Exchange = {
      request: record,
      response: { status: answer.status, statusText: "", headers: answer.headers ?? [], body: answer.body ?? "" },
    };
    return { ok: true, exchange } satisfies ExchangeResult;
  };
  return { send, sent };
}

function authorizationOf(record: HttpRequestRecord): string | undefined {
  return record.headers.find(([name]) => name.toLowerCase() === "authorization")?.[1];
}

const draft = (auth: RequestDraft["auth"], endpoint = "protected"): RequestDraft => ({
  method: "GET",
  endpoint,
  auth,
  headers: [],
  body: "",
});
const memory = () => ({ ...newClientMemory(), cnonce: () => "0a4f113b" });

/** Follows the challenge for `sent` through `send`, with a fresh client memory unless one is given. */
const follow = (sent: RequestDraft, send: SendRecord, shared: ClientMemory = memory()) =>
  followChallenge({ draft: sent, send, memory: shared });
/** The Digest login the test servers accept. */
const userPasswd = () => draft({ type: "digest", user: "user", password: "passwd" });

const basicServer = (record: HttpRequestRecord): Answer =>
  authorizationOf(record) === encodeBasic("user", "passwd")
    ? { status: 200, body: '{"authenticated":true}' }
    : { status: 401, headers: [["WWW-Authenticate", 'Basic realm="Lab", charset="UTF-8"']] };

test("Basic: a first request without credentials, then the answer to the challenge, then 200", async () => {
  const { send, sent } = fakeSend(basicServer);
  const result = await follow(draft({ type: "basic", user: "user", password: "passwd" }), send);
  expect(sent.map(authorizationOf)).toEqual([undefined, "Basic dXNlcjpwYXNzd2Q="]);
  expect(sent[0]?.url).toBe("http://sandbox.test/lab/api/protected");
  expect(result.steps.map((step) => step.exchange.response.status)).toEqual([401, 200]);
  expect(result.steps[1]?.label).toContain("Basic challenge for realm “Lab”");
  expect(result.outcome.kind).toBe("authenticated");
});

test("Basic: wrong credentials are refused after one retry, as a browser would ask again", async () => {
  const { send, sent } = fakeSend(basicServer);
  const result = await follow(draft({ type: "basic", user: "user", password: "nope" }), send);
  expect(sent).toHaveLength(2);
  expect(result.outcome.kind).toBe("refused");
  expect(result.outcome.message).toContain("401");
});

test("no credentials in the draft: the client stops at the challenge and says what it needs", async () => {
  const { send, sent } = fakeSend(basicServer);
  const result = await follow(draft({ type: "none" }), send);
  expect(sent).toHaveLength(1);
  expect(result.outcome).toMatchObject({ kind: "needs-credentials" });
  expect(result.outcome.message).toContain("Basic");
});

test("a response that is not 401 ends the walk at once", async () => {
  const { send } = fakeSend(() => ({ status: 404 }));
  const result = await follow(draft({ type: "basic", user: "u", password: "p" }), send);
  expect(result.outcome.kind).toBe("no-challenge");
  expect(result.outcome.message).toContain("404 Not Found");
});

test("a 401 without WWW-Authenticate cannot be answered, citing RFC 9110 §15.5.2", async () => {
  const { send } = fakeSend(() => ({ status: 401 }));
  const result = await follow(draft({ type: "basic", user: "u", password: "p" }), send);
  expect(result.outcome).toMatchObject({ kind: "cannot-answer" });
  expect(result.outcome.message).toContain("§15.5.2");
});

test("an unparsable challenge is reported with the parser's sentence", async () => {
  const { send } = fakeSend(() => ({ status: 401, headers: [["WWW-Authenticate", 'Basic realm="unterminated']] }));
  const result = await follow(draft({ type: "basic", user: "u", password: "p" }), send);
  expect(result.outcome.kind).toBe("cannot-answer");
  expect(result.outcome.message).toMatch(/cannot be parsed/);
});

const bearerServer = (record: HttpRequestRecord): Answer => {
  const value = authorizationOf(record);
  if (value === undefined)
    return { status: 401, headers: [["WWW-Authenticate", formatChallenge(bearerChallenge({ realm: "Lab" }))]] };
  if (value === "Bearer good") return { status: 200 };
  if (value === "Bearer narrow") {
    return {
      status: 403,
      headers: [["WWW-Authenticate", 'Bearer realm="Lab", error="insufficient_scope", scope="write"']],
    };
  }
  return {
    status: 401,
    headers: [["WWW-Authenticate", 'Bearer realm="Lab", error="invalid_token", error_description="The token expired"']],
  };
};

test("Bearer: the token answers the Bearer challenge", async () => {
  const { send, sent } = fakeSend(bearerServer);
  const result = await follow(draft({ type: "bearer", token: "good" }), send);
  expect(sent.map(authorizationOf)).toEqual([undefined, "Bearer good"]);
  expect(result.outcome.kind).toBe("authenticated");
});

test("Bearer: invalid_token is a refusal that quotes error_description", async () => {
  const { send } = fakeSend(bearerServer);
  const result = await follow(draft({ type: "bearer", token: "old" }), send);
  expect(result.outcome.kind).toBe("refused");
  expect(result.outcome.message).toContain('error="invalid_token" (“The token expired”)');
});

test("Bearer: insufficient_scope is a 403 that names the scope needed", async () => {
  const { send } = fakeSend(bearerServer);
  const result = await follow(draft({ type: "bearer", token: "narrow" }), send);
  expect(result.outcome.kind).toBe("forbidden");
  expect(result.outcome.message).toContain('scope "write"');
});

test("a password cannot answer a Bearer challenge, and the client says to use a token", async () => {
  const { send } = fakeSend(bearerServer);
  const result = await follow(draft({ type: "basic", user: "u", password: "p" }), send);
  expect(result.outcome.kind).toBe("cannot-answer");
  expect(result.outcome.message).toContain("Bearer");
});

function digestSend(options: {
  algorithms: string[];
  qop?: Array<"auth" | "auth-int">;
  clock?: { now: number };
  lifetime?: number;
  userhash?: boolean;
}) {
  const clock = options.clock ?? { now: 1_000_000 };
  const server = createDigestServer({
    secret: "test-secret",
    realm: "Lab",
    algorithms: options.algorithms,
    qop: options.qop ?? ["auth"],
    nonceLifetimeMs: options.lifetime ?? 60_000,
    userhash: options.userhash ?? false,
    now: () => clock.now,
  });
  return fakeSend(async (record) => {
    const verdict = await server.verify({
      method: record.method,
      uri: record.url,
      authorization: authorizationOf(record),
      body: record.body ?? "",
      user: "user",
      password: "passwd",
    });
    if (verdict.ok) return { status: 200 };
    const stale = verdict.error.reason === "stale-nonce";
    return { status: 401, headers: [["WWW-Authenticate", formatChallenges(await server.challenges({ stale }))]] };
  });
}

test("Digest: the strongest offered algorithm is answered, and the chain is shown with its inputs", async () => {
  const { send, sent } = digestSend({ algorithms: ["MD5", "SHA-256"] });
  const result = await follow(userPasswd(), send);
  expect(result.outcome.kind).toBe("authenticated");
  const answer = parseCredentials(authorizationOf(sent[1] ?? { method: "", url: "", headers: [] }) ?? "");
  expect(answer.ok && answer.credentials.params).toMatchObject({
    algorithm: "SHA-256",
    nc: "00000001",
    cnonce: "0a4f113b",
    qop: "auth",
    uri: "/lab/api/protected",
  });
  const digest = result.steps[1]?.digest;
  expect(digest?.chain.ha1Input).toBe("user:Lab:passwd");
  expect(digest?.chain.ha2Input).toBe("GET:/lab/api/protected");
  expect(digest?.chain.response).toMatch(/^[0-9a-f]{64}$/);
});

test("Digest with qop=auth-int and SHA-512-256 hashes the body into A2", async () => {
  const { send } = digestSend({ algorithms: ["SHA-512-256"], qop: ["auth-int"] });
  const result = await follow({ ...userPasswd(), method: "POST", body: "hello" }, send);
  expect(result.outcome.kind).toBe("authenticated");
  expect(result.steps[1]?.digest?.input).toMatchObject({ qop: "auth-int", entityBody: "hello" });
});

test("Digest: a stale nonce is retried once with the new nonce, without asking again", async () => {
  const clock = { now: 1_000_000 };
  const { send, sent } = digestSend({ algorithms: ["SHA-256"], clock, lifetime: 1000 });
  let calls = 0;
  const slowSend: SendRecord = (record) => {
    // Between the challenge and the answer, the nonce grows older than its lifetime.
    calls += 1;
    if (calls === 2) clock.now += 5000;
    return send(record);
  };
  const result = await follow(userPasswd(), slowSend);
  expect(result.steps.map((step) => step.exchange.response.status)).toEqual([401, 401, 200]);
  expect(sent).toHaveLength(3);
  expect(result.outcome.kind).toBe("authenticated");
  const staleResponse = result.steps[1]?.exchange.response.headers[0]?.[1] ?? "";
  expect(staleResponse).toContain("stale=true");
  expect(result.steps[2]?.label).toContain("stale=true");
});

test("Digest: wrong password is refused, not retried forever", async () => {
  const { send, sent } = digestSend({ algorithms: ["MD5"] });
  const result = await follow(draft({ type: "digest", user: "user", password: "wrong" }), send);
  expect(sent).toHaveLength(2);
  expect(result.outcome.kind).toBe("refused");
});

test("Digest: a second walk answers at once with the remembered nonce and the next nonce count", async () => {
  const { send, sent } = digestSend({ algorithms: ["SHA-256"] });
  const shared = memory();
  await follow(userPasswd(), send, shared);
  const second = await follow(userPasswd(), send, shared);
  expect(second.steps).toHaveLength(1);
  expect(second.steps[0]?.label).toContain("at once");
  expect(second.outcome.kind).toBe("authenticated");
  const credentials = parseCredentials(authorizationOf(sent[2] ?? { method: "", url: "", headers: [] }) ?? "");
  expect(credentials.ok && credentials.credentials.params["nc"]).toBe("00000002");
});

test("Digest: an expired remembered nonce gets stale=true, and the client retries with the new one", async () => {
  const clock = { now: 1_000_000 };
  const { send } = digestSend({ algorithms: ["SHA-256"], clock, lifetime: 1000 });
  const shared = memory();
  await follow(userPasswd(), send, shared);
  clock.now += 5000;
  const result = await follow(userPasswd(), send, shared);
  expect(result.steps.map((step) => step.exchange.response.status)).toEqual([401, 200]);
  expect(result.steps[1]?.label).toContain("stale=true");
});

test("Digest: a refused remembered nonce is followed by one answer to the fresh challenge", async () => {
  const { send } = digestSend({ algorithms: ["SHA-256"] });
  const shared = memory();
  shared.challenges.set("http://sandbox.test/lab/api/protected", [
    { scheme: "Digest", params: { realm: "Lab", nonce: "forged", qop: "auth", algorithm: "SHA-256" } },
  ]);
  const result = await follow(userPasswd(), send, shared);
  expect(result.steps.map((step) => step.exchange.response.status)).toEqual([401, 200]);
  expect(result.steps[1]?.label).toContain("remembered nonce was refused");
});

test("a request the browser would refuse is a sentence, and nothing is sent", async () => {
  const { send, sent } = fakeSend(basicServer);
  const withBadHeader: RequestDraft = { ...draft({ type: "none" }), headers: [["X-Note", "café €"]] };
  const result = await followChallenge({ draft: withBadHeader, send, memory: memory() });
  expect(sent).toHaveLength(0);
  expect(result.outcome.kind).toBe("failed");
  expect(result.outcome.message).toContain("U+20AC");
});

test("a transport failure ends the walk with its sentence", async () => {
  const send: SendRecord = () => Promise.resolve({ ok: false, error: { message: "offline" } });
  const result = await follow(draft({ type: "none" }), send);
  expect(result.outcome).toEqual({
    kind: "failed",
    message: "The request was built but no response came back: offline",
  });
});

const redirectTo = (location: string) => (record: HttpRequestRecord) =>
  record.url.endsWith("/start")
    ? { status: 302, headers: [["Location", location]] as Array<[string, string]> }
    : { status: 200 };

test("a redirect out of the sandbox API is not followed: the walk says where a browser would go", async () => {
  const { send, sent } = fakeSend(redirectTo("http://elsewhere.test/"));
  const result = await follow(draft({ type: "none" }, "start"), send);
  expect(sent).toHaveLength(1);
  expect(result.outcome.kind).toBe("redirect-elsewhere");
  expect(result.outcome.message).toContain("http://elsewhere.test/");
});

test("a redirect loop stops after five redirects; a 3xx without Location is shown as it is", async () => {
  const loop = fakeSend(() => ({ status: 307, headers: [["Location", "/lab/api/loop"]] }));
  const looped = await follow(draft({ type: "none" }, "loop"), loop.send);
  expect(loop.sent).toHaveLength(6);
  expect(looped.outcome.message).toContain("Stopped after 5 redirects");
  const bare = fakeSend(() => ({ status: 301 }));
  const stopped = await follow(draft({ type: "none" }), bare.send);
  expect(bare.sent).toHaveLength(1);
  expect(stopped.outcome.message).toContain("without a Location field");
});

test("a relative Location is resolved against the request URL", async () => {
  const { send, sent } = fakeSend(redirectTo("next"));
  const result = await follow(draft({ type: "none" }, "a/start"), send);
  expect(sent.map((record) => record.url)).toEqual([
    "http://sandbox.test/lab/api/a/start",
    "http://sandbox.test/lab/api/a/next",
  ]);
  expect(result.steps).toHaveLength(2);
});
