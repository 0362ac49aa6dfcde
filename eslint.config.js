// @ts-check
import tseslint from "typescript-eslint";
import astro from "eslint-plugin-astro";

const domGlobals = [
  "window",
  "document",
  "navigator",
  "location",
  "HTMLElement",
  "customElements",
  "localStorage",
  "sessionStorage",
].map((name) => ({ name, message: "src/http is environment-free: no DOM (ARCHITECTURE.md, Layers)." }));

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
const noMsw = { regex: "^msw(/|$)", message: "Only src/sandbox imports msw (ARCHITECTURE.md, Layers)." };
/** Node-side code may also use the sandbox's Node entry, node.ts. */
const nodeSide = [noMsw, { ...throughIndexes[0], regex: "(^|/)sandbox/(?!(index|node)\\.ts$).+" }, throughIndexes[1]];

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
  // Imports run one way: pages → components → sandbox → http (ARCHITECTURE.md, Layers).
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
        ...domGlobals,
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
              regex: "^\\.\\./(components|pages|layouts|server)/",
              message: "src/sandbox must not import presentation or server code (ARCHITECTURE.md, Layers).",
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
        {
          patterns: [
            noMsw,
            ...throughIndexes,
            noServer,
            {
              regex: "^\\.\\./(components|pages|layouts)/",
              message: "src/probe must not import presentation (ARCHITECTURE.md, Layers).",
            },
          ],
        },
      ],
    },
  },
  {
    // Presentation sees the sandbox and src/http only through their indexes, and never the server.
    files: ["src/components/**", "src/pages/**", "src/layouts/**", "src/content/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noMsw, ...throughIndexes, noServer] }] },
  },
  {
    // The server uses the sandbox's Node entry (node.ts) beside its index.
    files: ["src/server/**"],
    rules: { "no-restricted-imports": ["error", { patterns: nodeSide }] },
  },
  {
    // So do the scripts; they, and the data tables, reach src/server only through its entry points.
    files: ["scripts/**", "src/data/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...nodeSide, noServer] }] },
  },
  {
    files: ["tests/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noMsw, noServer] }] },
  },
);
