import {
  combinedField,
  failure,
  isJsonObject,
  parseChallenges,
  pkcePair,
  wellKnownUrl,
  type Exchange,
  type Result,
} from "../http/index.ts";
import { apiRoot } from "../site-config.ts";
import { lessonStepRunSchema, type LessonStepRun } from "../content/lesson-schema.ts";
import { endpointUrl, stepDraft, type RequestDraft } from "./build-request.ts";
import type { DpopKey } from "./dpop-client.ts";

/** What the runner needs of a lesson step: the type of src/content/lesson-schema.ts's schema, never written twice. */
export type LessonStepSpec = LessonStepRun;
/** A lesson step's request: a StepRequest, content, DPoP, waits. */
export type LessonRequest = LessonStepSpec["request"];
/** A value a step saves from its response for later steps, under `name` (from: see readResponseValue). */
export type SavedValue = LessonStepSpec["save"][number];

/**
 * Reads a step back from the JSON the page carries (data-run): parsed against the lesson schema,
 * so a page edited by hand or a stale cache gets a sentence, not a step the runner misreads.
 */
export function parseLessonStep(json: string): Result<{ step: LessonStepSpec }> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return failure("The step's data is not JSON: reload the page.");
  }
  const parsed = lessonStepRunSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure(
      `The step's data does not match the lesson schema${issue === undefined ? "" : ` (${issue.path.join(".") || "the step"}: ${issue.message})`}: reload the page.`,
    );
  }
  return { ok: true, step: parsed.data };
}

/**
 * Reads a value a lesson names from a response: `header.<name>`; `scheme`, the first challenge's
 * auth-scheme, and `challenge.<param>`, its parameter (RFC 9110 §11.6.1); `body.<field>`, a field
 * of a JSON body, dotted for nested fields and array items (`body.authorization_servers.0`);
 * `location.<parameter>`, a query parameter of the Location field (an authorization response,
 * RFC 6749 §4.1.2). Undefined when the response has no such value.
 */
