import "./zod-jitless.ts";
import { z } from "astro/zod";
import type { Citation } from "../http/index.ts";
import type { ExchangeFacts } from "../data/status-responses.ts";

/** A reference to the text that defines a claim, shown as a link on the page: the one Citation type. */
export const specReference = z.strictObject({
  /** What the link says, for example "RFC 9110 §15.5.2". */
  label: z.string().min(1),
  /** The section's address; RFC Editor HTML with a #section anchor where there is one. */
  url: z.url(),
}) satisfies z.ZodType<Citation>;

/** Another code that readers mix up with this one, and the sentence that tells them apart. */
const confusedWith = z.strictObject({
  /** The other status code. */
  code: z.number().int().min(100).max(599),
  /** One or two sentences: when to use which. */
  difference: z.string().min(1),
});

/**
 * The facts of the exchange a status page's diagram draws that its code's response fields depend
 * on (src/data/status-responses.ts, ExchangeFacts): the `{{response}}` placeholder fills the fields
 * from the table, with these values where the table's depend on the exchange.
 */
const exchangeSchema = z.strictObject({
  location: z.string().min(1).optional(),
  challenge: z.string().min(1).optional(),
  allow: z.string().min(1).optional(),
  firstByte: z.number().int().min(0).optional(),
  lastByte: z.number().int().min(0).optional(),
  length: z.number().int().min(0).optional(),
  contentType: z.string().min(1).optional(),
  upgrade: z.string().min(1).optional(),
}) satisfies z.ZodType<ExchangeFacts>;

/** The sequence diagram of this code's typical flow, rendered to SVG at build time. */
export const diagramSchema = z.strictObject({
  /** Accessible title of the diagram (Mermaid accTitle). */
  title: z.string().min(1),
  /** Text alternative: what the diagram shows, in one or two sentences (Mermaid accDescr). */
  description: z.string().min(1),
  /**
   * Mermaid `sequenceDiagram` source, without accTitle/accDescr (added from the fields above). On
   * a status page, `{{response}}` draws the code's response and `{{Field-Name}}` a field's value,
   * both from src/data/status-responses.ts (src/diagrams/diagram-source.ts); title and
   * description may use `{{Field-Name}}` too.
   */
  source: z.string().startsWith("sequenceDiagram"),
  /** The facts of the drawn exchange that the code's response fields depend on. */
  exchange: exchangeSchema.optional(),
});

/** The status classes of RFC 9110 §15. */
export const statusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

/** Where a code stands in the IANA registry, or outside it. */
export const standings = ["standard", "temporary", "deprecated", "unused", "obsoleted", "unofficial"] as const;

/**
 * Front matter of one status page (src/content/status/<code>.mdx). Strict: a misspelt or unknown
 * field fails the build, like MDN's front-matter linter.
 */
export const statusPageSchema = z
  .strictObject({
    /** The three-digit status code. */
    code: z.number().int().min(100).max(599),
    /** The reason phrase as the IANA registry spells it (checked against src/data/http-status-codes.json). */
    reasonPhrase: z.string().min(1),
    /** The class, which must match the code's first digit. */
    class: z.enum(statusClasses),
    /** Registered, temporary, deprecated, unused, obsoleted, or not registered at all. */
    standing: z.enum(standings),
    /** For unofficial codes: who sends it, and why no client should rely on it. */
    unofficialUse: z.string().min(1).optional(),
    /** One sentence for the explorer, search results and the meta description. */
    summary: z.string().min(1).max(200),
    /** The sections that define this code; the first is the defining one. */
    spec: z.array(specReference).min(1),
    /** Header fields that matter for this code (linked to their definitions in the page text). */
    relatedHeaders: z.array(z.string().min(1)).default([]),
    /** Codes readers confuse with this one. */
    confusedWith: z.array(confusedWith).default([]),
    /** The sandbox endpoint the page's "Try it" section sends to, relative to `<base>api/`. */
    tryIt: z.string().regex(/^[a-z0-9/_-]+$/),
    /** The sequence diagram. */
    diagram: diagramSchema,
  })
  .refine((page) => page.class === `${String(page.code)[0]}xx`, {
    message: "class must match the code's first digit",
    path: ["class"],
  })
  .refine((page) => (page.standing === "unofficial") === (page.unofficialUse !== undefined), {
    message: "unofficialUse is required for unofficial codes, and only for them",
    path: ["unofficialUse"],
  });

export type StatusPage = z.infer<typeof statusPageSchema>;
