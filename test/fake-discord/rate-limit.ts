/** The limiter's answer: allowed (with bucket figures for headers) or refused with a wait. */
export type RateDecision =
  | { ok: true; limit: number; remaining: number; resetAfterMs: number }
  | { ok: false; retryAfterMs: number; ignoredPrevious: boolean };

/** Discord's global limit: `perSecond` requests in each one-second window. */
export class GlobalRateLimiter {
  #windowStart = 0;
  #used = 0;
  #blockedUntil = 0;

  constructor(readonly perSecond: number) {
    if (!Number.isInteger(perSecond) || perSecond < 1)
      throw new Error(`rateLimitPerSecond must be a positive integer, got ${perSecond}`);
  }

  /** Counts one request at `now`; refuses it when the window is used up. */
  take(now: number): RateDecision {
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#used = 0;
    }
    const resetAfterMs = this.#windowStart + 1000 - now;
    // A request while a 429's retry_after is still running means the client did not wait.
    const ignoredPrevious = now < this.#blockedUntil;
    if (this.#used >= this.perSecond) {
      this.#blockedUntil = this.#windowStart + 1000;
      return { ok: false, retryAfterMs: resetAfterMs, ignoredPrevious };
    }
    this.#used += 1;
    return { ok: true, limit: this.perSecond, remaining: this.perSecond - this.#used, resetAfterMs };
  }
}
