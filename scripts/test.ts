/**
 * `npm test`: every check and every test, in order, stopping at the first failure.
 *   1. static checks: astro check (types), ESLint (with the layering rules), Prettier;
 *   2. the structure rules (scripts/structure.ts: function length, test file names, comments naming
 *      files, one home for reason phrases, base paths and parsed data), a few seconds;
 *   3. Vitest: unit tests, and integration tests against live loopback servers; then the MCP
 *      conformance suite's client auth scenarios against the probe's OAuth client (loopback);
 *   4. a production build under /http-status-lab/, as GitHub Pages serves it, with no warning
 *      (build-warnings.ts: a new one fails this step);
 *   5. Playwright: browser tests in Chromium against that build;
 *   6. the main walks in Firefox (WebDriver BiDi, puppeteer-core) against the same build;
 *   7. what browsers do: a sample of src/data/browser-behaviour.json re-measured in both engines.
 */
import { spawnSync } from "node:child_process";
import { buildWarnings } from "./build-warnings.ts";
import { ensureSystemPackages } from "./system-deps.ts";

const steps: Array<{
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Read the step's output and fail it on a warning line (it is printed when the step ends). */
  noWarnings?: true;
}> = [
  { name: "types (astro check)", command: "astro", args: ["check", "--minimumSeverity", "warning"] },
  { name: "lint (eslint)", command: "eslint", args: ["--max-warnings", "0", "."] },
  { name: "format (prettier)", command: "prettier", args: ["--check", "--log-level", "warn", "."] },
  { name: "structure (npm run structure)", command: "node", args: ["scripts/structure.ts"] },
  { name: "unit and integration tests (vitest)", command: "vitest", args: ["run", "--coverage"] },
  // The MCP conformance suite's client auth scenarios against the probe's OAuth client, on loopback (10 to 25 s).
  { name: "MCP conformance, client auth (scripts/conformance.ts)", command: "node", args: ["scripts/conformance.ts"] },
  {
    name: "production build under /http-status-lab/",
    command: "astro",
    args: ["build"],
    env: { BASE_PATH: "/http-status-lab/", SITE: "https://http-status-lab.github.io", OUT_DIR: "./dist-pages" },
    noWarnings: true,
  },
  { name: "browser tests (playwright)", command: "playwright", args: ["test"] },
  {
    name: "main walks in firefox (webdriver bidi)",
    command: "node",
    args: ["tests/engines/run-walks.ts", "--engine", "firefox"],
  },
  {
    name: "what browsers do, drift (chromium and firefox)",
    command: "node",
    args: ["tests/engines/behaviour-drift.ts"],
  },
];

const problem = ensureSystemPackages();
if (problem !== undefined) {
  console.error(problem);
  process.exit(1);
}

const only = process.argv.slice(2);
for (const step of steps) {
  if (only.length > 0 && !only.some((word) => step.name.includes(word))) continue;
  console.log(`\n▶ ${step.name}`);
  const started = performance.now();
  const result = spawnSync(step.command, step.args, {
    stdio: step.noWarnings ? ["inherit", "pipe", "pipe"] : "inherit",
    env: { ...process.env, ...step.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (step.noWarnings) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    const warnings = buildWarnings(`${result.stdout}\n${result.stderr}`);
    if (result.status === 0 && warnings.length > 0) {
      console.error(
        `\n✗ ${step.name} printed ${warnings.length} warning(s); fix them (or the check in scripts/build-warnings.ts):`,
      );
      for (const warning of warnings) console.error(`  ${warning}`);
      process.exit(1);
    }
  }
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed after ${seconds} s.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step.name} (${seconds} s)`);
}
