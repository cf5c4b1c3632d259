import type { Clock } from '../core/clock.ts';

/** What a server may store and how fast it may upload. */
export interface NoteLimits {
  /** Largest note, in bytes (UTF-8). */
  maxBytes: number;
  /** Most own notes per server. */
  maxNotes: number;
  /** Uploads per server within `uploadWindowMs`. */
  uploadsPerWindow: number;
  uploadWindowMs: number;
  /** How long a download may take in all. */
  downloadTimeoutMs: number;
}

export const DEFAULT_NOTE_LIMITS: NoteLimits = {
  maxBytes: 1024 * 1024,
  maxNotes: 200,
  uploadsPerWindow: 10,
  uploadWindowMs: 60_000,
  downloadTimeoutMs: 10_000,
};

/**
 * A sliding-window counter per key (a server id): `take` records an attempt and says whether it is
 * allowed. In memory on purpose: a server's interactions all reach the one process that owns it.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Records an attempt for `key`; returns 0 when allowed, else the ms until the next one is. */
  take(key: string): number {
    const now = this.clock.now().getTime();
    const recent = (this.#hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.#hits.set(key, recent);
      return (recent[0] as number) + this.windowMs - now;
    }
    recent.push(now);
    this.#hits.set(key, recent);
    return 0;
  }
}
