import type { LessonStep } from "./lesson-schema.ts";

/** Splits narration on `backticks` so the template can set code spans as text, never as HTML. */
export function narrationParts(text: string): Array<{ code: boolean; text: string }> {
  return text.split("`").map((part, index) => ({ code: index % 2 === 1, text: part }));
}

/** A one-line description of how a step authenticates, for the page and the printed handout. */
export function describeAuth(auth: LessonStep["request"]["auth"]): string {
  switch (auth.type) {
    case "none":
      return "no credentials";
    case "basic":
      return `Basic credentials for "${auth.user}"`;
    case "bearer":
      return `the bearer token "${auth.token}"`;
    case "digest":
      return `Digest credentials for "${auth.user}", computed from the previous challenge`;
    case "replay":
      return "the previous step's Authorization header again, unchanged";
    case "raw":
      return `the Authorization header "${auth.value}"`;
  }
}
