import type { Exchange } from "../http/index.ts";
import { loadLessonRun, type DigestComputation, type LessonRun, type SandboxClient } from "../sandbox/index.ts";

/** Why a step ran: the one asked for, or an earlier one it depends on (a challenge to answer). */
export type StepRole = "step" | "setup";

/** What running a lesson's steps produces, in order: the model the lesson view draws. */
export type StepEvent =
  | { kind: "waiting"; index: number; secondsLeft: number }
  | { kind: "failed"; index: number; message: string }
  | {
      kind: "answered";
      index: number;
      role: StepRole;
      exchange: Exchange;
      digest: DigestComputation | undefined;
      expected: number;
      /** How the answer differs from what the lesson says; empty when it is as expected. */
      problems: string[];
    };

/** Resolves after `ms`, or at once when the signal aborts (the lesson left the page). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/**
 * Runs a lesson's steps through the sandbox client, one run at a time, without touching the page:
 * `run` yields what happens (a wait, a failure, an answer with the lesson's verdict) and the lesson
 * view draws it. A step runs the steps before it first when they have not run (a catch-up run), since
 * it may answer a challenge or use a token one of them received. The values earlier steps saved (codes,
 * tokens, nonces), PKCE and the DPoP key live in the lesson's runner (lesson-run.ts, loaded with the
 * first step).
 */
export class StepRunner {
  readonly #runs: readonly string[];
  #lessonRun: LessonRun | undefined;
  #ranThrough = -1;
  #running = false;

  /** `runs`: each step's data-run, in order. */
  constructor(runs: readonly string[]) {
    this.#runs = runs;
  }

  /** Forgets every value saved and every step run (the lesson starts again). */
  reset(): void {
    this.#lessonRun?.reset();
    this.#ranThrough = -1;
  }

  /** Runs step `index`, after the steps it depends on; yields nothing while another run is out. */
  async *run(client: SandboxClient, index: number, signal: AbortSignal): AsyncGenerator<StepEvent> {
    if (this.#running) return;
    this.#running = true;
    try {
      const lessonRun = (this.#lessonRun ??= (await loadLessonRun()).createLessonRun());
      if (index - 1 > this.#ranThrough) {
        client.forget();
        lessonRun.reset();
        for (let i = 0; i < index && !signal.aborted; i += 1)
          yield* this.#runOne(client, lessonRun, i, "setup", signal);
      }
      if (!signal.aborted) yield* this.#runOne(client, lessonRun, index, "step", signal);
    } finally {
      this.#running = false;
    }
  }

  async *#runOne(
    client: SandboxClient,
    run: LessonRun,
    index: number,
    role: StepRole,
    signal: AbortSignal,
  ): AsyncGenerator<StepEvent> {
    const text = this.#runs[index];
    if (text === undefined) return;
    // A step's request as the page carries it (WorkshopStep.astro's data-run), parsed, never cast.
    const parsed = run.parseStep(text);
    if (!parsed.ok) {
      yield { kind: "failed", index, message: parsed.error.message };
      return;
    }
    const spec = parsed.step;
    const wait = run.waitSeconds(spec, Date.now());
    if (!wait.ok) {
      yield { kind: "failed", index, message: wait.error.message };
      return;
    }
    // A catch-up run skips a plain delay, but not a wait for a token to expire: later steps need it.
    if (wait.seconds > 0 && (role === "step" || spec.request.waitUntil !== undefined)) {
      for (let left = wait.seconds; left > 0 && !signal.aborted; left -= 1) {
        yield { kind: "waiting", index, secondsLeft: left };
        await sleep(1000, signal);
      }
      if (signal.aborted) return;
    }
    const drafted = await run.draft(spec, client.base, client.origin, client.memory.lastAuthorization);
    const outcome = drafted.ok ? await client.send(drafted.draft) : drafted;
    if (!outcome.ok) {
      yield { kind: "failed", index, message: outcome.error.message };
      return;
    }
    const saved = run.record(spec, outcome.exchange);
    this.#ranThrough = Math.max(this.#ranThrough, index);
    const problems = [...run.mismatches(spec, outcome.exchange), ...(saved.ok ? [] : [saved.error.message])];
    yield {
      kind: "answered",
      index,
      role,
      exchange: outcome.exchange,
      digest: outcome.digest,
      expected: spec.expectStatus,
      problems,
    };
  }
}
