/**
 * A token bucket: up to `capacity` requests at once, refilled continuously at `capacity` per
 * `perMs` (NHS England's terminology server allows 5,000 requests per 5 minutes). The clock is
 * injected so the limiter can be tested without waiting.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(capacity: number, perMs: number, now: () => number) {
    if (!(capacity >= 1) || !(perMs > 0))
      throw new RangeError('TokenBucket needs capacity >= 1 and perMs > 0');
    this.#capacity = capacity;
    this.#perMs = perMs;
    this.#now = now;
    this.#tokens = capacity;
    this.#last = now();
  }

  /**
   * Takes one token when available and returns 0; otherwise takes nothing and returns how many
   * milliseconds to wait before one will be.
   */
  take(): number {
    const now = this.#now();
    const rate = this.#capacity / this.#perMs;
    this.#tokens = Math.min(this.#capacity, this.#tokens + Math.max(0, now - this.#last) * rate);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.#tokens) / rate);
  }
}
