import { defineConfig } from "vitest/config";

// Unit and integration tests (logic, handlers through msw/node, the live server over loopback).
// Browser behaviour is tested by Playwright in tests/browser, against a real build.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    coverage: {
      provider: "v8",
      include: ["src/http/**/*.ts"],
      exclude: ["src/http/**/*.test.ts"],
      thresholds: { "src/http/**/*.ts": { lines: 95 } },
    },
  },
});