export function readResponseValue(exchange: Exchange, source: string): string | undefined {
  const dot = source.indexOf(".");
  const kind = dot < 0 ? source : source.slice(0, dot);
  const name = dot < 0 ? "" : source.slice(dot + 1);
  const { response } = exchange;
  switch (kind) {
    case "header":
      return combinedField(response.headers, name.toLowerCase())?.value;
    case "scheme":
    case "challenge": {
      const field = combinedField(response.headers, "www-authenticate");
      const parsed = field === undefined ? undefined : parseChallenges(field.value);
      const first = parsed?.ok === true ? parsed.challenges[0] : undefined;
      if (first === undefined) return undefined;
      return kind === "scheme" ? first.scheme : first.params[name.toLowerCase()];
    }
    case "body": {
      let value: unknown;
      try {
        value = JSON.parse(response.body);
      } catch {
        return undefined;
      }
      for (const part of name.split(".")) {
        if (Array.isArray(value)) value = Object.hasOwn(value, part) ? value[Number(part)] : undefined;
        else if (isJsonObject(value) && Object.hasOwn(value, part)) value = value[part];
        else return undefined;
      }
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      return undefined;
    }
    case "location": {
      const location = combinedField(response.headers, "location")?.value;
      if (location === undefined) return undefined;
      try {
        return new URL(location, exchange.request.url).searchParams.get(name) ?? undefined;
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

const placeholder = /\{([a-z][a-z0-9_]*)\}/g;

/**
 * The ways a response differs from what a step announces: its status, then every expected field
 * (exactly that value, or present at all for "*"). Empty when the step went as the lesson says.
 */
export function stepMismatches(
  step: Pick<LessonStepSpec, "expectStatus" | "expectFields">,
  exchange: Exchange,
  values: ReadonlyMap<string, string> = new Map(),
): string[] {
  const found: string[] = [];
  const { status } = exchange.response;
  if (status !== step.expectStatus) found.push(`the status is ${status}, not ${step.expectStatus}`);
  for (const [source, written] of Object.entries(step.expectFields)) {
    // An expectation may name a saved value: `body.issuer: "{issuer}"` (RFC 8414 §3.3).
    const expected = written.replace(placeholder, (whole, name: string) => values.get(name) ?? whole);
    const value = readResponseValue(exchange, source);
    if (value === undefined) found.push(`${source} is missing`);
    else if (expected !== "*" && value !== expected) found.push(`${source} is “${value}”, not “${expected}”`);
  }
  return found;
}

/** The longest a step waits for a time to pass. */
const maxWaitSeconds = 120;

/** A claim of a JWT's payload as text (RFC 7519 §7.2), read without checking the signature: for display and timing only. */
function jwtClaim(jwt: string, claim: string): string | undefined {
  const payload = jwt.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
    const payloadClaims: unknown = JSON.parse(json);
    const value = isJsonObject(payloadClaims) ? payloadClaims[claim] : undefined;
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The lesson run's state: values saved by earlier steps, the PKCE pair, the DPoP key. */
export interface LessonRun {
  /** The values later steps can use, by name (for a view that shows them). */
  readonly values: ReadonlyMap<string, string>;
  /** The draft for a step, its `{name}` values filled in, its content and DPoP proof added. */
  draft(
    step: LessonStepSpec,
    base: string,
    origin: string,
    lastAuthorization: string | undefined,
  ): Promise<Result<{ draft: RequestDraft }>>;
  /** Saves what the step's response holds for later steps; a sentence when a value is missing. */
  record(step: LessonStepSpec, exchange: Exchange): Result<{ saved: string[] }>;
  /** How a response differs from what the step announces, saved values filled in (stepMismatches). */
  mismatches(step: LessonStepSpec, exchange: Exchange): string[];
  /** How long to wait before sending the step, in seconds, at the time `nowMs`: delaySeconds, or until waitUntil. */
  waitSeconds(step: LessonStepSpec, nowMs: number): Result<{ seconds: number }>;
  /** Forgets every value and key (a lesson started again). */
  reset(): void;
  /** Reads a step back from the page's JSON, parsed against the lesson schema (parseLessonStep). */
  parseStep(json: string): Result<{ step: LessonStepSpec }>;
}

/**
 * One run through a lesson. Steps that need what an earlier response said (a client_id, a code, a
 * token, a nonce) name it as `{name}`, and an earlier step saves it from its real response: nothing
 * is recorded in the lesson. Three values exist from the start: `api`, the absolute URL of the
 * sandbox API (`<origin><base>api/`), and, made afresh for every run, a PKCE `code_verifier` (32
 * random octets in base64url, RFC 7636 §4.1) and its S256 `code_challenge` (§4.2). A step with `dpop` gets a proof signed with the run's own key (dpop-client.ts, jose,
 * imported on first use).
 */
export function createLessonRun(): LessonRun {
  return new LessonRunner();
}

/** Fills `{name}` in the strings of a JSON value (form values, JSON content). */
function fillJson(value: unknown, fill: (text: string) => Result<{ text: string }>): Result<{ value: unknown }> {
  if (typeof value === "string") {
    const filled = fill(value);
    return filled.ok ? { ok: true, value: filled.text } : filled;
  }
  if (Array.isArray(value) || isJsonObject(value)) {
    const out: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
    for (const [key, item] of Object.entries(value)) {
      const filled = fillJson(item, fill);
      if (!filled.ok) return filled;
      if (Array.isArray(out)) out.push(filled.value);
      else out[key] = filled.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

class LessonRunner implements LessonRun {
  readonly values = new Map<string, string>();
  #dpopKey: Promise<DpopKey> | undefined;

  async #pkce(): Promise<void> {
    if (this.values.has("code_verifier")) return;
    const { verifier, challenge } = await pkcePair();
    this.values.set("code_verifier", verifier);
    this.values.set("code_challenge", challenge);
  }

  #fill(text: string): Result<{ text: string }> {
    const { values } = this;
    const missing = [...text.matchAll(placeholder)].map((match) => match[1] ?? "").filter((name) => !values.has(name));
    if (missing.length > 0)
      return failure(
        `This step uses ${missing.map((name) => `{${name}}`).join(", ")}, which an earlier step of the lesson saves from its response: run the lesson from its first step (Home, then R).`,
        "missing-value",
      );
    return { ok: true, text: text.replace(placeholder, (_, name: string) => values.get(name) ?? "") };
  }

  parseStep(json: string): Result<{ step: LessonStepSpec }> {
    return parseLessonStep(json);
  }

  async draft(
    step: LessonStepSpec,
    base: string,
    origin: string,
    lastAuthorization: string | undefined,
  ): Promise<Result<{ draft: RequestDraft }>> {
    try {
      // Only a step that sends them needs Web Crypto: lessons 1 to 4 also run where it is missing.
      if (/\{code_(?:verifier|challenge)\}/.test(JSON.stringify(step.request))) await this.#pkce();
    } catch {
      return failure(
        "This browser offers no Web Crypto here (an http:// address other than localhost is not a secure context), so the lesson cannot make its PKCE values. Open it over https:// or on localhost.",
      );
    }
    this.values.set("api", new URL(apiRoot(base), origin).href);
    // The page's origin, for the well-known URLs at its root (RFC 9728 §3.1, lesson 6).
    this.values.set("origin", new URL(origin).origin);
    const { request } = step;
    const path = this.#fill(request.path);
    if (!path.ok) return path;
    const headers: Array<[string, string]> = [];
    for (const [name, value] of request.headers) {
      const filled = this.#fill(value);
      if (!filled.ok) return filled;
      headers.push([name, filled.text]);
    }
    let auth = request.auth;
    if (auth.type === "bearer" || auth.type === "raw") {
      const filled = this.#fill(auth.type === "bearer" ? auth.token : auth.value);
      if (!filled.ok) return filled;
      auth = auth.type === "bearer" ? { ...auth, token: filled.text } : { ...auth, value: filled.text };
    }
    const content = this.#content(request, headers);
    if (!content.ok) return content;
    const drafted = stepDraft({ method: request.method, path: path.text, auth, headers }, lastAuthorization);
    if (!drafted.ok) return drafted;
    if (request.dpop !== undefined) {
      const token = auth.type === "raw" && /^DPoP /i.test(auth.value) ? auth.value.slice(5) : undefined;
      const proved = await this.#addDpopProof(drafted.draft, request.dpop.nonce, token, base, origin);
      if (!proved.ok) return proved;
    }
    return { ok: true, draft: { ...drafted.draft, body: content.body } };
  }

  /** The step's content, form or JSON, its `{name}` values filled in; its Content-Type goes into `headers`. */
  #content(request: LessonRequest, headers: Array<[string, string]>): Result<{ body: string }> {
    if (request.form !== undefined) {
      const params = new URLSearchParams();
      for (const [name, value] of request.form) {
        const filled = this.#fill(value);
        if (!filled.ok) return filled;
        params.append(name, filled.text);
      }
      headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
      return { ok: true, body: params.toString() };
    }
    if (request.json !== undefined) {
      const filled = fillJson(request.json, (text) => this.#fill(text));
      if (!filled.ok) return filled;
      headers.push(["Content-Type", "application/json"]);
      return { ok: true, body: JSON.stringify(filled.value) };
    }
    return { ok: true, body: "" };
  }

  /** A DPoP proof for the draft (RFC 9449 §4.2), signed with the run's key, added as its DPoP field. */
  async #addDpopProof(
    draft: RequestDraft,
    writtenNonce: string | undefined,
    accessToken: string | undefined,
    base: string,
    origin: string,
  ): Promise<Result<object>> {
    const nonce = writtenNonce === undefined ? undefined : this.#fill(writtenNonce);
    if (nonce !== undefined && !nonce.ok) return nonce;
    try {
      const { newDpopKey, dpopProof } = await import("./dpop-client.ts");
      this.#dpopKey ??= newDpopKey();
      const proof = await dpopProof(await this.#dpopKey, {
        method: draft.method,
        url: endpointUrl(base, draft.endpoint, origin).href,
        nonce: nonce?.text,
        accessToken,
      });
      draft.headers.push(["DPoP", proof]);
      return { ok: true };
    } catch {
      this.#dpopKey = undefined;
      return failure(
        "The DPoP proof could not be made: this browser offers no Web Crypto here, or the code that signs it did not load. Open the lesson over https:// or on localhost and run the step again.",
      );
    }
  }

  record(step: LessonStepSpec, exchange: Exchange): Result<{ saved: string[] }> {
    const saved: string[] = [];
    for (const { name, from, wellKnown, claim } of step.save) {
      const value = readResponseValue(exchange, from);
      const stored =
        value === undefined
          ? undefined
          : wellKnown !== undefined
            ? wellKnownUrl(value, wellKnown)
            : claim !== undefined
              ? jwtClaim(value, claim)
              : value;
      if (stored === undefined)
        return failure(
          `The response has no ${from}${wellKnown === undefined ? "" : " that is a URL"}${claim === undefined ? "" : ` that is a JWT with the claim ${claim}`}, which later steps of the lesson need as {${name}}.`,
        );
      this.values.set(name, stored);
      saved.push(name);
    }
    return { ok: true, saved };
  }

  mismatches(step: LessonStepSpec, exchange: Exchange): string[] {
    return stepMismatches(step, exchange, this.values);
  }

  waitSeconds(step: LessonStepSpec, nowMs: number): Result<{ seconds: number }> {
    let seconds = step.request.delaySeconds ?? 0;
    if (step.request.waitUntil !== undefined) {
      const filled = this.#fill(step.request.waitUntil);
      if (!filled.ok) return filled;
      const until = Number(filled.text);
      if (!Number.isFinite(until)) return failure(`“${filled.text}” is not a time to wait for.`);
      // One second past the moment, as a server compares whole seconds (RFC 7519 §4.1.4).
      seconds = Math.max(seconds, Math.min(maxWaitSeconds, Math.ceil(until + 1 - nowMs / 1000)));
    }
    return { ok: true, seconds };
  }

  reset(): void {
    this.values.clear();
    this.#dpopKey = undefined;
  }
}
