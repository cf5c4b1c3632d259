import type { Clock } from '../core/clock.ts';

/**
 * The playground's bot clock: it runs with real time (so countdowns, race speed and relative
 * timestamps behave as on Discord) and jumps forward when told to ("+1 hour", "next day").
 * A frozen `ManualClock` would stop every countdown in the page.
 */
export class PlayClock implements Clock {
  #offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): Date {
    return new Date(this.realNow() + this.#offsetMs);
  }

  /** Moves the clock forward by `ms` milliseconds (never backwards: the bot's records assume time only grows). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward, got ${ms} ms`);
    this.#offsetMs += ms;
  }

  /** How far ahead of real time the bot's clock is, in milliseconds. */
  get offsetMs(): number {
    return this.#offsetMs;
  }
}
