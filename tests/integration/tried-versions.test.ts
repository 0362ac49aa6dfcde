/**
 * A page that says a server or tool was "tried here" (or "tried on") names the version this
 * machine runs (issue 24: a claim about a server is a claim about a version). Every version named
 * for nginx, Apache httpd, curl or httpbin within a sentence of those words must be the installed
 * one, asked of the programs themselves.
 */
import { execFileSync } from "node:child_process";
import { globSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { root } from "../unit/normative-claims.ts";

const run = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
  } catch (error) {
    throw new Error(`${command} ${args.join(" ")} failed: ${String(error)}`);
  }
};
const first = (text: string, pattern: RegExp) => pattern.exec(text)?.[1] ?? "(not found)";

const installed: Record<string, string> = {
  nginx: first(run("sh", ["-c", "/usr/sbin/nginx -v 2>&1"]), /nginx\/(\d+\.\d+\.\d+)/),
  httpd: first(run("/usr/sbin/apache2", ["-v"]), /Apache\/(\d+\.\d+\.\d+)/),
  curl: first(run("curl", ["--version"]), /^curl (\d+\.\d+\.\d+)/),
  httpbin: first(run("dpkg-query", ["-W", "-f=${Version}", "python3-httpbin"]), /^(\d+\.\d+\.\d+)/),
};

const toolPattern = /\b(nginx|Apache httpd|httpd|curl|httpbin)\b[^\d]{0,30}?(\d+\.\d+\.\d+)/g;
const toolKey = (name: string) => (name === "Apache httpd" ? "httpd" : name);

/** Every (tool, version) named within 300 characters before, or 80 after, "tried here" / "tried on". */
function triedVersions(text: string): Array<{ tool: string; version: string; context: string }> {
  const flat = text.replace(/\s+/g, " ");
  const found: Array<{ tool: string; version: string; context: string }> = [];
  for (const match of flat.matchAll(/tried (?:here|on)/g)) {
    const context = flat.slice(Math.max(0, match.index - 300), match.index + 80);
    for (const [, tool, version] of context.matchAll(toolPattern)) {
      found.push({ tool: toolKey(tool!), version: version!, context });
    }
  }
  return found;
}

test("the reader's neighbour: a wrong version next to 'tried here' is found", () => {
  expect(triedVersions("Apache httpd (2.4.99, tried here) answers 417.")).toEqual([
    expect.objectContaining({ tool: "httpd", version: "2.4.99" }),
  ]);
  expect(triedVersions("nginx 1.29.0 added early_hints (not tried)")).toEqual([]);
});

test("every version a page says was tried here is the one installed", () => {
  expect(Object.values(installed)).not.toContain("(not found)");
  const files = globSync("src/content/{status,docs,lessons}/*.{md,mdx}", { cwd: root });
  const wrong: string[] = [];
  let checked = 0;
  for (const file of files) {
    for (const { tool, version, context } of triedVersions(readFileSync(`${root}${file}`, "utf8"))) {
      checked += 1;
      if (installed[tool] !== version)
        wrong.push(`${file}: ${tool} ${version}, installed ${installed[tool]}: …${context}…`);
    }
  }
  expect(wrong).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(8);
});
