/**
 * Creates an element with its text set as text: the one way the sandbox's views put reader- or
 * server-supplied strings on the page (never innerHTML).
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

let lastId = 0;

/** A page-unique id for aria-describedby and friends. */
export function uniqueId(prefix: string): string {
  lastId += 1;
  return `${prefix}-${lastId}`;
}

/** A link to an RFC section (or any page), opened in the same tab. */
export function citation(reference: { label: string; url: string }, className = "lab-cite"): HTMLAnchorElement {
  const link = element("a", reference.label, className);
  link.href = reference.url;
  return link;
}
