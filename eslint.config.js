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
].map((name) => ({ name, message: "src/http is environment-free: no DOM (see ../shared/DESIGN.md)." }));

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
      // Contract functions are async by design (DESIGN.md: digestResponse returns a Promise)
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
  // Imports run one way: pages → components → sandbox → http (../shared/DESIGN.md).
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
              message: "src/http imports nothing from the folders above it but src/data's JSON (ARCHITECTURE.md, Layers).",
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
              message: "src/sandbox must not import presentation or server code.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/components/**", "src/pages/**", "src/layouts/**", "src/server/**", "scripts/**", "tests/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^msw(/|$)", message: "Only src/sandbox imports msw (../shared/DESIGN.md)." }] },
      ],
    },
  },
);
