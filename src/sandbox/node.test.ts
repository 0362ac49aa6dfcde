import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiResponder, setupSandboxServer } from "./node.ts";

test("createApiResponder answers under <base>api/ for any origin, and nothing else", async () => {
  const respond = createApiResponder("/http-status-lab/");
  expect((await respond(new Request("http://localhost:4321/http-status-lab/api/status/418")))?.status).toBe(418);
  expect((await respond(new Request("http://192.168.1.20:8080/http-status-lab/api/status/204")))?.status).toBe(204);
  expect(await respond(new Request("http://localhost:4321/api/status/418"))).toBeUndefined();
  expect(await respond(new Request("http://localhost:4321/http-status-lab/status/418/"))).toBeUndefined();
  expect(await respond(new Request("http://localhost:4321/http-status-lab/"))).toBeUndefined();
});

test("createApiResponder accepts a base path without its trailing slash", async () => {
  const respond = createApiResponder("/lab");
  expect((await respond(new Request("http://localhost/lab/api/status/202")))?.status).toBe(202);
});

test("createApiResponder passes its options to the handlers", async () => {
  const respond = createApiResponder("/", { random: () => 0.9 });
  expect((await respond(new Request("http://localhost/api/status/200,500")))?.status).toBe(500);
});

const server = setupSandboxServer("http://sandbox.test", "/base/");
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

test("setupSandboxServer answers real fetch calls in-process", async () => {
  const response = await fetch("http://sandbox.test/base/api/basic-auth/user/passwd");
  expect(response.status).toBe(401);
  expect(response.headers.get("WWW-Authenticate")).toBe('Basic realm="HTTP Status Lab", charset="UTF-8"');
});
