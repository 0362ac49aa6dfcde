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
      // A saved token reads as words ("the access token from step 6 as the bearer token"), never in quotes.
      return wholePlaceholder.test(auth.token)
        ? `${auth.token} as the bearer token`
        : `the bearer token "${auth.token}"`;
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
  if (request.waitUntil !== undefined)
    extras.push(`sent once ${request.waitUntil} has passed (the presenter may skip the wait: PageDown)`);
  if (request.delaySeconds > 0) extras.push(`sent after waiting ${request.delaySeconds} s`);
  return extras;
}

/** What the runner needs of a step in the page (workshop-lesson.ts): no narration, no notes. */
export function stepRunData(step: LessonStep): string {
  const { request, expectStatus, expectFields, save } = step;
  return JSON.stringify({ request, expectStatus, expectFields, save });
}

/** A string that is one `{name}` placeholder and nothing else. */
const wholePlaceholder = /^\{[a-z][a-z0-9_]*\}$/;

/** Which step (counted from 1) first saves each `{name}` a later step uses. */
export function savedByStep(steps: readonly LessonStep[]): Map<string, number> {
  const saved = new Map<string, number>();
  steps.forEach((step, index) => {
    for (const { name } of step.save) if (!saved.has(name)) saved.set(name, index + 1);
  });
  return saved;
}

/** Names whose words are not their own: the lesson run's values (lesson-run.ts) and a few abbreviations. */
const namedWords: Readonly<Record<string, string>> = {
  api: "the sandbox's API address",
  code_verifier: "the PKCE code verifier",
  code_challenge: "the PKCE code challenge",
  client_id: "the client ID",
};

/**
 * A `{name}` said in words before its value is known: "the access token from step 6", "the expiry
 * (exp) of the access token from step 6", "the PKCE code verifier".
 */
export function placeholderWords(name: string, savedBy: ReadonlyMap<string, number>): string {
  const step = savedBy.get(name);
  const from = step === undefined ? "" : ` from step ${step}`;
  const known = namedWords[name];
  if (known !== undefined) return `${known}${from}`;
  const expiry = /^(.+)_exp$/.exec(name);
  if (expiry?.[1] !== undefined) return `the expiry (exp) of the ${expiry[1].replaceAll("_", " ")}${from}`;
  return `the ${name.replaceAll("_", " ")}${from}`;
}

/** A piece of a step's text: plain, or a `{name}` placeholder (`value`) with its words. */
export type PlaceholderPart = { text: string; value?: string };

/**
 * Splits a step's text on its `{name}` placeholders, each said in words (placeholderWords): the
 * page never shows a brace, and the lesson's script (workshop-step-view.ts) puts the value in once
 * a step has saved it.
 */
export function placeholderParts(text: string, savedBy: ReadonlyMap<string, number>): PlaceholderPart[] {
  const parts: PlaceholderPart[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{([a-z][a-z0-9_]*)\}/g)) {
    const name = match[1] ?? "";
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: placeholderWords(name, savedBy), value: name });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
