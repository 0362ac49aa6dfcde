/**
 * Every code sample under examples/<code>/ runs against the live server (src/server), and prints
 * exactly what its `.out` file beside it says, which is what the status page shows. The first
 * curl sample of each folder also has its raw exchange recorded in exchange.http.
 *
 * Record again after changing a sample or the handlers, then read the files (they are on the pages):
 *   UPDATE_SAMPLES=1 npx vitest run tests/integration/samples.test.ts
 * A file is rewritten only when its output really changed (see sample-output.ts for what is normalised).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, expect, test, type ExpectStatic } from "vitest";
import { startLiveServer, type LiveServer } from "./live-server.ts";
import { captureExchange, exchangeText, runSample, sampleInterpreters } from "./run-sample.ts";
import { comparableOutput, recordedOutput } from "./sample-output.ts";

const projectRoot = join(import.meta.dirname, "..", "..");
const examplesRoot = join(projectRoot, "examples");
const update = process.env["UPDATE_SAMPLES"] === "1";
/** runSample's own limit, and some: an interpreter can take seconds to start on a busy machine. */
const sampleTimeoutMs = 40_000;

const folders = readdirSync(examplesRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(examplesRoot, entry.name))
  .sort();
const samplesIn = (folder: string) =>
  readdirSync(folder)
    .filter((name) => Object.keys(sampleInterpreters).some((extension) => name.endsWith(extension)))
    .sort()
    .map((name) => join(folder, name));
const samples = folders.flatMap(samplesIn);
const shown = (path: string) => relative(projectRoot, path);
/** Where a sample's output lives: `<name>.out` beside it, the rule src/content/examples.ts reads by. */
const outputOf = (path: string) => path.replace(/\.[a-z]+$/, ".out");
/** Samples whose output file another sample of the same folder also claims. */
const sharing = new Set(
  samples.filter((path) => samples.some((other) => other !== path && outputOf(other) === outputOf(path))),
);

/** Compares a fresh recording with the file, or writes it in update mode (only if it changed). */
function expectRecording(expect: ExpectStatic, file: string, fresh: string): void {
  const old = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (update) {
    if (old === undefined || comparableOutput(old) !== comparableOutput(fresh)) writeFileSync(file, fresh);
    return;
  }
  if (old === undefined) {
    expect.fail(
      `${shown(file)} is missing: record it with UPDATE_SAMPLES=1 npx vitest run tests/integration/samples.test.ts`,
    );
  }
  expect(
    comparableOutput(fresh),
    `${shown(file)} is not what the sample prints now (re-record with UPDATE_SAMPLES=1)`,
  ).toBe(comparableOutput(old));
}

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer({ basePath: "/" });
});
afterAll(() => server.stop());

test("there are samples to run, and each folder with samples has a curl sample", () => {
  expect(samples.length).toBeGreaterThan(0);
  for (const folder of folders.filter((path) => samplesIn(path).length > 0)) {
    expect(
      samplesIn(folder).some((path) => path.endsWith(".sh")),
      `${shown(folder)} has no curl sample`,
    ).toBe(true);
  }
});

test("no two samples share an output file, so each shows its own output on the page", () => {
  const clashes = [...sharing].map(shown);
  expect(
    clashes,
    "These samples share an output file (<name>.out, as src/content/examples.ts reads it), so the page would show one output under samples that print different things: give each sample its own name",
  ).toEqual([]);
});

// Concurrently (vitest's maxConcurrency, 5 by default): each sample waits mostly for its interpreter to start.
test.concurrent.for(samples.map((path) => [shown(path), path] as const))(
  "%s runs against the live server and prints what its .out file shows",
  { timeout: sampleTimeoutMs },
  async ([, path], { expect }) => {
    const run = await runSample(path, server.origin);
    expect(run.stderr, "the sample wrote to stderr").toBe("");
    expect(run.exitCode).toBe(0);
    // A shared output file cannot be right for all its samples: the test above fails instead.
    if (!sharing.has(path)) expectRecording(expect, outputOf(path), recordedOutput(run.stdout, server.origin));
  },
);

test.concurrent.for(
  folders
    .filter((folder) => samplesIn(folder).some((path) => path.endsWith(".sh")))
    .map((folder) => [shown(folder), folder] as const),
)(
  "%s/exchange.http is the raw exchange of the first curl sample with the live server",
  { timeout: sampleTimeoutMs },
  async ([, folder], { expect }) => {
    const first = samplesIn(folder).find((path) => path.endsWith(".sh")) ?? "";
    const address = new URL(server.origin);
    const captured = await captureExchange(first, { host: address.hostname, port: Number(address.port) });
    expect(captured.run.exitCode).toBe(0);
    expect(captured.messages[0]?.bytes).toMatch(/^[A-Z]+ \S+ HTTP\/1\.1\r\n/);
    expect(captured.messages[1]?.bytes).toMatch(/^HTTP\/1\.1 \d{3} /);
    expectRecording(
      expect,
      join(folder, "exchange.http"),
      recordedOutput(exchangeText(captured.messages), captured.relayOrigin),
    );
  },
);
