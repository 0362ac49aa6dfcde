/**
 * The memory all requests together may hold as buffered content. Each request reserves what it
 * may need before it reads a byte (its Content-Length, or the per-request cap for chunked
 * content) and gives it back when it has been answered. A request that does not fit is not read
 * at all: the caller answers 503 with Retry-After and closes the connection, so however many
 * clients send slowly, buffered content never exceeds `total` bytes and no connection is held
 * waiting for room.
 */
export class BodyBudget {
  readonly total: number;
  #free: number;

  constructor(total: number) {
    this.total = total;
    this.#free = total;
  }

  /** Bytes not reserved now. */
  get free(): number {
    return this.#free;
  }

  /** Reserves `bytes` if they fit now. */
  tryReserve(bytes: number): boolean {
    if (bytes > this.#free) return false;
    this.#free -= bytes;
    return true;
  }

  /** Gives back bytes reserved earlier. */
  release(bytes: number): void {
    this.#free = Math.min(this.total, this.#free + bytes);
  }
}
