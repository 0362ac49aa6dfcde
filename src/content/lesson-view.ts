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

/**
 * What a step sends besides its method, target and credentials, for the page and the handout:
 * its content (the form's field names, or JSON), a DPoP proof, and when it waits. `{name}` stands
 * for a value an earlier step saved from its response.
 */
export function describeExtras(request: LessonStep["request"]): string[] {
  const extras: string[] = [];
  if (request.form !== undefined) extras.push(`a form with ${request.form.map(([name]) => name).join(", ")}`);
  if (request.json !== undefined) extras.push(`a JSON object with ${Object.keys(request.json).join(", ")}`);
  if (request.dpop !== undefined)
    extras.push(
      request.dpop.nonce === undefined
        ? "a DPoP proof without a nonce"
        : `a DPoP proof with the nonce ${request.dpop.nonce}`,
    );
  if (request.waitUntil !== undefined) extras.push(`sent once ${request.waitUntil} has passed`);
  if (request.delaySeconds > 0) extras.push(`sent after waiting ${request.delaySeconds} s`);
  return extras;
}

/** What the runner needs of a step in the page (workshop-lesson.ts): no narration, no notes. */
export function stepRunData(step: LessonStep): string {
  const { request, expectStatus, expectFields, save } = step;
  return JSON.stringify({ request, expectStatus, expectFields, save });
}
