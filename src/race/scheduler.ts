import type { Clock, ManualClock } from '../core/clock.ts';

/** Cancels a scheduled task; harmless after it ran. */
export type Cancel = () => void;

/** Runs tasks at times of the injected clock; the race never calls `setTimeout` itself. */
export interface Scheduler {
  /** Runs `task` once the clock reaches `when` (at once when it already has). */
  at(when: number, task: () => Promise<void> | void): Cancel;
}

/** A scheduler on real timers, measuring delays against `clock`. Task errors are passed to `onError`. */
export function timerScheduler(clock: Clock, onError: (error: unknown) => void): Scheduler {
  return {
    at(when, task) {
      const delay = Math.max(0, when - clock.now().getTime());
      const timer = setTimeout(() => {
        Promise.resolve()
          .then(task)
          .catch((error: unknown) => onError(error));
      }, delay);
      timer.unref?.();
      return () => clearTimeout(timer);
    },
  };
}

interface Pending {
  when: number;
  seq: number;
  task: () => Promise<void> | void;
}

/**
 * A scheduler for tests: nothing runs until `advance` moves its manual clock; due tasks then run
 * one by one in time order and are awaited, including tasks they schedule within the window.
 */
export class ManualScheduler implements Scheduler {
  readonly #clock: ManualClock;
  readonly #onError: (error: unknown) => void;
  #pending: Pending[] = [];
  #seq = 0;

  constructor(
    clock: ManualClock,
    onError: (error: unknown) => void = (error) => {
      throw error;
    },
  ) {
    this.#clock = clock;
    this.#onError = onError;
  }

  at(when: number, task: () => Promise<void> | void): Cancel {
    const entry: Pending = { when, seq: this.#seq++, task };
    this.#pending.push(entry);
    return () => {
      this.#pending = this.#pending.filter((p) => p !== entry);
    };
  }

  /** Tasks waiting to run. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Moves the clock forward by `ms`, running every task that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.#clock.now().getTime() + ms;
    for (;;) {
      const next = this.#nextDue(end);
      if (!next) break;
      this.#pending = this.#pending.filter((p) => p !== next);
      if (next.when > this.#clock.now().getTime()) this.#clock.set(next.when);
      try {
        await next.task();
      } catch (error) {
        this.#onError(error);
      }
    }
    if (end > this.#clock.now().getTime()) this.#clock.set(end);
  }

  #nextDue(end: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.#pending) {
      if (p.when > end) continue;
      if (!best || p.when < best.when || (p.when === best.when && p.seq < best.seq)) best = p;
    }
    return best;
  }
}
