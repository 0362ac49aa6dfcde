// @ts-check
import tseslint from "typescript-eslint";
import astro from "eslint-plugin-astro";

/** @param {string} folder */
const domGlobals = (folder) =>
  [
    "window",
    "document",
    "navigator",
    "location",
    "HTMLElement",
    "customElements",
    "localStorage",
    "sessionStorage",
  ].map((name) => ({ name, message: `${folder} is environment-free: no DOM (ARCHITECTURE.md, Layers).` }));

/** The public surfaces (ARCHITECTURE.md, Layers): what lies behind them may move without touching a caller. */
const throughIndexes = [
  {
    regex: "(^|/)sandbox/(?!index\\.ts$).+",
    message: "Import the sandbox through src/sandbox/index.ts, its one public surface (ARCHITECTURE.md, Layers).",
  },
  {
    regex: "(^|/)http/(?!index\\.ts$).+",
    message: "Import src/http through src/http/index.ts, its one public surface (ARCHITECTURE.md, Layers).",
  },
];
const noServer = {
  regex: "(^|/)src/server/(?!(main|start-server|static-files|ensure-build|response-fields)\\.ts$).+",
  message:
    "Nothing imports src/server but its entry points: main.ts, start-server.ts, static-files.ts, ensure-build.ts, response-fields.ts (ARCHITECTURE.md, Layers).",
};
/** Inside src/, only src/server's own modules import it; no layer of the map reaches up into the application. */
const noServerInSrc = {
  regex: "^(\\.\\./)+server/",
  message: "src/server is an application: no layer imports it (ARCHITECTURE.md, Layers).",
};
const noMsw = { regex: "^msw(/|$)", message: "Only src/sandbox imports msw (ARCHITECTURE.md, Layers)." };
/** The probe's browser-side part: its report's types and wording, environment-free like src/http. */
const probeReportOnly = {
  regex: "(^|/)probe/(?!(format-report|probe-types|check-catalogue|checks|freshness)\\.ts$).+",
  message:
    "Outside Node, import from src/probe only its report and its checks (format-report.ts, probe-types.ts, check-catalogue.ts, checks.ts, freshness.ts); the rest is Node only (ARCHITECTURE.md, Layers).",
};
/** @param {string} folder */
const noPresentation = (folder) => ({
  regex: "^\\.\\./(components|pages)/",
  message: `${folder} must not import presentation (ARCHITECTURE.md, Layers).`,
});
/** Node-side code may also use the sandbox's Node entry, node.ts. */
const nodeSide = [noMsw, { ...throughIndexes[0], regex: "(^|/)sandbox/(?!(index|node)\\.ts$).+" }, throughIndexes[1]];

/**
 * The import directions of ARCHITECTURE.md (Layers), one block per folder: pages → components → sandbox
 * → http, the leaves, and the Node-only and build-time folders beside them. Exported on its own so
 * that tests/unit/eslint-layers.test.ts can lint fixtures with these rules alone.
 *
 * @type {import("eslint").Linter.Config[]}
 */
