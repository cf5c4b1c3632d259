/**
 * When to start a shard again after its process died. Pure: times are passed in, so the policy is
 * tested with fake time. A shard that crashes at start (bad store URL, a bank error) must not log
 * in to Discord in a tight loop: every IDENTIFY counts against Discord's daily session budget.
 */

/** The knobs of the restart policy. */
export interface BackoffOptions {
  /** Wait before the first restart after a crash. */
  initialMs: number;
  /** The wait doubles on each crash in a row, up to this. */
  maxMs: number;
  /** A shard that stayed ready this long was healthy: its next crash waits `initialMs` again. */
  healthyAfterMs: number;
  /** At most this many starts (logins) in any 24 hours; a further start waits for the window. */
  maxStartsPerDay: number;
}

/** 5 s doubling to 10 min; healthy after 5 min ready; 48 logins a day (Discord allows 1,000 for the bot). */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 5_000,
  maxMs: 10 * 60_000,
  healthyAfterMs: 5 * 60_000,
  maxStartsPerDay: 48,
};

export const DAY_MS = 24 * 60 * 60_000;

/** What the policy knows about one shard, for logs and `/status`-like reports. */
export interface RestartStats {
  /** Crashes in a row since the shard was last healthy. */
  crashesInARow: number;
  /** Starts in the last 24 hours. */
  startsToday: number;
}

/** The restart policy of one shard: record its starts, readiness and exits; ask for the next delay. */
export class RestartPolicy {
  readonly #options: BackoffOptions;
  /** Start times within the last 24 h, ascending. */
  #starts: number[] = [];
  #readyAt: number | undefined;
  #crashesInARow = 0;

  constructor(options: Partial<BackoffOptions> = {}) {
    this.#options = { ...DEFAULT_BACKOFF, ...options };
    const { initialMs, maxMs, healthyAfterMs, maxStartsPerDay } = this.#options;
    if (!(initialMs > 0 && maxMs >= initialMs && healthyAfterMs >= 0))
      throw new RangeError('backoff needs 0 < initialMs <= maxMs and healthyAfterMs >= 0');
    if (!Number.isInteger(maxStartsPerDay) || maxStartsPerDay < 1)
      throw new RangeError('maxStartsPerDay must be a positive integer');
  }

  /** The shard's process was started (it will log in). */
  started(now: number): void {
    this.#forgetBefore(now - DAY_MS);
    this.#starts.push(now);
    this.#readyAt = undefined;
  }

  /** The shard logged in and received its guilds. */
  ready(now: number): void {
    this.#readyAt = now;
  }

  /** The shard's process died at `now`; returns how long to wait before starting it again. */
  exited(now: number): number {
    const healthy = this.#readyAt !== undefined && now - this.#readyAt >= this.#options.healthyAfterMs;
    this.#crashesInARow = healthy ? 1 : this.#crashesInARow + 1;
    this.#readyAt = undefined;
    const backoff = Math.min(this.#options.initialMs * 2 ** (this.#crashesInARow - 1), this.#options.maxMs);
    return Math.max(backoff, this.#waitForBudget(now + backoff) - now);
  }

  /** Crashes in a row and starts in the last 24 hours, as of `now`. */
  stats(now: number): RestartStats {
    this.#forgetBefore(now - DAY_MS);
    return { crashesInARow: this.#crashesInARow, startsToday: this.#starts.length };
  }

  /** The earliest time at or after `at` when one more start keeps the 24 h window under budget. */
  #waitForBudget(at: number): number {
    const inWindow = this.#starts.filter((t) => t > at - DAY_MS);
    const excess = inWindow.length - this.#options.maxStartsPerDay + 1;
    if (excess <= 0) return at;
    // The start that must leave the window first: once it is a day old, there is room.
    const leaving = inWindow[excess - 1] as number;
    return Math.max(at, leaving + DAY_MS);
  }

  #forgetBefore(cutoff: number): void {
    while (this.#starts.length > 0 && (this.#starts[0] as number) <= cutoff) this.#starts.shift();
  }
}
