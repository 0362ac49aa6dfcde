/**
 * The one failure shape of src/http and src/sandbox: `{ ok: false, error: Problem }`. A Problem is
 * a sentence for the reader, and where it helps, a stable word for code (`reason`) and the
 * 0-based offset of the culprit in a parsed value (`offset`). See ARCHITECTURE.md, "Contracts".
 */
export type Problem = { message: string; reason?: string; offset?: number };

/** A failure: what every function that can refuse returns instead of throwing. */
export type Failure<P extends Problem = Problem> = { ok: false; error: P };

/** Success with its fields, or a Failure. */
export type Result<T extends object, P extends Problem = Problem> = ({ ok: true } & T) | Failure<P>;

/** A Failure with this message (and reason). */
export function failure(message: string): Failure<{ message: string }>;
export function failure<R extends string>(message: string, reason: R): Failure<{ message: string; reason: R }>;
export function failure(message: string, reason?: string): Failure {
  return { ok: false, error: reason === undefined ? { message } : { message, reason } };
}

/**
 * The sentence of something thrown: the one bridge from a thrown RangeError (src/http's contract
 * functions such as encodeBasic throw for values they cannot encode) to a Problem.
 */
export function problemOf(error: unknown): Problem {
  return { message: error instanceof Error ? error.message : String(error) };
}
