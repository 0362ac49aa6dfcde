import { expect, test } from "vitest";
import { lintResponse } from "../../http/index.ts";
import { challengesOf, headerList, testClient } from "./test-client.ts";

const send = testClient();

test("status/200: 200 OK with a JSON body naming the status", async () => {
  const response = await send("/api/status/200");
  expect(response.status).toBe(200);
  expect(response.statusText).toBe("OK");
  expect(await response.json()).toEqual({ status: 200, reason: "OK" });
});

test("the status line carries RFC 9110's reason phrases, not older ones", async () => {
  expect((await send("/api/status/413")).statusText).toBe("Content Too Large");
  expect((await send("/api/status/422")).statusText).toBe("Unprocessable Content");
  // 418 sends the phrase its page teaches, not the registry's annotation "(Unused)".
  const teapot = await send("/api/status/418");
  expect(teapot.statusText).toBe("I'm a teapot");
  expect(teapot.statusText).not.toBe("(Unused)");
});

test("an unregistered code in range is sent as it is, with an empty reason phrase", async () => {
  const response = await send("/api/status/599");
  expect(response.status).toBe(599);
  expect(await response.json()).toEqual({ status: 599, reason: "" });
});

test.each(["100", "101", "102", "103", "199"])(
  "a 1xx (%s) cannot be final: 200 with X-Requested-Status and a note",
  async (code) => {
    const response = await send(`/api/status/${code}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Requested-Status")).toBe(code);
    const body = (await response.json()) as { requestedStatus: number; note: string };
    expect(body.requestedStatus).toBe(Number(code));
    expect(body.note).toMatch(/interim response \(RFC 9110 §15\.2\)/);
  },
);

test.each(["abc", "99", "600", "1000", "20", "2OO", "4.0"])("status/%s is 400 with a sentence", async (code) => {
  const response = await send(`/api/status/${code}`);
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/is not a status code: give three digits from 100 to 599/);
});

test("201 names the new resource in Location", async () => {
  const response = await send("/api/status/201");
  expect(response.headers.get("Location")).toBe("/api/status/200");
});

const conditional = { headers: { "If-None-Match": '"33a64df5"' } };

test.each([
  [204, {}],
  [205, {}],
  [304, conditional],
])("%s has no content", async (code, init) => {
  const response = await send(`/api/status/${code}`, init);
  expect(response.status).toBe(code);
  expect(response.body).toBeNull();
  expect(await response.text()).toBe("");
});

test("304 carries the validator a 200 would have had", async () => {
  expect((await send("/api/status/304", conditional)).headers.get("ETag")).toBe('"33a64df5"');
});

test.each([
  ['"33a64df5"', 304],
  ['W/"33a64df5"', 304],
  ['"other", "33a64df5"', 304],
  ["*", 304],
  ['"other"', 200],
  [undefined, 200],
])("status/304 answers 304 only to a conditional GET: If-None-Match %s gets %s", async (tag, expected) => {
  const response = await send("/api/status/304", tag === undefined ? {} : { headers: { "If-None-Match": tag } });
  expect(response.status).toBe(expected);
  // Either way the response carries the representation's validator.
  expect(response.headers.get("ETag")).toBe('"33a64df5"');
  if (expected === 200) {
    const body = (await response.json()) as { requestedStatus: number; note: string };
    expect(body.requestedStatus).toBe(304);
    expect(body.note).toMatch(/send If-None-Match: "33a64df5" to get 304/);
  }
});

test("status/304 with a matching If-None-Match on a POST is 412, as RFC 9110 §13.1.2 says", async () => {
  const response = await send("/api/status/304", { method: "POST", ...conditional });
  expect(response.status).toBe(412);
  expect((await send("/api/status/304", { method: "POST" })).status).toBe(200);
});

test("206 sends Content-Range and exactly the octets it names", async () => {
  const response = await send("/api/status/206");
  const range = response.headers.get("Content-Range") ?? "";
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  expect(match).not.toBeNull();
  const [, first, last, complete] = (match ?? []).map(Number);
  const body = new Uint8Array(await response.arrayBuffer());
  expect(body.length).toBe((last ?? 0) - (first ?? 0) + 1);
  expect(complete).toBeGreaterThan(body.length);
});

test("416 sends Content-Range with the representation's length, the one 206 names", async () => {
  const complete = (await send("/api/status/206")).headers.get("Content-Range")?.split("/")[1];
  expect((await send("/api/status/416")).headers.get("Content-Range")).toBe(`bytes */${complete}`);
});

test.each([301, 302, 303, 307, 308])("%s redirects with Location to status/200, under the base path", async (code) => {
  const response = await send(`/api/status/${code}`);
  expect(response.status).toBe(code);
  expect(response.headers.get("Location")).toBe("/api/status/200");
  const based = await testClient({}, "/http-status-lab/")(`/http-status-lab/api/status/${code}`);
  expect(based.headers.get("Location")).toBe("/http-status-lab/api/status/200");
});

test("401 carries a Basic challenge in WWW-Authenticate", async () => {
  const response = await send("/api/status/401");
  expect(challengesOf(response)).toEqual([{ scheme: "Basic", params: { realm: "HTTP Status Lab", charset: "UTF-8" } }]);
});

test("407 carries a Basic challenge in Proxy-Authenticate", async () => {
  const response = await send("/api/status/407");
  expect(response.headers.get("WWW-Authenticate")).toBeNull();
  expect(challengesOf(response, "Proxy-Authenticate")).toEqual([
    { scheme: "Basic", params: { realm: "HTTP Status Lab", charset: "UTF-8" } },
  ]);
});

test("405 lists in Allow the methods other than the one just refused", async () => {
  expect((await send("/api/status/405")).headers.get("Allow")).toBe("POST, PUT, PATCH, DELETE, OPTIONS");
  expect((await send("/api/status/405", { method: "DELETE" })).headers.get("Allow")).toBe(
    "GET, HEAD, POST, PUT, PATCH, OPTIONS",
  );
});

test("429 and 503 say when to retry", async () => {
  expect((await send("/api/status/429")).headers.get("Retry-After")).toBe("30");
  expect((await send("/api/status/503")).headers.get("Retry-After")).toBe("600");
});

test("426 names the protocol to upgrade to, with the Upgrade connection option", async () => {
  const response = await send("/api/status/426");
  expect(response.headers.get("Upgrade")).toBe("TLS/1.0, HTTP/1.1");
  expect(response.headers.get("Connection")).toBe("Upgrade");
});

test("408 closes the connection; 451 names who blocks", async () => {
  expect((await send("/api/status/408")).headers.get("Connection")).toBe("close");
  expect((await send("/api/status/451")).headers.get("Link")).toMatch(/rel="blocked-by"$/);
});

test("every code from 100 to 599 answers, and src/http's lint finds no error or warning in any", async () => {
  for (let code = 100; code <= 599; code++) {
    // 304 answers only a conditional request (its neighbour, 200 without one, is tested above).
    const response = await send(`/api/status/${code}`, code === 304 ? conditional : {});
    expect(response.status).toBe(code < 200 ? 200 : code);
    const findings = lintResponse({ status: response.status, headers: headerList(response) }).filter(
      (finding) => finding.severity !== "info",
    );
    expect(findings, `status ${code}`).toEqual([]);
  }
});

test("any method is accepted, as httpbin's", async () => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
    expect((await send("/api/status/202", { method })).status).toBe(202);
  }
});

test("HEAD gets the status and fields without content", async () => {
  const response = await send("/api/status/401", { method: "HEAD" });
  expect(response.status).toBe(401);
  expect(response.headers.get("WWW-Authenticate")).not.toBeNull();
  expect(await response.text()).toBe("");
  expect(await (await send("/api/status/200", { method: "HEAD" })).text()).toBe("");
  expect(await (await send("/api/status/103", { method: "HEAD" })).text()).toBe("");
});

test("a weighted list picks by weight, with the injected random number", async () => {
  const at = (random: number) => testClient({ random: () => random });
  expect((await at(0)("/api/status/200,500")).status).toBe(200);
  expect((await at(0.99)("/api/status/200,500")).status).toBe(500);
  expect((await at(0.2)("/api/status/200:1,500:3")).status).toBe(200);
  expect((await at(0.3)("/api/status/200:1,500:3")).status).toBe(500);
  expect((await at(0.5)("/api/status/200:0,404")).status).toBe(404);
  expect((await at(0.999999)("/api/status/404,200:0")).status).toBe(404);
});

test.each(["200,abc", "200:x", "200:-1", "200:1:2", "200:", "200:0,500:0"])(
  "a bad weighted list (%s) is 400 with a sentence",
  async (codes) => {
    const response = await send(`/api/status/${codes}`);
    expect(response.status).toBe(400);
    expect((await response.text()).length).toBeGreaterThan(20);
  },
);
