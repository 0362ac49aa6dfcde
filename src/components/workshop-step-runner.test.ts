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