export const layers = [
  {
    files: ["src/http/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^node:", message: "src/http is environment-free: no node:* imports." },
            { regex: "^(astro|@astrojs)(/|:|$)", message: "src/http must not import Astro." },
            { regex: "^msw(/|$)", message: "src/http must not import msw; handlers live in src/sandbox." },
            {
              // The registry's JSON is data, not code: reason phrases are read from their one home.
              regex: "^\\.\\./(?!data/[a-z-]+\\.json$)",
              message:
                "src/http imports nothing from the folders above it but src/data's JSON (ARCHITECTURE.md, Layers).",
            },
            {
              regex: "^(fs|path|http|https|crypto|url|os|child_process|buffer|stream)$",
              message: "src/http is environment-free: no Node built-ins.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...domGlobals("src/http"),
        { name: "process", message: "src/http is environment-free: no process." },
        { name: "Buffer", message: "src/http is environment-free: use Uint8Array." },
      ],
    },
  },
  {
    files: ["src/sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // One exception: the lesson step's schema (src/content/lesson-schema.ts, zod only), so
              // that the lesson runner parses a step with the schema the content was checked with.
              regex: "^\\.\\./(components|pages|diagrams|server|probe)/|^\\.\\./content/(?!lesson-schema\\.ts$)",
              message:
                "src/sandbox must not import presentation, build-time, probe or server code; of src/content only lesson-schema.ts (ARCHITECTURE.md, Layers).",
            },
            throughIndexes[1],
          ],
        },
      ],
    },
  },
  {
    // The probe (npm run probe, and the server's probe page) is Node-side logic over src/http and the
    // sandbox client's challenge answering, through their indexes; it draws nothing and serves nothing.
    files: ["src/probe/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [noMsw, ...throughIndexes, noServerInSrc, noPresentation("src/probe")] },
      ],
    },
  },
  {
    // The probe's report (its types and its wording) and its checks (the engine, its catalogue, freshness)
    // are also read in the browser (the probe page, the inspector, the status pages): environment-free
    // like src/http, importing nothing but src/http's index, the status sets of src/data and each other.
    files: [
      "src/probe/format-report.ts",
      "src/probe/probe-types.ts",
      "src/probe/check-catalogue.ts",
      "src/probe/checks.ts",
      "src/probe/freshness.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^(?!\\.\\./http/index\\.ts$|\\.\\./data/status-code-sets\\.ts$|\\./(format-report|probe-types|check-catalogue|checks|freshness)\\.ts$)",
              message:
                "The probe's report runs in the browser too: it imports only src/http/index.ts and itself (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...domGlobals("The probe's report"),
        { name: "process", message: "The probe's report is environment-free: no process." },
        { name: "Buffer", message: "The probe's report is environment-free: use Uint8Array." },
      ],
    },
  },
  {
    // Presentation sees the sandbox and src/http only through their indexes, the probe only through its
    // report, and never the server. Components never import pages.
    files: ["src/components/**", "src/pages/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noMsw,
            ...throughIndexes,
            noServerInSrc,
            probeReportOnly,
            { regex: "^\\.\\./pages/", message: "Components must not import pages (ARCHITECTURE.md, Layers)." },
          ],
        },
      ],
    },
  },
  {
    // Islands and their modules run in the reader's browser: no Node, and no build-time diagram code
    // (an .astro component's front matter, which runs at build time, may read src/diagrams).
    files: ["src/components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noMsw,
            ...throughIndexes,
            noServerInSrc,
            probeReportOnly,
            { regex: "^node:", message: "Component modules run in the browser: no node:* (ARCHITECTURE.md, Layers)." },
            {
              regex: "^\\.\\./(diagrams|pages)/",
              message:
                "Component modules run in the browser: src/diagrams is build-time, read by .astro front matter (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    // Content modules (schemas, build-time readers of examples/) serve pages and components: they
    // read src/http's index, src/data and each other, never presentation, the sandbox, the probe or the server.
    files: ["src/content/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noMsw,
            throughIndexes[1],
            noPresentation("src/content"),
            {
              regex: "^\\.\\./(sandbox|probe|server|diagrams)/",
              message: "src/content's modules read only src/http and src/data (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    // Build-time diagrams: read src/data and src/http's index (and Node's fs), nothing above them.
    files: ["src/diagrams/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noMsw,
            throughIndexes[1],
            {
              regex: "^\\.\\./(components|pages|content|sandbox|probe|server)/",
              message: "src/diagrams reads only src/data and src/http (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    // The MCP endpoint (src/mcp): Node-side logic over the official MCP SDK, the sandbox's Node
    // entry and src/http's index, and the registry data; src/server imports it, it imports neither
    // the server nor presentation nor the probe.
    files: ["src/mcp/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...nodeSide,
            noServerInSrc,
            noPresentation("src/mcp"),
            {
              regex: "^\\.\\./(probe|diagrams|content)/",
              message: "src/mcp reads the sandbox, src/http and src/data only (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    // The server uses the sandbox's Node entry (node.ts) beside its index.
    files: ["src/server/**"],
    rules: { "no-restricted-imports": ["error", { patterns: nodeSide }] },
  },
  {
    // Leaves: the registry data imports only itself, and site-config.ts imports nothing, so every
    // layer (and astro.config.mjs) may read them.
    files: ["src/data/**/*.ts"],
    ignores: ["src/data/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\./)",
              message: "src/data is a leaf: it imports only its own modules and JSON (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/site-config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: ".", message: "src/site-config.ts is a leaf: it imports nothing (ARCHITECTURE.md, Layers)." },
          ],
        },
      ],
    },
  },
  {
    // The site's build configuration beside it (content collections, sidebar, CSP, code blocks), read
    // by astro.config.mjs and ec.config.mjs: it reads src/data and src/content's schemas, nothing live.
    files: ["src/*.ts"],
    ignores: ["src/site-config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noMsw,
            throughIndexes[1],
            {
              regex: "^\\./(components|pages|sandbox|probe|server|diagrams)/",
              message:
                "The build configuration reads src/data and src/content's schemas only (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    // The scripts reach the sandbox through its index or Node entry, and src/server only through its
    // entry points.
    files: ["scripts/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...nodeSide, noServer] }] },
  },
  {
    files: ["tests/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noMsw, noServer] }] },
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "dist-*/",
      ".astro/",
      "node_modules/",
      "coverage/",
      "test-results/",
      "playwright-report/",
      "bench-results/",
      ".tmp-measure/",
      ".vitest/",
      "examples/**/*.mjs",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Contract functions are async by design (ARCHITECTURE.md, Contracts: digestResponse returns a Promise)
      // even where today's implementation needs no await.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Test matchers (expect.any, expect.stringContaining) are typed `any` by Vitest and Playwright.
    files: ["**/*.test.ts", "tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
  ...astro.configs.recommended,
  {
    files: ["**/*.astro", "**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  ...layers,
);
