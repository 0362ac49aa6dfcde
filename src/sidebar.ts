import { existsSync } from "node:fs";
import { join } from "node:path";
import { statusSidebar } from "./data/status-sidebar.ts";

// From the project root, like src/content/examples.ts: astro.config.mjs is evaluated from there.
const statusPagesDir = join(process.cwd(), "src/content/status");

/**
 * The site's navigation: the explorer and the tools on top, then every status page grouped by
 * class, generated from the registry (src/data/) for the pages that exist. A unit test checks that
 * every link here has a page and every page has a link.
 */
export const sidebar = [
  { label: "Explorer", link: "/" },
  { label: "Sandbox", link: "/sandbox/" },
  { label: "Header inspector", link: "/inspect/" },
  { label: "Check your server", link: "/probe/" },
  { label: "Live view", link: "/live/" },
  { label: "Workshop", link: "/workshop/" },
  { label: "Our API and httpbin", link: "/httpbin/" },
  { label: "From a 401 to a token", link: "/oauth/" },
  ...statusSidebar((code) => existsSync(join(statusPagesDir, `${code}.mdx`))),
];
