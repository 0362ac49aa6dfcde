import { expect, test } from "vitest";
import { newClientMemory } from "./answer-challenge.ts";
import type { AuthDraft } from "./build-request.ts";
import { followChallenge, type SendRecord } from "./follow-challenge.ts";
import { createApiResponder } from "./node.ts";
import { performExchange } from "./perform-exchange.ts";

// The follow logic against the real handler list, through the in-page transport's getResponse.
const origin = "http://sandbox.test";
const respond = createApiResponder("/lab/");
const send: SendRecord = (record) =>
  performExchange(
    { kind: "in-page", send: async (request) => (await respond(request)) ?? new Response(null, { status: 404 }) },
    record,
    origin,
  );

async function follow(endpoint: string, auth: AuthDraft, memory = newClientMemory(), method = "GET") {
  return followChallenge({
    draft: { method, endpoint, auth, headers: [], body: method === "GET" ? "" : "hello" },
    apiRoot: "/lab/api/",
    origin,
    send,
    memory,
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
