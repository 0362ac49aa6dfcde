// @ts-check
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import { msw } from "msw/vite";
import { cspDirectives, scriptHashes, scriptResources, styleResources } from "./src/csp-policy.ts";
import { siteBase, siteOrigin } from "./src/site-config.ts";
import { sidebar } from "./src/sidebar.ts";

// BASE_PATH (default "/") and SITE come from the environment, so the same source builds for
// `npm start` at the root and for GitHub Pages under /<repo>/.
export default defineConfig({
  site: siteOrigin(process.env),
  base: siteBase(process.env),
  trailingSlash: "always",
  outDir: process.env.OUT_DIR ?? "./dist",
  // Expressive Code (Starlight) highlights every code block at build time; Astro's own Shiki pass
  // would find none left to do, and with a CSP it makes Astro warn on every build. Off, so the
  // warning's cause is gone rather than hidden.
  markdown: { syntaxHighlight: false },
  // Every page links its styles (cached once) instead of inlining a copy of the small ones.
  build: { inlineStylesheets: "never" },
  integrations: [
    starlight({
      title: "HTTP Status Lab",
      description:
        "What every HTTP status code means, cited to the RFCs, with a live sandbox that runs the 401 handshake in your browser.",
      customCss: ["./src/styles/site.css"],
      sidebar,
      lastUpdated: false,
      // src/pages/404.astro draws the same page without the build warning of Starlight's route.
      disable404Route: true,
      pagination: false,
      // Expressive Code's options: ec.config.mjs.
      components: {
        // Starlight's search, but Pagefind's UI loads when the dialog opens, not on idle: content
        // pages then ship no search JavaScript a reader did not ask for (scripts/bench.ts).
        Search: "./src/components/SiteSearch.astro",
        // The same sidebar in lighter markup, with badges set apart from the names they follow.
        Sidebar: "./src/components/Sidebar.astro",
      },
    }),
  ],
  // Content security policy, as a <meta> on every page (GitHub Pages cannot send headers). Astro
  // hashes the scripts and styles it bundles. The policy itself lives in src/csp-policy.ts, which
  // `npm start` also sends as a header; why each source is there: decisions/csp.md.
  security: {
    csp: {
      directives: [...cspDirectives],
      scriptDirective: { resources: [...scriptResources], hashes: [...scriptHashes] },
      styleDirective: { resources: [...styleResources] },
    },
  },
  vite: {
    build: {
      // Scripts too: a page links its small modules (cached once, deferred) instead of inlining them.
      assetsInlineLimit: 0,
      // The only client chunks over Vite's 500 kB are Mermaid's layout engines (elk, cytoscape),
      // imported lazily when the sandbox draws a live diagram; content pages load none of them
      // (`npm run bench` checks). Above the largest (1.5 MB), so a new big chunk still warns.
      chunkSizeWarningLimit: 1600,
      rolldownOptions: {
        // Astro marks MDX modules with a "use astro:head-inject" directive that its own plugin
        // reads before bundling; Rolldown then warns once per MDX page that a bundle may drop it,
        // which is harmless and not ours to fix (withastro/astro#18087). Every other log passes.
        onLog(level, log, handler) {
          if (log.code === "MODULE_LEVEL_DIRECTIVE" && log.message.includes("astro:head-inject")) return;
          handler(level, log);
        },
      },
    },
    // Emits mockServiceWorker.js (matching the installed msw) at the root of the base path.
    plugins: [msw({ mode: "worker-only" })],
    resolve: {
      // The browser bundle's tldts is a two-label stand-in: see src/sandbox/tldts-stub.ts.
      alias: [
        {
          find: /^tldts$/,
          replacement: fileURLToPath(new URL("./src/sandbox/tldts-stub.ts", import.meta.url)),
        },
      ],
    },
  },
});
