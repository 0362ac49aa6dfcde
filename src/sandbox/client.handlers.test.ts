import { expect, test } from "vitest";
import { newClientMemory } from "./answer-challenge.ts";
import type { AuthDraft, RequestDraft } from "./build-request.ts";
import { createSandboxClient } from "./client.ts";
import { nodeTransport } from "./node.ts";

// The sandbox client against the real handler list, through msw's getResponse in-process.
const origin = "http://sandbox.test";
const transport = nodeTransport("/lab/");

async function follow(endpoint: string, auth: AuthDraft, memory = newClientMemory(), method = "GET") {
  return createSandboxClient({ transport, base: "/lab/", origin, memory }).follow({
    method,
    endpoint,
    auth,
    headers: [],
    body: method === "GET" ? "" : "hello",
  });
}

const statuses = (result: Awaited<ReturnType<typeof follow>>) =>
  result.steps.map((step) => step.exchange.response.status);

test("basic-auth: 401, then 200", async () => {
  const result = await follow("basic-auth/user/passwd", { type: "basic", user: "user", password: "passwd" });
  expect(statuses(result)).toEqual([401, 200]);
  expect(result.outcome.kind).toBe("authenticated");
});

for (const algorithm of ["MD5", "SHA-256", "SHA-512-256", "SHA-256-sess"]) {
  for (const qop of ["auth", "auth-int"]) {
    test(`digest-auth ${qop} ${algorithm}: 401, then 200`, async () => {
      const result = await follow(
        `digest-auth/${qop}/user/passwd/${algorithm}`,
        { type: "digest", user: "user", password: "passwd" },
        newClientMemory(),
        "POST",
      );
      expect(statuses(result)).toEqual([401, 200]);
    });
  }
}

test("digest-auth with stale_after 1: the second walk gets stale=true and retries with the new nonce", async () => {
  const memory = newClientMemory();
  const auth: AuthDraft = { type: "digest", user: "user", password: "passwd" };
  expect(statuses(await follow("digest-auth/auth/user/passwd/SHA-256/1", auth, memory))).toEqual([401, 200]);
  const second = await follow("digest-auth/auth/user/passwd/SHA-256/1", auth, memory);
  expect(statuses(second)).toEqual([401, 200]);
  expect(second.steps[0]?.exchange.response.headers.find(([name]) => name === "www-authenticate")?.[1]).toContain(
    "stale=true",
  );
  expect(second.steps[1]?.label).toContain("stale=true");
});

test("bearer: every RFC 6750 outcome with the demo tokens", async () => {
  expect((await follow("bearer", { type: "bearer", token: "demo-read-write" })).outcome.kind).toBe("authenticated");
  const expired = await follow("bearer", { type: "bearer", token: "demo-expired" });
  expect(expired.outcome.message).toContain("invalid_token");
  const narrow = await follow("bearer", { type: "bearer", token: "demo-read-only" }, newClientMemory(), "POST");
  expect(narrow.outcome.kind).toBe("forbidden");
  expect(narrow.outcome.message).toContain("insufficient_scope");
});

test("admin: the right credentials of the wrong user get 403, and the walk says why", async () => {
  const result = await follow("admin/user/passwd", { type: "basic", user: "user", password: "passwd" });
  expect(statuses(result)).toEqual([401, 403]);
  expect(result.outcome.kind).toBe("forbidden");
});

test("hidden-basic-auth: a 404 without a challenge ends the walk", async () => {
  const result = await follow("hidden-basic-auth/user/passwd", { type: "basic", user: "user", password: "passwd" });
  expect(statuses(result)).toEqual([404]);
  expect(result.outcome.kind).toBe("no-challenge");
});

const client = () => createSandboxClient({ transport, base: "/lab/", origin });

test("send() reports a 3xx as the handler sent it: its status line and Location, not followed", async () => {
  for (const status of [301, 302, 303, 307, 308]) {
    const sent = await client().send({
      method: "GET",
      endpoint: `status/${status}`,
      auth: { type: "none" },
      headers: [],
      body: "",
    });
    expect(sent.ok && sent.exchange.response.status).toBe(status);
    expect(sent.ok && sent.exchange.response.headers).toContainEqual(["location", "/lab/api/status/200"]);
  }
});

for (const [status, method] of [
  [301, "GET"],
  [302, "GET"],
  [303, "GET"],
  [307, "POST"],
  [308, "POST"],
] as const) {
  test(`follow() after a POST follows the ${status} to its Location as a ${method}, and shows the chain`, async () => {
    const result = await client().follow({
      method: "POST",
      endpoint: `status/${status}`,
      auth: { type: "none" },
      headers: [["Content-Type", "text/plain"]],
      body: "hello",
    });
    expect(statuses(result)).toEqual([status, 200]);
    const second = result.steps[1]?.exchange.request;
    expect(second?.method).toBe(method);
    expect(second?.url).toBe("http://sandbox.test/lab/api/status/200");
    expect(second?.body).toBe(method === "POST" ? "hello" : undefined);
    expect(second?.headers).toEqual(method === "POST" ? [["Content-Type", "text/plain"]] : []);
    expect(result.steps[1]?.label).toContain(`Followed the ${status}`);
    expect(result.outcome.message).toContain(`Followed 1 redirect (${status} → /lab/api/status/200)`);
  });
}

test("a lesson step without an earlier challenge says what to do instead of sending Digest", async () => {
  const sent = await client().send({
    method: "GET",
    endpoint: "digest-auth/auth/user/passwd",
    auth: { type: "digest", user: "user", password: "passwd" },
    headers: [],
    body: "",
  });
  expect(sent).toMatchObject({ ok: false, error: { reason: "no-challenge" } });
});

test("send() answers a remembered Digest challenge at once, with the next nonce count", async () => {
  const one = client();
  const draft: RequestDraft = {
    method: "GET",
    endpoint: "digest-auth/auth/user/passwd/MD5-sess",
    auth: { type: "digest", user: "user", password: "passwd" },
    headers: [],
    body: "",
  };
  const first = await one.send({ ...draft, auth: { type: "none" } });
  expect(first.ok && first.exchange.response.status).toBe(401);
  const second = await one.send(draft);
  expect(second.ok && second.exchange.response.status).toBe(200);
  expect(second.ok && second.digest?.input).toMatchObject({ algorithm: "MD5-sess", nc: "00000001" });
  const third = await one.send(draft);
  expect(third.ok && third.exchange.response.status).toBe(200);
  expect(third.ok && third.digest?.input.nc).toBe("00000002");
});
