import { z } from "astro/zod";
import { diagramSchema } from "./status-schema.ts";

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
  request: z.strictObject({
    /** The request method. */
    method: z.enum(["GET", "HEAD", "POST", "PUT", "DELETE"]).default("GET"),
    /** The endpoint, relative to `<base>api/`. */
    path: z.string().regex(/^[A-Za-z0-9/_.~%-]+$/),
    /** How the request authenticates. */
    auth: stepAuth.default({ type: "none" }),
    /** Extra request header fields. */
    headers: z.array(z.tuple([z.string(), z.string()])).default([]),
    /** Wait this long before sending (used to let a nonce go stale), in seconds. */
    delaySeconds: z.number().min(0).max(10).default(0),
  }),
  /** The status the step's response has; the lesson says so if the server answers otherwise. */
  expectStatus: z.number().int().min(100).max(599),
  /** Response header fields (lower-case names) or "status" / "body" to highlight. */
  lookAt: z.array(z.string().min(1)).default(["status"]),
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

export type Lesson = z.infer<typeof lessonSchema>;
export type LessonStep = Lesson["steps"][number];
export type StepAuth = LessonStep["request"]["auth"];
