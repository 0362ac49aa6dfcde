import { expect, test } from "vitest";
import { withBehaviourEndpoints } from "./behaviour-endpoints.ts";

const passed: string[] = [];
const respond = withBehaviourEndpoints(async (request) => {
  passed.push(new URL(request.url).pathname);
  return new Response("from the handlers", { status: 404 });
}, "/lab/");

test("redirect/{3xx with Location}: that status, Location the echo, nothing stored", async () => {
  for (const code of [300, 301, 302, 303, 307, 308]) {
    const response = await respond(new Request(`http://127.0.0.1/lab/api/behaviour/redirect/${code}`));
    expect(response?.status).toBe(code);
    expect(response?.headers.get("Location")).toBe("/lab/api/behaviour/echo");
    expect(response?.headers.get("Cache-Control")).toBe("no-store");
  }
});

test("any other code, or path, goes to the sandbox's handlers untouched", async () => {
  passed.length = 0;
  for (const rest of ["redirect/304", "redirect/200", "redirect/301x", "redirect/", "echo/more", "../status/301"]) {
    const response = await respond(new Request(`http://127.0.0.1/lab/api/behaviour/${rest}`));
    expect(response?.status, rest).toBe(404);
  }
  await respond(new Request("http://127.0.0.1/lab/api/status/301"));
  expect(passed).toHaveLength(7);
});

test("echo: the method and at most 64 characters of the content, as JSON text (never markup)", async () => {
  const post = await respond(
    new Request("http://127.0.0.1/lab/api/behaviour/echo", { method: "POST", body: `<script>${"x".repeat(5000)}` }),
  );
  expect(post?.headers.get("Content-Type")).toMatch(/^application\/json/);
  const echoed = (await post?.json()) as { method: string; bodyLength: number; body: string };
  expect(echoed.method).toBe("POST");
  expect(echoed.bodyLength).toBe(5008);
  expect(echoed.body).toHaveLength(64);
  const get = (await (await respond(new Request("http://127.0.0.1/lab/api/behaviour/echo")))?.json()) as {
    method: string;
    body: string;
  };
  expect(get).toEqual({ method: "GET", bodyLength: 0, body: "" });
});
