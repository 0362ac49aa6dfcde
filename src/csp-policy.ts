/**
 * The site's content security policy, in one place: astro.config.mjs writes it into every page as
 * a `<meta>` (GitHub Pages cannot send headers), and `npm start` (src/server/security-headers.ts)
 * sends the parts a header can carry. Why each source is here: decisions/csp.md.
 */

/** Every directive but script-src and style-src, which Astro builds from the two below. */
export const cspDirectives = [
  "default-src 'self'",
  "connect-src 'self'", // the sandbox only talks to its own service worker
  "worker-src 'self'", // msw's mockServiceWorker.js, Pagefind's search worker
  "img-src 'self' data:", // Starlight and Expressive Code draw icons from data: SVG
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/**
 * script-src: no 'unsafe-inline', ever. 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly
 * search index; it does not allow eval() of JavaScript. Astro adds the hashes of the scripts it
 * inlines, and `scriptHashes` those it does not.
 */
export const scriptResources = ["'self'", "'wasm-unsafe-eval'"] as const;

/**
 * Starlight's own is:inline scripts, which Astro does not hash. They change only with a Starlight
 * upgrade; tests/browser/csp.spec.ts names any inline script left unhashed.
 */
export const scriptHashes = [
  "sha256-VWo5Wp4aqSj6nSgMpeAp9cKieaoIfwFUAunAVugI5gA=", // ThemeProvider.astro
  "sha256-GkZBRnvSuhtx/cvzvukVkX2JJZW+DdPlVr7BX8Tefqo=", // ThemeSelect.astro
  "sha256-wX2yOADeV+NMngflD5uYi3vl50SHC4sfM1EmylVjlX4=", // SidebarPersister.astro (1)
  "sha256-7eCV4jtsr4t4knb3c4FCRPeu7GGZeOUGE3XvWix0XOQ=", // SidebarPersister.astro (2)
] as const;

/**
 * style-src, styles only: build-time Expressive Code colours are style="" attributes, and Mermaid's
 * SVGs carry their own <style>. Astro then omits style hashes (they would disable 'unsafe-inline').
 */
export const styleResources = ["'self'", "'unsafe-inline'"] as const;
