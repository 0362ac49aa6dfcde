/**
 * The MCP conformance suite's client authorization scenarios against the project's OAuth client
 * (`npm test`'s step; decisions/mcp-authorization.md, "Client"). The suite
 * (@modelcontextprotocol/conformance) starts its servers on localhost for each scenario and runs
 * scripts/conformance-client.ts, which runs the probe's OAuth client mode against them; its
 * checks decide. Three suites, run side by side: "auth" (2025-11-25: metadata variants, CIMD, scope
 * selection and step-up, token endpoint auth methods, pre-registration), "backcompat" (the
 * 2025-03-26 fallbacks) and "draft" (a resource metadata for another resource, offline_access).
 * Not "extensions" (client credentials, cross-app access): grants this client does not make. Fails when a scenario fails that is not listed below with its reason, when
 * a listed one passes (the list is stale), or when the suite ran fewer scenarios than it should.
 * Bounded: each suite is killed after 90 s.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Scenarios the client does not pass, each with its reason (none today). */
const expectedFailures: Record<string, string> = {};

const suites = [
  { name: "auth", scenarios: 14 },
  { name: "backcompat", scenarios: 2 },
  { name: "draft", scenarios: 3 },
];
const suiteCli = fileURLToPath(
  new URL("../node_modules/@modelcontextprotocol/conformance/dist/index.js", import.meta.url),
);
const clientScript = fileURLToPath(new URL("conformance-client.ts", import.meta.url));
const limitMs = 90_000;

interface ScenarioResult {
  scenario: string;
  passed: boolean;
  line: string;
  reasons: string[];
}

/** Runs one suite; its scenarios as the suite's summary prints them. */
function runSuite(name: string): Promise<{ results: ScenarioResult[]; output: string; timedOut: boolean }> {
  return new Promise((done) => {
    const command = `"${process.execPath}" "${clientScript}"`;
    const child = spawn(
      process.execPath,
      [suiteCli, "client", "--command", command, "--suite", name, "--verbose", "--timeout", "30000"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.on("close", () => {
      clearTimeout(timer);
      done({ results: summary(output), output, timedOut });
    });
  });
}

/** `✓ auth/x: 13 passed, 0 failed` lines, with the `    - check: reason` lines under a failed one. */
function summary(output: string): ScenarioResult[] {
  const results: ScenarioResult[] = [];
  for (const line of output.split("\n")) {
    const head = /^([✓✗]) (auth\/\S+): (.*)$/u.exec(line);
    if (head !== null) {
      results.push({ scenario: head[2] ?? "", passed: head[1] === "✓", line: head[3] ?? "", reasons: [] });
      continue;
    }
    const reason = /^ {4}- (.*)$/.exec(line);
    if (reason !== null) results.at(-1)?.reasons.push(reason[1] ?? "");
  }
  return results;
}

const started = performance.now();
const runs = await Promise.all(suites.map(async (suite) => ({ suite, ...(await runSuite(suite.name)) })));
const problems: string[] = [];
for (const { suite, results, output, timedOut } of runs) {
  if (timedOut) problems.push(`The ${suite.name} suite did not finish within ${limitMs / 1000} s.`);
  if (results.length !== suite.scenarios) {
    problems.push(`The ${suite.name} suite reported ${results.length} scenarios, not ${suite.scenarios}.`);
    console.log(output.slice(-4000));
  }
  for (const result of results) {
    console.log(`${result.passed ? "✓" : "✗"} ${result.scenario}: ${result.line}`);
    for (const reason of result.reasons) console.log(`    - ${reason}`);
    const expected = expectedFailures[result.scenario];
    if (!result.passed && expected === undefined)
      problems.push(`${result.scenario} failed: ${result.reasons.join("; ")}`);
    if (result.passed && expected !== undefined)
      problems.push(`${result.scenario} passes now: remove it from the expected failures.`);
    if (!result.passed && expected !== undefined) console.log(`    (expected: ${expected})`);
  }
}
console.log(`\nMCP conformance (client auth): ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
