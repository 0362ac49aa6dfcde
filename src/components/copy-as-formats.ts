import type { CodeLanguage } from "./highlight.ts";

// The tabs "copy as" offers, without their code generators: SandboxResults.astro draws the tabs
// from this list, and copy-as-code.ts (loaded with the first request to show) adds a generator to
// each. Importing copy-as-code.ts itself in the markup would put it in the page's first load (Vite's
// INEFFECTIVE_DYNAMIC_IMPORT).

/** The four ways "copy as" writes a request, in tab order. */
export const copyAsFormats = [
  { id: "curl", label: "curl", language: "shellscript" },
  { id: "fetch", label: "fetch", language: "javascript" },
  { id: "python", label: "Python", language: "python" },
  { id: "php", label: "PHP", language: "php" },
] as const satisfies ReadonlyArray<{ id: string; label: string; language: CodeLanguage }>;

export type FormatId = (typeof copyAsFormats)[number]["id"];

/** A live server's address, read: its origin and the base path it serves (npm start's BASE_PATH). */
export type LiveServer = { origin: string; base: string };
