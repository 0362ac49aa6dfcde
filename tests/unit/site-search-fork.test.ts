// src/components/SiteSearch.astro is a fork of Starlight's Search component that differs in two
// things only (its header says which and why): Pagefind loads when the dialog opens, and the button
// draws no "Ctrl K" hint. These tests hold the fork to that: its styles are Starlight's own, less
// the hint's, and the upstream file it follows is pinned by hash, so a Starlight upgrade that
// changes the component fails here until the fork is compared with it again.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "../..");
const upstreamPath = join(root, "node_modules/@astrojs/starlight/dist/components/Search.astro");
const upstream = readFileSync(upstreamPath, "utf8");
const fork = readFileSync(join(root, "src/components/SiteSearch.astro"), "utf8");
const starlightVersion = (
  JSON.parse(readFileSync(join(root, "node_modules/@astrojs/starlight/package.json"), "utf8")) as {
    version: string;
  }
).version;

/** The upstream component the fork was last compared with (Starlight 0.42.9; 0.42.4's differs only in layout). */
const followed = { version: "0.42.9", sha256: "619c5c441e1f836ff8df96bbaae71b8ac638f226bc04bbac90c56ba6ddc86874" };

/** The CSS rules of an element's <style> (scoped or is:global), flattened: "@layer…>>@media…::selector{declarations}". */
function styleRules(component: string, global: boolean): string[] {
  const block = [...component.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)].find(
    (match) => match[1]!.includes("is:global") === global,
  );
  const css = (block?.[2] ?? "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, "")
    .replaceAll("'", '"');
  const rules: string[] = [];
  const open: string[] = [];
  for (let at = 0; at < css.length;) {
    const brace = css.indexOf("{", at);
    const close = css.indexOf("}", at);
    if (brace === -1 || close < brace) {
      open.pop();
      at = close + 1;
      continue;
    }
    const selector = css.slice(at, brace);
    const nextBrace = css.indexOf("{", brace + 1);
    const end = css.indexOf("}", brace);
    if (nextBrace === -1 || end < nextBrace) {
      rules.push(`${open.join(">>")}::${selector}{${css.slice(brace + 1, end)}}`);
      at = end + 1;
    } else {
      open.push(selector);
      at = brace + 1;
    }
  }
  return rules;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("SiteSearch.astro, a fork of Starlight's Search", () => {
  test("the upstream component is the one the fork was compared with", () => {
    // On failure: Starlight's Search component changed (or Starlight was upgraded). Compare it with
    // SiteSearch.astro, carry its changes over (keeping the two differences), then record the
    // version and hash here.
    expect({ version: starlightVersion, sha256: sha256(upstream) }).toEqual(followed);
  });

  test("a changed upstream component would not match the pinned hash", () => {
    expect(sha256(upstream.replace("search.label", "search.labels"))).not.toBe(followed.sha256);
  });

  test("its global styles are Starlight's, rule for rule", () => {
    const ours = styleRules(fork, true);
    expect(ours.length).toBeGreaterThan(20);
    expect(ours).toEqual(styleRules(upstream, true));
  });

  test("its scoped styles are Starlight's less the keyboard hint's, and nothing of its own", () => {
    const theirs = styleRules(upstream, false);
    const ours = styleRules(fork, false);
    expect(ours.filter((rule) => !theirs.includes(rule))).toEqual([]);
    expect(
      theirs
        .filter((rule) => !ours.includes(rule))
        .map((rule) => rule.slice(rule.indexOf("::") + 2, rule.indexOf("{"))),
    ).toEqual(["button[data-open-modal]>:last-child", "button>kbd", "kbd"]);
  });

  test("the comparison sees a changed declaration", () => {
    const changed = fork.replace("max-width: 22rem;", "max-width: 23rem;");
    expect(changed).not.toBe(fork);
    expect(styleRules(changed, false).filter((rule) => !styleRules(upstream, false).includes(rule))).toHaveLength(1);
  });
});
