import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The kinds of runnable sample a status page shows, in page order, with their file endings. */
export const sampleKinds = [
  { kind: "curl", heading: "curl", extension: ".sh", lang: "bash" },
  { kind: "php", heading: "PHP cURL", extension: ".php", lang: "php" },
  { kind: "python", heading: "Python requests", extension: ".py", lang: "python" },
  { kind: "fetch", heading: "JavaScript fetch", extension: ".mjs", lang: "js" },
] as const;

export type SampleKind = (typeof sampleKinds)[number]["kind"];

/** One sample file, with the output the test suite saw it print against the live server. */
export interface Sample {
  file: string;
  code: string;
  expectedOutput: string | undefined;
}

/** From the project root: this module is bundled into dist/.prerender during a build. */
export const examplesDir = join(process.cwd(), "examples/");

/**
 * The samples of one status page: examples/<code>/*.{sh,php,py,mjs}, each with its expected
 * output in a `.out` file beside it (what tests/integration/samples.test.ts compares against).
 */
export function samplesFor(code: number | string): Record<SampleKind, Sample[]> {
  const folder = `${examplesDir}${code}/`;
  const names = existsSync(folder) ? readdirSync(folder).sort() : [];
  const result = { curl: [], php: [], python: [], fetch: [] } as Record<SampleKind, Sample[]>;
  for (const { kind, extension } of sampleKinds) {
    for (const name of names.filter((n) => n.endsWith(extension))) {
      const outputPath = `${folder}${name.slice(0, -extension.length)}.out`;
      result[kind].push({
        file: `examples/${code}/${name}`,
        code: readFileSync(`${folder}${name}`, "utf8").trimEnd(),
        expectedOutput: existsSync(outputPath) ? readFileSync(outputPath, "utf8").trimEnd() : undefined,
      });
    }
  }
  return result;
}

/** A server configuration file of a status page (apache.conf, nginx.conf), or its absence. */
export function serverConfigFor(code: number | string, server: "apache" | "nginx"): string | undefined {
  const path = `${examplesDir}${code}/${server}.conf`;
  return existsSync(path) ? readFileSync(path, "utf8").trimEnd() : undefined;
}

/** The raw exchange recorded from the live server (examples/<code>/exchange.http). */
export function rawExchangeFor(code: number | string): string | undefined {
  const path = `${examplesDir}${code}/exchange.http`;
  return existsSync(path) ? readFileSync(path, "utf8").trimEnd() : undefined;
}
