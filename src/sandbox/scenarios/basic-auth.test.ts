import { expect, test } from "vitest";
import { encodeBasic, lintResponse } from "../../http/index.ts";
import { challengesOf, headerList, testClient } from "./test-client.ts";

const send = testClient();
const basic = (user: string, password: string) => ({ headers: { Authorization: encodeBasic(user, password) } });
const basicChallenge = { scheme: "Basic", params: { realm: "HTTP Status Lab", charset: "UTF-8" } };

test("basic-auth without credentials: 401 with the Basic challenge", async () => {
  const response = await send("/api/basic-auth/user/passwd");
  expect(response.status).toBe(401);
  expect(challengesOf(response)).toEqual([basicChallenge]);
  expect(
    lintResponse({ status: 401, headers: headerList(response) }).filter((finding) => finding.severity !== "info"),
  ).toEqual([]);
  expect(await response.json()).toEqual({ authenticated: false });
});

test("basic-auth with the credentials of the path: 200, and UTF-8 names work", async () => {
  const response = await send("/api/basic-auth/user/passwd", basic("user", "passwd"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ authenticated: true, user: "user" });
  const utf8 = await send("/api/basic-auth/J%C3%A4s%C3%B8n/p%C3%A4ss", basic("Jäsøn", "päss"));
  expect(await utf8.json()).toEqual({ authenticated: true, user: "Jäsøn" });
});

test("basic-auth with a wrong password: 401 with the challenge again", async () => {
  const response = await send("/api/basic-auth/user/passwd", basic("user", "nope"));
  expect(response.status).toBe(401);
  expect(challengesOf(response)).toEqual([basicChallenge]);
});

test("hidden-basic-auth without or with wrong credentials: the same 404 as a path that does not exist, no challenge", async () => {
  const missing = await send("/api/no-such-endpoint");
  const missingBody = await missing.text();
  for (const init of [
    {},
    basic("user", "nope"),
    { headers: { Authorization: "Bearer demo-read-write" } },
    { method: "POST" },
  ]) {
    const response = await send("/api/hidden-basic-auth/user/passwd", init);
    expect(response.status).toBe(404);
    expect(response.statusText).toBe("Not Found");
    expect(response.headers.get("WWW-Authenticate")).toBeNull();
    expect(await response.text()).toBe(missingBody);
  }
});

test("hidden-basic-auth with the right credentials: 200 like basic-auth", async () => {
  const response = await send("/api/hidden-basic-auth/user/passwd", basic("user", "passwd"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ authenticated: true, user: "user" });
});

test("hidden-basic-auth reveals 405 only to the right credentials", async () => {
  const response = await send("/api/hidden-basic-auth/user/passwd", { method: "POST", ...basic("user", "passwd") });
  expect(response.status).toBe(405);
  expect(response.headers.get("Allow")).toBe("GET, HEAD");
});

test("admin: no credentials or wrong ones get 401 with the Basic challenge", async () => {
  for (const init of [{}, basic("user", "wrong"), basic("admin", "passwd")]) {
    const response = await send("/api/admin/user/passwd", init);
    expect(response.status).toBe(401);
    expect(challengesOf(response)).toEqual([basicChallenge]);
  }
});

test("admin: the right credentials of a user who is not admin get 403, without a challenge", async () => {
  const response = await send("/api/admin/user/passwd", basic("user", "passwd"));
  expect(response.status).toBe(403);
  expect(response.statusText).toBe("Forbidden");
  expect(response.headers.get("WWW-Authenticate")).toBeNull();
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ authenticated: true, authorized: false, user: "user" });
  expect(String(body["message"])).toMatch(/RFC 9110 §15\.5\.4/);
});

test("admin: the admin account gets 200", async () => {
  const response = await send("/api/admin/admin/passwd", basic("admin", "passwd"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ authenticated: true, authorized: true, user: "admin" });
});

test("admin answers GET and HEAD only", async () => {
  const response = await send("/api/admin/admin/passwd", { method: "DELETE", ...basic("admin", "passwd") });
  expect(response.status).toBe(405);
  expect(response.headers.get("Allow")).toBe("GET, HEAD");
});

test("any other path under the API root: 404 JSON with a sentence", async () => {
  for (const path of [
    "/api/",
    "/api/nothing",
    "/api/basic-auth/user",
    "/api/digest-auth/auth/user",
    "/api/bearer/extra",
  ]) {
    const response = await send(path);
    expect(response.status, path).toBe(404);
    expect(await response.json()).toEqual({ error: "No sandbox endpoint answers this path." });
  }
});
