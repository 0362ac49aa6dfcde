/**
 * `npm run structure` (also the first Vitest-free step of `npm test`): prints the ten longest
 * functions in src/ and fails when the repository breaks a structure rule
 * (scripts/structure-rules.ts says each rule and why): a function over 80 lines, a test file
 * with no module beside it, a comment naming a file that does not exist, a reason phrase written
 * outside src/data, a path built from `${base}` outside src/site-config.ts, an `as` cast of parsed
 * data in src/. Every finding is printed as `path:line  what`; the exit status is 1 if any.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  MAX_FUNCTION_LINES,
  basePathsByHand,
  castsOfParsedData,
  deadFileMentions,
  functionSpans,
  functionsTooLong,
  reasonPhraseLiterals,
  reasonPhrases,
  testsWithoutModule,
  type FileText,
  type Finding,
} from "./structure-rules.ts";

const root = join(import.meta.dirname, "..");

/** Tracked and not-ignored untracked files: what the repository holds, as a commit would. */
function repositoryPaths(): string[] {
  const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const paths = listed.stdout.split("\0").filter((path) => path !== "");
  const deleted = spawnSync("git", ["ls-files", "--deleted", "-z"], { cwd: root, encoding: "utf8" });
  const gone = new Set(deleted.stdout.split("\0"));
  return [...new Set(paths)].filter((path) => !gone.has(path)).sort();
}

const paths = repositoryPaths();
const read = (path: string): FileText => ({ path, text: readFileSync(join(root, path), "utf8") });
const code = (path: string) => /\.(ts|mts|js|mjs|astro)$/.test(path) && !path.includes("/rendered/");
const sources = paths.filter((path) => path.startsWith("src/") && code(path)).map(read);
const commented = paths.filter((path) => /^(src|scripts|tests)\//.test(path) && code(path)).map(read);
const scripts = commented.filter((file) => file.path.startsWith("scripts/"));

const spans = functionSpans(sources);
console.log(`The ten longest functions in src/ (at most ${MAX_FUNCTION_LINES} lines each):`);
for (const span of spans.slice(0, 10)) {
  const mark = span.lines > MAX_FUNCTION_LINES ? "✗" : " ";
  console.log(`  ${mark} ${String(span.lines).padStart(4)}  ${span.name}  ${span.path}:${span.line}`);
}

const sections: Array<[string, Finding[]]> = [
  [`Functions over ${MAX_FUNCTION_LINES} lines (cut them by concept)`, functionsTooLong(spans)],
  [
    "Test files with no module of their name beside them (<name>.test.ts or <name>.<aspect>.test.ts tests <name>.ts)",
    testsWithoutModule(paths).map((path) => ({ path, line: 1, message: "no module of this name beside it" })),
  ],
  [
    "Comments naming a file that does not exist",
    deadFileMentions(commented, paths, {
      isGenerated: (path) => spawnSync("git", ["check-ignore", "-q", "--no-index", path], { cwd: root }).status === 0,
      inDependency: (path) => existsSync(join(root, "node_modules", path)),
    }),
  ],
  [
    "Reason phrases written outside src/data",
    reasonPhraseLiterals(
      [...sources, ...scripts],
      reasonPhrases(readFileSync(join(root, "src/data/http-status-codes.json"), "utf8")),
    ),
  ],
  ["Paths built from the base outside src/site-config.ts", basePathsByHand(sources)],
  ["Casts of parsed data in src/", castsOfParsedData(sources)],
];

let failures = 0;
for (const [title, findings] of sections) {
  if (findings.length === 0) continue;
  failures += findings.length;
  console.log(`\n✗ ${title}: ${findings.length}`);
  for (const finding of findings) console.log(`    ${finding.path}:${finding.line}  ${finding.message}`);
}
console.log(failures === 0 ? "\n✓ structure: every rule holds." : `\n✗ structure: ${failures} findings.`);
process.exitCode = failures === 0 ? 0 : 1;
