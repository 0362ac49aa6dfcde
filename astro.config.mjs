// @ts-check
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
  integrations: [
    starlight({
      title: "HTTP Status Lab",
      description:
        "What every HTTP status code means, cited to the RFCs, with a live sandbox that runs the 401 handshake in your browser.",
      customCss: ["./src/styles/site.css"],
      sidebar,
      lastUpdated: false,
      pagination: false,
      expressiveCode: {
        themes: ["github-light", "github-dark"],
        useStarlightDarkModeSwitch: true,
      },
    }),
  ],
  vite: {
    // Emits mockServiceWorker.js (matching the installed msw) at the root of the base path.
    plugins: [msw({ mode: "worker-only" })],
  },
});
