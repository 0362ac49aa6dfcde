import { expect, test } from "vitest";
import { createSandboxClient, type LessonStepSpec, type SandboxTransport } from "../sandbox/index.ts";
import { StepRunner, type StepEvent } from "./workshop-step-runner.ts";

// The step runner without a page: a fake server behind the real sandbox client and lesson runner.

/** GET token hands out a token; GET resource wants it as Bearer credentials (RFC 6750 §2.1). */
function fakeServer(paths: string[]): SandboxTransport {
  return {
    kind: "node",
    send: (request) => {
      const path = new URL(request.url).pathname;
      paths.push(path);
      if (path.endsWith("/api/token")) return Promise.resolve(Response.json({ token: "t-1" }));
      return Promise.resolve(
        request.headers.get("authorization") === "Bearer t-1"
          ? Response.json({ ok: true })
          : new Response(null, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="lab"' } }),
      );
    },
  };
}

const steps: LessonStepSpec[] = [
  {
    request: { method: "GET", path: "token", auth: { type: "none" }, headers: [], delaySeconds: 0 },
    expectStatus: 200,
    expectFields: {},
    save: [{ name: "token", from: "body.token" }],
  },
  {
    request: {
      method: "GET",
      path: "resource",
      auth: { type: "bearer", token: "{token}" },
      headers: [],
      delaySeconds: 0,
    },
    expectStatus: 200,
    expectFields: {},
    save: [],
  },
];

function setup() {
  const paths: string[] = [];
  const client = createSandboxClient({ transport: fakeServer(paths), base: "/lab/", origin: "http://sandbox.test" });
  const runner = new StepRunner(steps.map((step) => JSON.stringify(step)));
  const run = async (index: number, signal = new AbortController().signal) => {
    const events: StepEvent[] = [];
    for await (const event of runner.run(client, index, signal)) events.push(event);
    return events;
  };
  return { paths, runner, run };
}

const summary = (events: StepEvent[]) =>
  events.map((event) =>
    event.kind === "answered"
      ? `${event.index} ${event.role} ${event.exchange.response.status} [${event.problems.join("; ")}]`
      : `${event.index} ${event.kind}`,
  );

test("a step opened first runs the step it depends on, as set-up, then itself, as the lesson says", async () => {
  const { paths, run } = setup();
  expect(summary(await run(1))).toEqual(["0 setup 200 []", "1 step 200 []"]);
  expect(paths).toEqual(["/lab/api/token", "/lab/api/resource"]);
  // Once the steps before it have run, a step runs alone.
  expect(summary(await run(1))).toEqual(["1 step 200 []"]);
});

test("a step whose value is missing says so, and an answer unlike the lesson's is a problem", async () => {
  const { run, runner } = setup();
  expect(summary(await run(0))).toEqual(["0 step 200 []"]);
  runner.reset();
  const events = await run(1);
  // After a reset the runner has no token and no step run: it catches up again.
  expect(summary(events)).toEqual(["0 setup 200 []", "1 step 200 []"]);

  const lone = new StepRunner([JSON.stringify(steps[1])]);
  const client = createSandboxClient({ transport: fakeServer([]), base: "/lab/", origin: "http://sandbox.test" });
  const failed: StepEvent[] = [];
  for await (const event of lone.run(client, 0, new AbortController().signal)) failed.push(event);
  expect(failed).toMatchObject([{ kind: "failed", index: 0 }]);
  expect(failed[0]?.kind === "failed" && failed[0].message).toMatch(/token/);

  const wrong = new StepRunner([JSON.stringify({ ...steps[0], expectStatus: 201 })]);
  const answered: StepEvent[] = [];
  for await (const event of wrong.run(client, 0, new AbortController().signal)) answered.push(event);
  expect(summary(answered)).toEqual([expect.stringMatching(/^0 step 200 \[.*201.*\]$/)]);
});

test("one run at a time; a run for a page left stops before sending", async () => {
  const { paths, run } = setup();
  const [first, second] = await Promise.all([run(0), run(0)]);
  expect([first?.length, second?.length].sort()).toEqual([0, 1]);
  const left = new AbortController();
  left.abort();
  expect(await run(1, left.signal)).toEqual([]);
  expect(paths).toEqual(["/lab/api/token"]);
});

/**
 * A token that lives `lifetime` seconds (its exp in the token response) and a resource that refuses
 * it once the clock, moved ahead by the request's Lab-Clock-Ahead, is past exp; `other` answers 200.
 */
function expiringServer(lifetime: number, seen: Array<{ path: string; ahead: string | null }>): SandboxTransport {
  let exp = 0;
  return {
    kind: "node",
    send: (request) => {
      const path = new URL(request.url).pathname;
      const ahead = request.headers.get("lab-clock-ahead");
      seen.push({ path, ahead });
      if (path.endsWith("/token")) {
        exp = Math.floor(Date.now() / 1000) + lifetime;
        return Promise.resolve(Response.json({ token: "t-1", exp: String(exp) }));
      }
      if (path.endsWith("/other")) return Promise.resolve(Response.json({ ok: true }));
      const now = Date.now() / 1000 + Number(ahead ?? 0);
      return Promise.resolve(new Response(null, { status: now > exp ? 401 : 200 }));
    },
  };
}

const request: Omit<LessonStepSpec["request"], "path"> = {
  method: "GET",
  auth: { type: "none" },
  headers: [],
  delaySeconds: 0,
};
const expirySteps: LessonStepSpec[] = [
  {
    request: { ...request, path: "token" },
    expectStatus: 200,
    expectFields: {},
    save: [
      { name: "token", from: "body.token" },
      { name: "exp", from: "body.exp" },
    ],
  },
  {
    request: { ...request, path: "resource", auth: { type: "bearer", token: "{token}" }, waitUntil: "{exp}" },
    expectStatus: 401,
    expectFields: {},
    save: [],
  },
  { request: { ...request, path: "other" }, expectStatus: 200, expectFields: {}, save: [] },
];

function expirySetup(lifetime: number) {
  const seen: Array<{ path: string; ahead: string | null }> = [];
  const client = createSandboxClient({
    transport: expiringServer(lifetime, seen),
    base: "/lab/",
    origin: "http://sandbox.test",
  });
  const runner = new StepRunner(expirySteps.map((step) => JSON.stringify(step)));
  const collect = async (index: number, onEvent: (event: StepEvent) => void = () => {}) => {
    const events: StepEvent[] = [];
    for await (const event of runner.run(client, index, new AbortController().signal)) {
      events.push(event);
      onEvent(event);
    }
    return events;
  };
  return { seen, runner, collect };
}

const aheadOf = (events: StepEvent[]) =>
  events.flatMap((event) => (event.kind === "answered" ? [event.clockAhead] : []));

test("a wait for expiry, not skipped, counts down and sends once the time has passed, the clock untouched", async () => {
  const { seen, runner, collect } = expirySetup(0);
  await collect(0);
  const events = await collect(1, (event) => {
    if (event.kind === "waiting") expect(runner.waitingAt).toBe(1);
  });
  expect(events.some((event) => event.kind === "waiting")).toBe(true);
  expect(summary(events).at(-1)).toBe("1 step 401 []");
  expect(aheadOf(events)).toEqual([0]);
  expect(seen.at(-1)).toEqual({ path: "/lab/api/resource", ahead: null });
  expect(runner.waitingAt).toBeUndefined();
}, 10_000);

test("a skipped wait sends at once, asking the sandbox's clock ahead by the seconds left, and gets the expired token's 401", async () => {
  const { seen, runner, collect } = expirySetup(60);
  await collect(0);
  expect(runner.skipWait()).toBe(false);
  const started = Date.now();
  const events = await collect(1, (event) => {
    if (event.kind === "waiting") runner.skipWait();
  });
  expect(Date.now() - started).toBeLessThan(500);
  expect(summary(events)).toEqual(["1 waiting", "1 step 401 []"]);
  const [ahead = 0] = aheadOf(events);
  expect(ahead).toBeGreaterThanOrEqual(60);
  expect(ahead).toBeLessThanOrEqual(62);
  expect(seen.at(-1)).toEqual({ path: "/lab/api/resource", ahead: String(ahead) });
});

test("a later step asked for while a step waits skips that wait, then runs; a catch-up run never waits", async () => {
  const { seen, collect } = expirySetup(60);
  await collect(0);
  let later: Promise<StepEvent[]> | undefined;
  const started = Date.now();
  const waited = await collect(1, (event) => {
    if (event.kind === "waiting") later = collect(2);
  });
  expect(summary(waited)).toEqual(["1 waiting", "1 step 401 []"]);
  expect(summary(await later!)).toEqual(["2 step 200 []"]);
  // Opened straight at step 3, a fresh runner catches up steps 1 and 2 without a countdown.
  const fresh = expirySetup(60);
  const caughtUp = await fresh.collect(2);
  expect(summary(caughtUp)).toEqual(["0 setup 200 []", "1 setup 401 []", "2 step 200 []"]);
  expect(Date.now() - started).toBeLessThan(800);
  expect(seen.map((entry) => entry.path)).toEqual(["/lab/api/token", "/lab/api/resource", "/lab/api/other"]);
});
