import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { lessonSchema } from "../../src/content/lesson-schema.ts";
import { createApiResponder } from "../../src/sandbox/node.ts";
import { buildStepRequest, newLessonState, rememberExchange } from "../../src/sandbox/lesson-runner.ts";
import { performExchange } from "../../src/sandbox/perform-exchange.ts";
import type { SandboxTransport } from "../../src/sandbox/transport.ts";

const lessonsDir = join(process.cwd(), "src/content/lessons");
const lessonFiles = readdirSync(lessonsDir).filter((name) => name.endsWith(".md"));

function frontmatter(file: string): unknown {
  const text = readFileSync(join(lessonsDir, file), "utf8");
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!match?.[1]) throw new Error(`${file} has no front matter`);
  return parse(match[1]);
}

test("the workshop ships the four lessons of its brief", () => {
  expect(lessonFiles).toEqual([
    "01-basic-handshake.md",
    "02-bearer-tokens.md",
    "03-digest.md",
    "04-401-403-404-407.md",
  ]);
});

// Every step of every lesson, run in order through the sandbox's own handlers (as the page runs
// them in the browser), answers with the status the lesson tells the room to expect.
for (const file of lessonFiles) {
  test(`every step of ${file} gets the status the lesson announces`, async () => {
    const lesson = lessonSchema.parse(frontmatter(file));
    const origin = "http://lesson.test";
    const responder = createApiResponder("/");
    const transport: SandboxTransport = {
      kind: "in-page",
      send: async (request) => (await responder(request)) ?? new Response("not found", { status: 404 }),
    };
    const state = newLessonState();
    const statuses: number[] = [];
    for (const step of lesson.steps) {
      const built = await buildStepRequest(step.request, "/api/", origin, state);
      if (!built.ok) throw new Error(`${step.title}: ${built.message}`);
      const outcome = await performExchange(transport, built.record, origin);
      if (!outcome.ok) throw new Error(`${step.title}: ${outcome.message}`);
      rememberExchange(state, outcome.exchange);
      statuses.push(outcome.exchange.response.status);
    }
    expect(statuses).toEqual(lesson.steps.map((step) => step.expectStatus));
  });
}

test("a Digest step without an earlier challenge says what to do instead of sending", async () => {
  const built = await buildStepRequest(
    {
      method: "GET",
      path: "digest-auth/auth/user/passwd",
      auth: { type: "digest", user: "user", password: "passwd" },
      headers: [],
    },
    "/api/",
    "http://lesson.test",
    newLessonState(),
  );
  expect(built).toEqual({ ok: false, message: expect.stringContaining("run the step that receives the 401 first") });
});

test("a replay step repeats the previous Authorization byte for byte", async () => {
  const state = newLessonState();
  state.lastAuthorization = 'Digest username="user", nc=00000001';
  const built = await buildStepRequest(
    { method: "GET", path: "x", auth: { type: "replay" }, headers: [] },
    "/api/",
    "http://l.test",
    state,
  );
  expect(built.ok && built.record.headers).toEqual([["Authorization", 'Digest username="user", nc=00000001']]);
});
