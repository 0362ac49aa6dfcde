import { cspDirectives, scriptResources, styleResources } from "../csp-policy.ts";

/**
 * What a response is, for the policy it gets:
 * - `page`: an HTML page of the site. The page carries its own policy as a `<meta>` with the
 *   hashes of its inline scripts (astro.config.mjs); a header policy is enforced on top of it
 *   (CSP3 §8.1: every policy must allow a load), so the header repeats only the directives that do
 *   not depend on the page, word for word from src/csp-policy.ts, and adds `frame-ancestors`,
 *   which a `<meta>` cannot carry. A `default-src` or `script-src` here would block the inline
 *   scripts the page's own hashes allow.
 * - `asset`: any other file of the site (scripts, workers, SVG, JSON). The whole site policy, so an
 *   SVG opened on its own runs no script and a worker (its policy is its script's header) may
 *   fetch and compile Pagefind's WebAssembly from our origin only.
 * - `data`: the API's answers and the server's own messages: nothing may load or run, so a
 *   reflected `<script>` in JSON or text is inert even if a browser renders it.
 */
export type ResponseKind = "page" | "asset" | "data";

const frameAncestors = "frame-ancestors 'none'";
const pageIndependent = cspDirectives.filter((directive) => !directive.startsWith("default-src"));

const policies: Record<ResponseKind, string> = {
  page: [...pageIndependent, frameAncestors].join("; "),
  asset: [
    ...cspDirectives,
    `script-src ${scriptResources.join(" ")}`,
    `style-src ${styleResources.join(" ")}`,
    frameAncestors,
  ].join("; "),
  data: ["default-src 'none'", frameAncestors].join("; "),
};

/**
 * The security header fields of every live-server response: the content security policy for its
 * kind (with `frame-ancestors 'none'`: the site is never framed, decisions/csp.md), no MIME
 * sniffing (a JSON or text answer is never run as a script or rendered as HTML), and no Referer
 * beyond our origin (the API's URLs carry demo credentials in their paths).
 */
export function securityHeaders(kind: ResponseKind): Readonly<Record<string, string>> {
  return fields[kind];
}

/** The fields of each kind, made once: every response reads them. */
const fieldsOf = (kind: ResponseKind): Readonly<Record<string, string>> =>
  Object.freeze({
    "Content-Security-Policy": policies[kind],
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  });
const fields: Record<ResponseKind, Readonly<Record<string, string>>> = {
  page: fieldsOf("page"),
  asset: fieldsOf("asset"),
  data: fieldsOf("data"),
};
