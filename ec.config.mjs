// @ts-check
// Expressive Code's options, in their own file because a plugin (a function) cannot travel as
// JSON to Starlight's <Code> component (the status pages' samples): Starlight reads this file.
import { defineEcConfig } from "@astrojs/starlight/expressive-code";
import { leanCodeBlocks } from "./src/lean-code-blocks.ts";

export default defineEcConfig({
  themes: ["github-light", "github-dark"],
  useStarlightDarkModeSwitch: true,
  // Long lines wrap instead of scrolling: a scrollable <pre> needs a focusable region name
  // per block, and a wrapped line is easier to read on a phone.
  defaultProps: { wrap: true },
  // Plain blocks in fewer elements and bytes, same look: src/lean-code-blocks.ts.
  plugins: [leanCodeBlocks()],
});
