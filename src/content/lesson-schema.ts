import "./zod-jitless.ts";
import { z } from "astro/zod";

import { diagramSchema, specReference } from "./status-schema.ts";

/** How a step's request authenticates. */
const stepAuth = z.discriminatedUnion("type", [
  /** No Authorization header. */
  z.strictObject({ type: z.literal("none") }),
  /** Basic credentials (RFC 7617), encoded as UTF-8. */
  z.strictObject({ type: z.literal("basic"), user: z.string(), password: z.string() }),
  /** A bearer token (RFC 6750 §2.1), sent as typed, even when malformed. */
  z.strictObject({ type: z.literal("bearer"), token: z.string() }),
  /** Digest credentials (RFC 7616) computed from the challenge of the previous step's response. */
  z.strictObject({ type: z.literal("digest"), user: z.string(), password: z.string() }),
  /** The previous step's Authorization header again, byte for byte (a replay). */
  z.strictObject({ type: z.literal("replay") }),
  /** An Authorization header value written out in full. */
  z.strictObject({ type: z.literal("raw"), value: z.string() }),
]);

/** One step of a lesson: what the presenter says, the real request it sends, what to look at. */
const lessonStep = z.strictObject({
  /** A short title, shown as the step's heading. */
  title: z.string().min(1),
  /** What the presenter says; `backticks` mark code. */
  narration: z.string().min(1),
  /** The request, sent through the sandbox's own handlers (never a recording). */
  request: z
    .strictObject({
      /** The request method. */
      method: z.enum(["GET", "HEAD", "POST", "PUT", "DELETE"]).default("GET"),
      /**
       * The endpoint, relative to `<base>api/`; or `{name}`, a URL an earlier step saved from a
       * response; or `{origin}` and a path at the origin's root (a well-known URL, RFC 9728 §3.1).
       */
      path: z.string().regex(/^(?:[A-Za-z0-9/_.~%-]+|\{[a-z][a-z0-9_]*\}|\{origin\}\/[A-Za-z0-9/_.~%-]*)$/),
      /** How the request authenticates. */
      auth: stepAuth.default({ type: "none" }),
      /** Extra request header fields. */
      headers: z.array(z.tuple([z.string(), z.string()])).default([]),
      /** Wait this long before sending (used to let a nonce go stale or a token expire), in seconds. */
      delaySeconds: z.number().min(0).max(10).default(0),
      /** Form fields to send as application/x-www-form-urlencoded content (RFC 6749 appendix B). */
      form: z.array(z.tuple([z.string().min(1), z.string()])).optional(),
      /** A JSON object to send as application/json content (RFC 7591 §3.1). */
      json: z.record(z.string(), z.unknown()).optional(),
      /** Wait before sending until this time (seconds since the epoch, usually a saved `{name}` such as a token's exp) has passed. */
      waitUntil: z.string().optional(),
      /** Sign a DPoP proof for this request (RFC 9449 §4.2) with the lesson's own key, with this nonce if given. */
      dpop: z.strictObject({ nonce: z.string().optional() }).optional(),
    })
    .refine((request) => request.form === undefined || request.json === undefined, {
      message: "A request sends a form or JSON, not both.",
    }),
  /** The status the step's response has; the lesson says so if the server answers otherwise. */
  expectStatus: z.number().int().min(100).max(599),
  /** Response header fields (lower-case names) or "status" / "body" to highlight. */
  lookAt: z.array(z.string().min(1)).default(["status"]),
  /**
   * Response values the step must show beside its status: `header.<name>`, `scheme` (the first
   * challenge's), `challenge.<param>`, `body.<field>` (JSON, dotted), `location.<query parameter>`;
   * the exact value, or "*" for "present".
   */
  expectFields: z.record(z.string().min(1), z.string()).default({}),
  /** Values later steps use as `{name}`, read from this step's response (same sources as expectFields). */
  save: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-z][a-z0-9_]*$/),
        from: z.string().min(1),
        /** Save the RFC 8414 §3.1 / RFC 9728 §3.1 well-known URL of the value, with this suffix. */
        wellKnown: z.enum(["oauth-authorization-server", "oauth-protected-resource"]).optional(),
        /** Save this claim of the value read as a JWT (RFC 7519), such as an access token's `exp`. */
        claim: z.string().min(1).optional(),
      }),
    )
    .default([]),
  /** The RFC sections behind the step, shown as links. */
  cite: z.array(specReference).default([]),
  /** Notes only the presenter view shows. */
  notes: z.string().default(""),
});

/** Front matter of a workshop lesson (src/content/lessons/<slug>.md). */
export const lessonSchema = z.strictObject({
  /** The lesson's title. */
  title: z.string().min(1),
  /** One sentence for the lesson list. */
  summary: z.string().min(1),
  /** Position in the lesson list. */
  order: z.number().int().min(1),
  /** About how long the lesson takes in a room, in minutes. */
  minutes: z.number().int().min(1).max(120),
  /** The handshake the lesson walks through, drawn at build time for the page and the handout. */
  diagram: diagramSchema,
  /** The steps, in order. */
  steps: z.array(lessonStep).min(1),
});

/**
 * What the runner needs of a step in the page (lesson-view.ts's stepRunData writes it into
 * data-run; src/sandbox/lesson-run.ts parses it back with this schema): no narration, no notes.
 */
export const lessonStepRunSchema = lessonStep.pick({
  request: true,
  expectStatus: true,
  expectFields: true,
  save: true,
});
export type LessonStepRun = z.infer<typeof lessonStepRunSchema>;

export type Lesson = z.infer<typeof lessonSchema>;
export type LessonStep = Lesson["steps"][number];
export type StepAuth = LessonStep["request"]["auth"];
