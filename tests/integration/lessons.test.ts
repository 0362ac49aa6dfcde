import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { lessonSchema, type Lesson } from "../../src/content/lesson-schema.ts";
import { createSandboxClient, loadLessonRun, stepDraft } from "../../src/sandbox/index.ts";
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
async function runLesson(file: string, change: (lesson: Lesson) => void = () => {}) {
  const lesson = lessonSchema.parse(frontmatter(file));
  change(lesson);
  let offset = 0;
  const now = () => Date.now() + offset;
  const client = createSandboxClient({
    transport: nodeTransport("/", { now }),
    base: "/",
    origin: "http://lesson.test",
  });
  const run = (await loadLessonRun()).createLessonRun();
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
    results.push({
      title: step.title,
      status: sent.exchange.response.status,
      mismatches: run.mismatches(step, sent.exchange),
    });
  }
  return { lesson, results };
}

// Every step of every lesson, run in order as a draft through the sandbox client over its own
// handlers (as the page runs them in the browser), answers with the status and the fields the
// lesson tells the room to expect.
for (const file of lessonFiles) {
  test(`every step of ${file} gets the status and fields the lesson announces`, async () => {
    const { lesson, results } = await runLesson(file);
    expect(results).toEqual(
      lesson.steps.map((step) => ({ title: step.title, status: step.expectStatus, mismatches: [] })),
    );
  });
}

// The neighbours: the same runs must fail when a lesson announces the wrong thing, or when a step
// that waits for the token to expire does not wait.
test("a planted wrong expectation is reported: a field, a saved value in an expectation, a status", async () => {
  const { results } = await runLesson("05-discovery-and-tokens.md", (lesson) => {
    const expired = lesson.steps[7];
    const metadata = lesson.steps[2];
    const retry = lesson.steps[6];
    if (!expired || !metadata || !retry) throw new Error("lesson 5 changed shape");
    expired.expectFields["challenge.error"] = "insufficient_scope";
    metadata.expectFields["body.issuer"] = "{resource}";
    retry.expectStatus = 403;
  });
  expect(results[7]?.mismatches).toEqual(["challenge.error is “invalid_token”, not “insufficient_scope”"]);
  expect(results[2]?.mismatches).toEqual([
    expect.stringMatching(
      /^body\.issuer is “http:\/\/lesson\.test\/api\/oauth\/as”, not “http:\/\/lesson\.test\/api\/oauth\/resource”$/,
    ),
  ]);
  expect(results[6]?.mismatches).toEqual(["the status is 200, not 403"]);
  expect(results.filter((result) => result.mismatches.length > 0)).toHaveLength(3);
});

test("without its wait for exp, the expired-token step gets 200, not the invalid_token it teaches", async () => {
  const { results } = await runLesson("05-discovery-and-tokens.md", (lesson) => {
    delete lesson.steps[7]?.request.waitUntil;
  });
  expect(results[7]).toMatchObject({
    status: 200,
    mismatches: ["the status is 200, not 401", "challenge.error is missing"],
  });
});

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
