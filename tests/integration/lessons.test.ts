import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { lessonSchema } from "../../src/content/lesson-schema.ts";
import { createLessonRun, createSandboxClient, stepDraft } from "../../src/sandbox/index.ts";
import { nodeTransport } from "../../src/sandbox/node.ts";

const lessonsDir = join(process.cwd(), "src/content/lessons");
const lessonFiles = readdirSync(lessonsDir).filter((name) => name.endsWith(".md"));

function frontmatter(file: string): unknown {
  const text = readFileSync(join(lessonsDir, file), "utf8");
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!match?.[1]) throw new Error(`${file} has no front matter`);
  return parse(match[1]);
}

test("the workshop ships the lessons of its briefs", () => {
  expect(lessonFiles).toEqual([
    "01-basic-handshake.md",
    "02-bearer-tokens.md",
    "03-digest.md",
    "04-401-403-404-407.md",
    "05-discovery-and-tokens.md",
    "06-scopes-step-up-dpop.md",
  ]);
});

/**
 * Runs a lesson as the page does: every step in order, drafted by one lesson run (values saved
 * from earlier responses, PKCE, DPoP proofs) and sent through the sandbox client over its own
 * handlers. The handlers' clock is the test's: a step that waits (for a token to expire) moves it
 * on instead of sleeping, so the suite stays quick. Returns each step's status and mismatches.
 */
async function runLesson(file: string) {
  const lesson = lessonSchema.parse(frontmatter(file));
  let offset = 0;
  const now = () => Date.now() + offset;
  const client = createSandboxClient({ transport: nodeTransport("/", { now }), base: "/", origin: "http://lesson.test" });
  const run = createLessonRun();
  const results: Array<{ title: string; status: number; mismatches: string[] }> = [];
  for (const step of lesson.steps) {
    const wait = run.waitSeconds(step, now());
    if (!wait.ok) throw new Error(`${step.title}: ${wait.error.message}`);
    offset += wait.seconds * 1000;
    const drafted = await run.draft(step, client.base, client.origin, client.memory.lastAuthorization);
    if (!drafted.ok) throw new Error(`${step.title}: ${drafted.error.message}`);
    const sent = await client.send(drafted.draft);
    if (!sent.ok) throw new Error(`${step.title}: ${sent.error.message}`);
    const recorded = run.record(step, sent.exchange);
    if (!recorded.ok) throw new Error(`${step.title}: ${recorded.error.message}`);
    results.push({ title: step.title, status: sent.exchange.response.status, mismatches: run.mismatches(step, sent.exchange) });
  }
  return { lesson, results };
}

// Every step of every lesson, run in order as a draft through the sandbox client over its own
// handlers (as the page runs them in the browser), answers with the status and the fields the
// lesson tells the room to expect.
for (const file of lessonFiles) {
  test(`every step of ${file} gets the status and fields the lesson announces`, async () => {
    const { lesson, results } = await runLesson(file);
    expect(results).toEqual(lesson.steps.map((step) => ({ title: step.title, status: step.expectStatus, mismatches: [] })));
  });
}

test("a Digest step without an earlier challenge says what to do instead of sending", async () => {
  const client = createSandboxClient({ transport: nodeTransport("/"), base: "/", origin: "http://lesson.test" });
  const drafted = stepDraft(
    {
      method: "GET",
      path: "digest-auth/auth/user/passwd",
      auth: { type: "digest", user: "user", password: "passwd" },
      headers: [],
    },
    undefined,
  );
  if (!drafted.ok) throw new Error(drafted.error.message);
  expect(await client.send(drafted.draft)).toEqual({
    ok: false,
    error: { reason: "no-challenge", message: expect.stringContaining("get the 401 first") },
  });
});

test("a replay step repeats the previous Authorization byte for byte", async () => {
  const client = createSandboxClient({ transport: nodeTransport("/"), base: "/", origin: "http://l.test" });
  const drafted = stepDraft(
    { method: "GET", path: "x", auth: { type: "replay" }, headers: [] },
    'Digest username="user", nc=00000001',
  );
  if (!drafted.ok) throw new Error(drafted.error.message);
  const sent = await client.send(drafted.draft);
  expect(sent.ok && sent.exchange.request.headers).toEqual([["Authorization", 'Digest username="user", nc=00000001']]);
});
