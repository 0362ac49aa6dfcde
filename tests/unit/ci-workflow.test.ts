// One CI (.github/workflows/ci.yml): the workflow runs .ci/run itself, as root, in a Debian bookworm
// container with node and npm, so a pull request is checked as main is. The check reads the YAML
// with the `yaml` package; the workflow main had before (npm test on ubuntu-latest as a non-root
// user, with its own package list) is the neighbour that must fail.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "../..");

/** What keeps a workflow from checking a pull request as .ci/run checks main, as sentences. */
function ciProblems(workflowText: string): string[] {
  const workflow: unknown = parse(workflowText);
  const jobs = isRecord(workflow) && isRecord(workflow["jobs"]) ? Object.values(workflow["jobs"]) : [];
  const problems: string[] = [];
  if (!isRecord(workflow) || !isRecord(workflow["on"]) || !("pull_request" in workflow["on"])) {
    problems.push("it does not run on pull requests");
  }
  const runsCi = jobs.filter(
    (job) =>
      isRecord(job) &&
      Array.isArray(job["steps"]) &&
      job["steps"].some((step) => isRecord(step) && step["run"] === "bash .ci/run"),
  );
  if (runsCi.length === 0) problems.push("no job runs `bash .ci/run`");
  for (const job of runsCi.filter(isRecord)) {
    const container = job["container"];
    const image = isRecord(container) ? container["image"] : container;
    const options = isRecord(container) && typeof container["options"] === "string" ? container["options"] : "";
    if (typeof image !== "string" || !/^(node:\d+-bookworm|debian:bookworm)/.test(image)) {
      problems.push(`its container is ${String(image)}, not Debian bookworm`);
    }
    if (!/--user root\b/.test(options)) problems.push("its container does not run as root");
    if (!/--privileged\b/.test(options)) problems.push("its container may not mount the 507 snippets' tmpfs");
  }
  for (const job of jobs.filter(isRecord)) {
    const steps = Array.isArray(job["steps"]) ? job["steps"] : [];
    if (
      steps.some((step) => isRecord(step) && typeof step["run"] === "string" && /npm (test|ci)\b/.test(step["run"]))
    ) {
      problems.push("a step runs npm itself instead of through .ci/run");
    }
  }
  return problems;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

test("the repository's workflow runs .ci/run as root in a bookworm container", () => {
  expect(ciProblems(readFileSync(join(root, ".github/workflows/ci.yml"), "utf8"))).toEqual([]);
});

test("the workflow main had before (npm test on ubuntu-latest, its own packages) fails the check", () => {
  const before = `name: CI
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: sudo apt-get install -y -qq curl php-cli nginx apache2
      - run: npm ci
      - run: npm test
`;
  expect(ciProblems(before)).toEqual([
    "no job runs `bash .ci/run`",
    "a step runs npm itself instead of through .ci/run",
  ]);
  const notRoot = before
    .replace(/ {6}- run: sudo[\s\S]*$/, "      - run: bash .ci/run\n")
    .replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    container: node:24-alpine");
  expect(ciProblems(notRoot)).toEqual([
    "its container is node:24-alpine, not Debian bookworm",
    "its container does not run as root",
    "its container may not mount the 507 snippets' tmpfs",
  ]);
});

test(".ci/run installs every Debian package scripts/system-deps.ts checks for", () => {
  const ciRun = readFileSync(join(root, ".ci/run"), "utf8");
  const systemDeps = readFileSync(join(root, "scripts/system-deps.ts"), "utf8");
  const checked = [...systemDeps.matchAll(/missing\.push\("([\w.-]+)"\)/g)].map((match) => match[1]);
  expect(checked.length).toBeGreaterThan(5);
  const installed = new Set([...ciRun.matchAll(/need\+=\(([\w.-]+)\)/g)].map((match) => match[1]));
  expect(checked.filter((name) => !installed.has(name))).toEqual([]);
});
