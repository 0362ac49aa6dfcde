import { afterAll, beforeAll, expect, test } from "vitest";
import { answerWithHandlers, createHandlers } from "./handlers.ts";
import { createApiResponder, nodeTransport, setupSandboxServer } from "./node.ts";

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

test("the 404 for a path no handler takes says the registry's reason phrase, as in every transport", async () => {
  const transport = nodeTransport("/base/");
  const outside = await transport.send(new Request("http://localhost/elsewhere"));
  const underApi = await transport.send(new Request("http://localhost/base/api/nothing-here"));
  // The in-page fallback (browser.ts) answers with the same function over the same handlers.
  const inPage = await answerWithHandlers(createHandlers("/base/"), new Request("http://localhost/elsewhere"));
  for (const response of [outside, underApi, inPage]) {
    expect([response.status, response.statusText]).toEqual([404, "Not Found"]);
    expect(await response.json()).toEqual({ error: "No sandbox endpoint answers this path." });
  }
});

test("no status line takes msw's own phrase: a code the registry lacks has none, a registered one the registry's", async () => {
  const transport = nodeTransport("/");
  const unregistered = await transport.send(new Request("http://localhost/api/status/509"));
  expect([unregistered.status, unregistered.statusText]).toEqual([509, ""]);
  const renamed = await transport.send(new Request("http://localhost/api/status/413"));
  expect([renamed.status, renamed.statusText]).toEqual([413, "Content Too Large"]);
  const notAllowed = await transport.send(new Request("http://localhost/api/basic-auth/u/p", { method: "POST" }));
  expect([notAllowed.status, notAllowed.statusText]).toEqual([405, "Method Not Allowed"]);
});
