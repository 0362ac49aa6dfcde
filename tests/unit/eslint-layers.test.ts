// The import directions of ARCHITECTURE.md (Layers), as eslint.config.js enforces them: for each
// folder, an import the map allows and its neighbour the map forbids, linted with the layer rules
// alone (no type information, so each case takes milliseconds).
import { ESLint } from "eslint";
import astro from "eslint-plugin-astro";
import tseslint from "typescript-eslint";
import { describe, expect, test } from "vitest";
import { layers } from "../../eslint.config.js";

const eslint = new ESLint({
  cwd: new URL("../..", import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
    ...astro.configs.recommended,
    ...layers,
  ],
});

/** The import specifiers ESLint refuses in `file` (an .astro file's in its front matter) among `specifiers`. */
async function refused(file: string, specifiers: string[]): Promise<string[]> {
  const imports = specifiers.map((specifier, i) => `import * as m${i} from "${specifier}";`).join("\n");
  const isAstro = file.endsWith(".astro");
  const code = isAstro ? `---\n${imports}\n---\n<p>{Object.keys(m0 ?? {})}</p>\n` : `${imports}\nexport {};\n`;
  const [result] = await eslint.lintText(code, { filePath: file });
  const firstLine = isAstro ? 2 : 1;
  return (result?.messages ?? []).map((message) => specifiers[message.line - firstLine] ?? message.message);
}

describe.each([
  {
    file: "src/components/probe-form.ts",
    allowed: [
      "../probe/format-report.ts",
      "../probe/probe-types.ts",
      "../sandbox/index.ts",
      "../http/index.ts",
      "../site-config.ts",
    ],
    refused: ["../probe/run-probe.ts", "node:fs", "../diagrams/diagram-source.ts", "../http/digest.ts", "msw"],
  },
  {
    file: "src/components/SequenceDiagram.astro",
    allowed: ["../diagrams/diagram-source.ts", "../content/lesson-schema.ts"],
    refused: ["../pages/status/index.astro", "../server/start-server.ts"],
  },
  {
    file: "src/pages/status/index.html.ts",
    allowed: ["../../components/dom.ts", "../../content/examples.ts", "../../site-config.ts"],
    refused: ["../../probe/run-probe.ts", "../../server/answer-request.ts", "../../sandbox/client.ts"],
  },
  {
    file: "src/probe/checks.ts",
    allowed: ["../http/index.ts", "./check-catalogue.ts", "../data/status-code-sets.ts"],
    refused: ["./probe-http.ts", "node:http", "../sandbox/index.ts", "../data/status-responses.ts"],
  },
  {
    file: "src/probe/format-report.ts",
    allowed: ["../http/index.ts", "./probe-types.ts"],
    refused: ["../site-config.ts", "node:net", "./run-probe.ts", "../sandbox/index.ts"],
  },
  {
    file: "src/probe/run-probe.ts",
    allowed: ["../http/index.ts", "../sandbox/index.ts", "node:net", "./format-report.ts"],
    refused: ["../components/dom.ts", "../server/answer-request.ts", "msw"],
  },
  {
    file: "src/diagrams/diagram-source.ts",
    allowed: ["../data/status-responses.ts", "../http/index.ts", "node:fs"],
    refused: ["../components/dom.ts", "../content/status-schema.ts", "../sandbox/index.ts", "../http/digest.ts"],
  },
  {
    file: "src/content/status-schema.ts",
    allowed: ["../http/index.ts", "../data/status-responses.ts", "./lesson-view.ts", "astro/zod"],
    refused: ["../components/dom.ts", "../sandbox/index.ts", "../diagrams/diagram-source.ts"],
  },
  {
    file: "src/sandbox/client.ts",
    allowed: [
      "../http/index.ts",
      "../site-config.ts",
      "../data/status-registry.ts",
      "msw",
      "../content/lesson-schema.ts",
    ],
    refused: [
      "../components/dom.ts",
      "../probe/run-probe.ts",
      "../diagrams/diagram-cache.ts",
      "../http/digest.ts",
      "../content/status-schema.ts",
      "../content/lesson-schema.tsx",
    ],
  },
  {
    file: "src/http/digest.ts",
    allowed: ["./grammar.ts", "../data/http-status-codes.json"],
    refused: ["../site-config.ts", "node:crypto", "msw"],
  },
  {
    file: "src/data/status-sidebar.ts",
    allowed: ["./status-registry.ts", "./http-status-codes.json"],
    refused: ["../http/index.ts", "../site-config.ts", "node:fs", "vitest"],
  },
  { file: "src/data/status-code-sets.test.ts", allowed: ["vitest", "./status-code-sets.ts"], refused: [] },
  { file: "src/site-config.ts", allowed: [], refused: ["./data/status-registry.ts", "node:path"] },
  {
    file: "src/sidebar.ts",
    allowed: ["./data/status-sidebar.ts", "./content/status-schema.ts", "node:fs"],
    refused: ["./sandbox/index.ts", "./components/dom.ts", "./server/main.ts"],
  },
  {
    file: "src/mcp/mcp-endpoint.ts",
    allowed: [
      "../sandbox/node.ts",
      "../http/index.ts",
      "../data/status-registry.ts",
      "../site-config.ts",
      "@modelcontextprotocol/sdk/server/mcp.js",
    ],
    refused: [
      "../server/start-server.ts",
      "../components/dom.ts",
      "../sandbox/client.ts",
      "../http/digest.ts",
      "../probe/run-probe.ts",
      "msw",
    ],
  },
  {
    file: "src/server/start-server.ts",
    allowed: ["../sandbox/node.ts", "../probe/run-probe.ts", "../csp-policy.ts"],
    refused: ["../sandbox/client.ts", "msw"],
  },
])("$file", ({ file, allowed, refused: forbidden }) => {
  test("imports what the map allows", async () => {
    expect(await refused(file, allowed)).toEqual([]);
  });
  test("is refused each import the map forbids", async () => {
    expect(await refused(file, forbidden)).toEqual(forbidden);
  });
});
