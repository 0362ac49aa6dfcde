import { createHighlighterCore, type HighlighterCore, type LanguageRegistration } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

/** The languages "copy as" shows, by the name of their grammar. */
export type CodeLanguage = "shellscript" | "javascript" | "python" | "php";

const grammars: Record<CodeLanguage, () => Promise<{ default: LanguageRegistration[] }>> = {
  shellscript: () => import("shiki/langs/shellscript.mjs"),
  javascript: () => import("shiki/langs/javascript.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  php: () => import("shiki/langs/php.mjs"),
};

let highlighter: Promise<HighlighterCore> | undefined;

/**
 * Shiki's fine-grained core with the JavaScript regex engine (no WebAssembly), one light and one
 * dark theme (the site's own, as in Expressive Code), and each grammar loaded the first time it
 * is needed.
 */
function load(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs"), import("shiki/themes/github-dark.mjs")],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/**
 * The code as lines of coloured spans, built with textContent (the code holds reader-supplied
 * values). Light colours are `color`, dark ones the `--shiki-dark` custom property, which the
 * sandbox's CSS applies under Starlight's dark theme.
 */
export async function highlight(code: string, language: CodeLanguage): Promise<DocumentFragment> {
  const core = await load();
  if (!core.getLoadedLanguages().includes(language)) {
    await core.loadLanguage((await grammars[language]()).default);
  }
  const { tokens } = core.codeToTokens(code, {
    lang: language,
    themes: { light: "github-light", dark: "github-dark" },
  });
  const fragment = document.createDocumentFragment();
  for (const [index, line] of tokens.entries()) {
    if (index > 0) fragment.append("\n");
    for (const token of line) {
      const span = document.createElement("span");
      span.textContent = token.content;
      for (const [property, value] of Object.entries(token.htmlStyle ?? {})) span.style.setProperty(property, value);
      fragment.append(span);
    }
  }
  return fragment;
}
