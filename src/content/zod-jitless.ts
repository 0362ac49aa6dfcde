import { z } from "astro/zod";

// No code generation: zod's JIT tries `new Function`, which the site's CSP refuses (script-src has
// no 'unsafe-eval'; src/csp-policy.ts). The lesson runner parses steps with the content schemas in
// the page, and Firefox reports each refusal as an error there. Imported first by the schemas, so
// that every schema is made after it.
z.config({ jitless: true });
