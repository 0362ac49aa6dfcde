/**
 * The memory all requests together may hold as buffered content. Each request reserves what it
 * may need before it reads a byte (its Content-Length, or the per-request cap for chunked
 * content) and gives it back when it has been answered; a request that does not fit waits,
 * unread, so its bytes stay in the kernel and TCP flow control slows its sender, until another
 * request gives room back or the request timeout answers 408. However many clients send slowly,
 * buffered content never exceeds `total` bytes.
 */
export class BodyBudget {
  readonly total: number;
  #free: number;
  #waiting = new Set<() => void>();

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

  /**
   * Reserves `bytes`, waiting for room; resolves to false when `gone` resolves first (the client
   * went away, or the request timed out).
   */
  async reserve(bytes: number, gone: Promise<void>): Promise<boolean> {
    let left = false;
    void gone.then(() => (left = true));
    while (!this.tryReserve(bytes)) {
      if (bytes > this.total) return false;
      let wake = () => {};
      const room = new Promise<void>((resolve) => {
        wake = resolve;
        this.#waiting.add(resolve);
      });
      await Promise.race([room, gone]);
      this.#waiting.delete(wake);
      if (left) return false;
    }
    return true;
  }

  /** Gives back bytes reserved earlier, and lets the waiting requests try again. */
  release(bytes: number): void {
    this.#free = Math.min(this.total, this.#free + bytes);
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const wake of waiting) wake();
  }
}
