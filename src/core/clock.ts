/** A source of the current time, injected so that anything time-based can be tested with fake time. */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and the playground. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | number | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#ms += ms;
  }
  /** Sets the clock to an absolute time. */
  set(to: Date | number | string): void {
    this.#ms = new Date(to).getTime();
  }
}
