/**
 * Turns one diagram, rendered by Mermaid once per theme with the same id, into one SVG that
 * follows the site's theme: where the two renders differ (only colours, in Mermaid's <style>),
 * the value becomes a CSS custom property, defined on the SVG for the light theme and, under
 * Starlight's `:root[data-theme="dark"]` (on screen only: print stays light), for the dark one.
 *
 * It also keeps only what the diagram uses: style rules that match no element of this SVG,
 * keyframes no kept rule animates with, <defs> (icons, markers, filters) nothing refers to, ids
 * nothing refers to, empty groups, and Mermaid's bookkeeping attributes. A text style repeated
 * on many elements becomes one class.
 *
 * Runs in the browser (scripts/render-diagrams.ts passes it to page.evaluate): it must not refer
 * to anything outside its own body.
 */
export function themedDiagramSvg({ light, dark }: { light: string; dark: string }): string {
  const host = document.createElement("div");
  document.body.append(host);
  try {
    const parse = (markup: string): SVGSVGElement => {
      const holder = document.createElement("div");
      holder.innerHTML = markup;
      const svg = holder.querySelector("svg");
      if (!svg) throw new Error("Mermaid returned no <svg>");
      host.append(svg);
      return svg;
    };
    const lightSvg = parse(light);
    const darkSvg = parse(dark);
    const id = lightSvg.id;
    if (!id || darkSvg.id !== id) throw new Error("Both themes must be rendered with the same id");

    const takeSheet = (svg: SVGSVGElement): CSSStyleSheet => {
      const styles = [...svg.querySelectorAll("style")];
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(styles.map((style) => style.textContent ?? "").join("\n"));
      for (const style of styles) style.remove();
      return sheet;
    };
    const lightSheet = takeSheet(lightSvg);
    const darkSheet = takeSheet(darkSvg);
    // The two themes must draw the same picture: only their style sheets may differ.
    const drawing = (svg: SVGSVGElement) =>
      [...svg.querySelectorAll("*")]
        .map((element) =>
          [
            element.tagName,
            ...[...element.attributes].filter((a) => a.name !== "id").map((a) => `${a.name}=${a.value}`),
            ...[...element.childNodes]
              .filter((node) => node.nodeType === Node.TEXT_NODE)
              .map((node) => node.textContent),
          ].join(" "),
        )
        .join("\n");
    if (drawing(lightSvg) !== drawing(darkSvg)) throw new Error(`${id}: the two themes draw different pictures`);
    darkSvg.remove();

    // Ids nothing refers to (Mermaid numbers them per render, so the two themes differ there).
    const dropUnreferencedIds = (svg: SVGSVGElement) => {
      const text = svg.outerHTML;
      for (const element of svg.querySelectorAll("[id]")) {
        const elementId = element.id;
        const referred =
          text.includes(`#${elementId})`) ||
          text.includes(`#${elementId}"`) ||
          new RegExp(`aria-[a-z]+="([^"]* )?${elementId}( [^"]*)?"`).test(text);
        if (!referred) element.removeAttribute("id");
      }
    };
    // Definitions nothing uses: icons for participant types this diagram does not have, markers.
    for (let changed = true; changed;) {
      changed = false;
      const text = lightSvg.outerHTML;
      for (const definition of lightSvg.querySelectorAll("defs > [id]")) {
        if (!text.includes(`#${definition.id})`) && !text.includes(`#${definition.id}"`)) {
          definition.remove();
          changed = true;
        }
      }
    }
    for (
      let empty = lightSvg.querySelector("defs:empty, g:empty");
      empty;
      empty = lightSvg.querySelector("defs:empty, g:empty")
    ) {
      empty.remove();
    }
    dropUnreferencedIds(lightSvg);

    // Style rules: only those that match an element here, colours as custom properties.
    const lightRules = [...lightSheet.cssRules];
    const darkRules = [...darkSheet.cssRules];
    if (lightRules.length !== darkRules.length) throw new Error(`${id}: the themes' style sheets differ in shape`);
    const matches = (selector: string) => {
      try {
        return lightSvg.matches(selector) || lightSvg.querySelector(selector) !== null;
      } catch {
        return false;
      }
    };
    const properties = new Map<string, string>();
    const lightValues: string[] = [];
    const darkValues: string[] = [];
    const variable = (lightValue: string, darkValue: string) => {
      const key = `${lightValue}\n${darkValue}`;
      let name = properties.get(key);
      if (name === undefined) {
        name = `--d${properties.size}`;
        properties.set(key, name);
        lightValues.push(`${name}:${lightValue}`);
        darkValues.push(`${name}:${darkValue}`);
      }
      return `var(${name})`;
    };
    const kept: CSSStyleRule[] = [];
    const keyframes = new Map<string, CSSKeyframesRule>();
    lightRules.forEach((rule, index) => {
      const other = darkRules[index];
      if (rule instanceof CSSKeyframesRule) {
        keyframes.set(rule.name, rule);
        return;
      }
      if (!(rule instanceof CSSStyleRule) || !(other instanceof CSSStyleRule)) return;
      if (rule.selectorText !== other.selectorText) throw new Error(`${id}: rule ${index} differs between themes`);
      if (!matches(rule.selectorText)) return;
      const names = new Set([...rule.style, ...other.style]);
      for (const name of names) {
        const lightValue = rule.style.getPropertyValue(name);
        const darkValue = other.style.getPropertyValue(name);
        if (lightValue === darkValue) continue;
        if (lightValue === "" || darkValue === "") throw new Error(`${id}: ${name} is set in one theme only`);
        rule.style.setProperty(name, variable(lightValue, darkValue), rule.style.getPropertyPriority(name));
      }
      kept.push(rule);
    });
    const animated = new Set(kept.map((rule) => rule.style.getPropertyValue("animation-name")).filter(Boolean));
    const usedKeyframes = [...keyframes.values()].filter((rule) => animated.has(rule.name));

    // A text style repeated on many elements (Mermaid writes the font on every label): one class,
    // unless a kept rule sets one of its properties on that element (the inline style would win).
    const repeated = new Map<string, Element[]>();
    for (const element of lightSvg.querySelectorAll("[style]")) {
      const style = element.getAttribute("style") ?? "";
      repeated.set(style, [...(repeated.get(style) ?? []), element]);
    }
    const classRules: string[] = [];
    for (const [style, elements] of repeated) {
      if (elements.length < 2 || elements.includes(lightSvg)) continue;
      const declared = new Set(
        style
          .split(";")
          .map((part) => part.split(":")[0]?.trim())
          .filter(Boolean),
      );
      const contested = elements.some((element) =>
        kept.some((rule) => element.matches(rule.selectorText) && [...rule.style].some((name) => declared.has(name))),
      );
      if (contested) continue;
      const name = `s${classRules.length}`;
      classRules.push(`#${id} .${name}{${style.replace(/;\s*$/, "").replace(/:\s+/g, ":").replace(/;\s+/g, ";")}}`);
      for (const element of elements) {
        element.removeAttribute("style");
        element.classList.add(name);
      }
    }

    // A presentation attribute that a matching rule sets too never shows (CSS wins over it).
    for (const element of lightSvg.querySelectorAll("*")) {
      const rules = kept.filter((rule) => element.matches(rule.selectorText));
      for (const attribute of [...element.attributes]) {
        if (rules.some((rule) => rule.style.getPropertyValue(attribute.name) !== "")) {
          element.removeAttribute(attribute.name);
        }
      }
    }

    // Mermaid's bookkeeping attributes and classes, unless a kept selector reads them.
    const selectors = kept.map((rule) => rule.selectorText).join(",");
    const classUsed = (name: string) =>
      classRules.some((rule) => rule.includes(`.${name}{`)) ||
      new RegExp(`\\.${name.replace(/[^\w-]/g, "\\$&")}(?![\\w-])`).test(selectors);
    const matched = (element: Element) =>
      [element, ...element.querySelectorAll("*")]
        .map((node) => kept.map((rule) => (node.matches(rule.selectorText) ? "1" : "0")).join(""))
        .join();
    for (const element of lightSvg.querySelectorAll("*")) {
      for (const attribute of [...element.attributes]) {
        const bookkeeping = attribute.name.startsWith("data-") || attribute.name === "name";
        if (!bookkeeping) continue;
        // Kept only where a rule needs it on this element (Mermaid writes data-look on every box).
        const before = matched(element);
        element.removeAttribute(attribute.name);
        if (matched(element) !== before) element.setAttribute(attribute.name, attribute.value);
      }
      // SVG applies alignment-baseline to <tspan> and <textPath>, not to <text>; Mermaid writes it
      // beside dominant-baseline on every label.
      if (element.tagName === "text") element.removeAttribute("alignment-baseline");
      for (const name of [...element.classList]) if (!classUsed(name)) element.classList.remove(name);
      if (element.classList.length === 0) element.removeAttribute("class");
    }

    const css = [
      `#${id}{${lightValues.join(";")}}`,
      `@media screen{:root[data-theme="dark"] #${id}{${darkValues.join(";")}}}`,
      ...usedKeyframes.map((rule) => rule.cssText),
      ...kept.map((rule) => rule.cssText),
      ...classRules,
    ]
      .join("")
      .replace(/\s*([{};,>])\s*/g, "$1")
      .replace(/:\s+/g, ":");
    const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
    style.textContent = css;
    lightSvg.prepend(style);
    return lightSvg.outerHTML;
  } finally {
    host.remove();
  }
}
