/**
 * Per-key rate limit in memory: at most one action per `ms`. The process that owns a guild sees all
 * of its members' clicks, so memory is enough; a restart forgets cooldowns, which is harmless.
 */
export class Cooldown {
  readonly #last = new Map<string, number>();

  constructor(
    readonly ms: number,
    /** Past this many keys, expired ones are dropped so memory stays bounded. */
    private readonly maxKeys = 10_000,
  ) {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cooldown must be ≥ 0 ms; got ${ms}`);
  }

  /** True (and the time is recorded) when `key` may act at `now`; false when it acted less than `ms` ago. */
  take(key: string, now: number): boolean {
    const last = this.#last.get(key);
    // A clock that went backwards (manual clocks, NTP) must not lock anyone out.
    if (last !== undefined && now >= last && now - last < this.ms) return false;
    if (this.#last.size >= this.maxKeys) this.#prune(now);
    this.#last.set(key, now);
    return true;
  }

  #prune(now: number): void {
    for (const [key, at] of this.#last) if (now - at >= this.ms || now < at) this.#last.delete(key);
  }
}
