import type { Exchange } from "../http/index.ts";
import {
  clockAheadField,
  loadLessonRun,
  type DigestComputation,
  type LessonRun,
  type LessonStepSpec,
  type SandboxClient,
} from "../sandbox/index.ts";

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
      /** Seconds the request asked the sandbox's clock ahead (Lab-Clock-Ahead): a wait for expiry skipped; 0 when waited. */
      clockAhead: number;
    };

/** Resolves after `ms`, or at once when the signal aborts (the lesson left the page, the wait was skipped). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
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
 * it may answer a challenge or use a token one of them received; a catch-up run never waits (see
 * #wait). The values earlier steps saved (codes,
 * tokens, nonces), PKCE and the DPoP key live in the lesson's runner (lesson-run.ts, loaded with the
 * first step).
 */
export class StepRunner {
  readonly #runs: readonly string[];
  #lessonRun: LessonRun | undefined;
  #ranThrough = -1;
  /** The run out now: the step asked for, and a promise settled when it ends. */
  #running: { index: number; done: Promise<void> } | undefined;
  /** The countdown out now: its step, and what cuts it short. */
  #waiting: { index: number; skip: AbortController } | undefined;

  /** `runs`: each step's data-run, in order. */
  constructor(runs: readonly string[]) {
    this.#runs = runs;
  }

  /** Forgets every value saved and every step run (the lesson starts again). */
  reset(): void {
    this.#lessonRun?.reset();
    this.#ranThrough = -1;
  }

  /** The values the steps run so far have saved, by name (empty before the first run). */
  get values(): ReadonlyMap<string, string> {
    return this.#lessonRun?.values ?? new Map();
  }

  /** The step whose countdown runs now, if one does. */
  get waitingAt(): number | undefined {
    return this.#waiting?.index;
  }

  /** Cuts the countdown short (the presenter skips the wait); false when nothing waits. */
  skipWait(): boolean {
    if (this.#waiting === undefined) return false;
    this.#waiting.skip.abort();
    return true;
  }

  /**
   * Runs step `index`, after the steps it depends on. While another run is out, its wait is
   * skipped: asked for the same step, nothing more happens; asked for another, that one runs
   * once the first has answered (a step opened after a skip never does nothing).
   */
  async *run(client: SandboxClient, index: number, signal: AbortSignal): AsyncGenerator<StepEvent> {
    while (this.#running !== undefined) {
      const { index: out, done } = this.#running;
      this.skipWait();
      if (out === index) return;
      await done;
    }
    let finish = () => {};
    this.#running = { index, done: new Promise((resolve) => (finish = resolve)) };
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
      this.#running = undefined;
      finish();
    }
  }

  /**
   * Waits `seconds` before step `index` sends, yielding a countdown, unless it is a catch-up run or
   * the presenter skips. A wait for a time (waitUntil, a token's expiry) not waited out is asked of
   * the sandbox instead: the request carries Lab-Clock-Ahead with the seconds left, and the
   * resource checks the token as if they had passed, so the lesson's 401 is still the real one.
   * A plain delay is cut short. Returns the seconds asked ahead (0 when waited), or undefined when
   * the lesson left the page.
   */
  async *#wait(index: number, seconds: number, spec: LessonStepSpec, role: StepRole, signal: AbortSignal) {
    const skip = new AbortController();
    const either = AbortSignal.any([signal, skip.signal]);
    let left = seconds;
    if (role === "step") {
      this.#waiting = { index, skip };
      try {
        for (; left > 0 && !either.aborted; left -= 1) {
          yield { kind: "waiting", index, secondsLeft: left } satisfies StepEvent;
          await sleep(1000, either);
        }
      } finally {
        this.#waiting = undefined;
      }
    }
    if (signal.aborted) return undefined;
    return spec.request.waitUntil !== undefined && left > 0 ? left : 0;
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
    const clockAhead = wait.seconds > 0 ? yield* this.#wait(index, wait.seconds, spec, role, signal) : 0;
    if (clockAhead === undefined) return;
    const drafted = await run.draft(spec, client.base, client.origin, client.memory.lastAuthorization);
    if (drafted.ok && clockAhead > 0) drafted.draft.headers.push([clockAheadField, String(clockAhead)]);
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
      clockAhead,
    };
  }
}
