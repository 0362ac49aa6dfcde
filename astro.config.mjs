// @ts-check
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import { msw } from "msw/vite";
import { siteBase, siteOrigin } from "./src/site-config.ts";
import { sidebar } from "./src/sidebar.ts";

// BASE_PATH (default "/") and SITE come from the environment, so the same source builds for
// `npm start` at the root and for GitHub Pages under /<repo>/.
export default defineConfig({
  site: siteOrigin(process.env),
  base: siteBase(process.env),
  trailingSlash: "always",
  outDir: process.env.OUT_DIR ?? "./dist",
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
  // hashes the scripts and styles it bundles; why each source is here: decisions/csp.md.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "connect-src 'self'", // the sandbox only talks to its own service worker
        "worker-src 'self'", // msw's mockServiceWorker.js, Pagefind's search worker
        "img-src 'self' data:", // Starlight and Expressive Code draw icons from data: SVG
        "font-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        // No 'unsafe-inline', ever. 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly
        // search index; it does not allow eval() of JavaScript.
        resources: ["'self'", "'wasm-unsafe-eval'"],
        // Starlight's own is:inline scripts, which Astro does not hash. They change only with a
        // Starlight upgrade; tests/browser/csp.spec.ts names any inline script left unhashed.
        hashes: [
          "sha256-VWo5Wp4aqSj6nSgMpeAp9cKieaoIfwFUAunAVugI5gA=", // ThemeProvider.astro
          "sha256-GkZBRnvSuhtx/cvzvukVkX2JJZW+DdPlVr7BX8Tefqo=", // ThemeSelect.astro
          "sha256-wX2yOADeV+NMngflD5uYi3vl50SHC4sfM1EmylVjlX4=", // SidebarPersister.astro (1)
          "sha256-7eCV4jtsr4t4knb3c4FCRPeu7GGZeOUGE3XvWix0XOQ=", // SidebarPersister.astro (2)
        ],
      },
      // Styles only: build-time Shiki/Expressive Code colours are style="" attributes, and
      // Mermaid's SVGs carry their own <style>. Astro then omits style hashes (they would
      // disable 'unsafe-inline').
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    // Scripts too: a page links its small modules (cached once, deferred) instead of inlining them.
    build: { assetsInlineLimit: 0 },
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
