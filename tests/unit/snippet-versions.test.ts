/**
 * A claim about a server is a claim about a version: every server snippet under examples/ opens
 * with the version it was tried on (the one installed here, which tests/integration/server-configs
 * runs), and names any other version only with that vendor's changelog or documentation and the
 * words "not tried here".
 */
import { execFileSync } from "node:child_process";
import { globSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { root } from "./normative-claims.ts";

/** The version a server binary reports: `nginx -v` and `apache2 -v`, as the integration test runs them. */
function installed(server: "nginx" | "apache"): string {
  const [binary, pattern] =
    server === "nginx"
      ? ["/usr/sbin/nginx", /nginx\/(\d+\.\d+\.\d+)/]
      : ["/usr/sbin/apache2", /Apache\/(\d+\.\d+\.\d+)/];
  // nginx prints its version on stderr; merge both streams.
  const output = execFileSync("sh", ["-c", `${binary} -v 2>&1`], { encoding: "utf8" });
  const version = pattern.exec(output)?.[1];
  if (version === undefined) throw new Error(`${binary} -v printed no version: ${output}`);
  return version;
}

const product = { nginx: "nginx", apache: "Apache httpd" } as const;

/** What is wrong with one snippet's version lines, as sentences; none when it names its versions right. */
export function versionProblems(file: string, text: string, versions: Record<"nginx" | "apache", string>): string[] {
  const server = file.endsWith("nginx.conf") ? "nginx" : "apache";
  const name = product[server];
  const first = text.split("\n", 1)[0] ?? "";
  const tried = /^# (Try it|Rejected:)/m.test(text);
  const expected = tried
    ? `# Tried on ${name} ${versions[server]}.`
    : `# Not tried here; written for ${name} ${versions[server]}.`;
  const problems: string[] = [];
  if (first !== expected) problems.push(`${file}: the first line is "${first}", not "${expected}"`);
  // Every other version named (nginx 1.29.0, httpd 2.4.58, Apache 2.4.x) is the one tried, or comes
  // with the vendor's changelog or documentation and "not tried here" in the same paragraph of comment.
  const paragraphs = text.split(/\n(?!#)|\n#\s*\n/).map((block) => block.replace(/\n#\s?/g, " "));
  for (const paragraph of paragraphs) {
    for (const match of paragraph.matchAll(/\b(nginx|httpd|Apache(?: httpd)?)[ /](\d+\.\d+(?:\.\d+)?)/gi)) {
      const which = /nginx/i.test(match[1]!) ? "nginx" : "apache";
      const version = match[2]!;
      if (versions[which].startsWith(version)) continue;
      const cited = /https:\/\/(nginx\.org|httpd\.apache\.org)\/\S+/.test(paragraph);
      if (!cited || !/not tried here/i.test(paragraph))
        problems.push(
          `${file}: names ${match[0]} without the vendor's changelog or documentation and "not tried here"`,
        );
    }
  }
  return problems;
}

const versions = { nginx: installed("nginx"), apache: installed("apache") };
const snippets = globSync("examples/*/*.conf", { cwd: root }).sort();

test("every server snippet names the version it was tried on, and cites a vendor for any other", () => {
  expect(snippets.length).toBeGreaterThan(100);
  const problems = snippets.flatMap((file) => versionProblems(file, readFileSync(`${root}${file}`, "utf8"), versions));
  expect(problems).toEqual([]);
});

test("a snippet without its version line, or naming another version uncited, is reported", () => {
  const body = "# nginx cannot send 103.\n# Try it: curl -i http://localhost/\n# Result: 200 OK\n";
  const tried = `# Tried on nginx ${versions.nginx}.\n`;
  expect(versionProblems("examples/103/nginx.conf", tried + body, versions)).toEqual([]);
  expect(versionProblems("examples/103/nginx.conf", body, versions).join("\n")).toMatch(/the first line is/);
  // A snippet with nothing to try says so instead.
  expect(versionProblems("examples/520/nginx.conf", `${tried}# No configuration.\n`, versions).join("\n")).toMatch(
    /Not tried here; written for nginx/,
  );
  const other = "# nginx 1.29.0 added early_hints.\n";
  expect(versionProblems("examples/103/nginx.conf", tried + other + body, versions).join("\n")).toMatch(
    /names nginx 1\.29\.0 without the vendor's changelog/,
  );
  const cited = "# nginx 1.29.0 added early_hints (https://nginx.org/en/CHANGES, 1.29.0). Not tried here.\n";
  expect(versionProblems("examples/103/nginx.conf", tried + cited + body, versions)).toEqual([]);
});
