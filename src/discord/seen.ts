/** How long an interaction can be redelivered: its token lives 15 minutes. */
export const INTERACTION_LIFETIME_MS = 15 * 60_000;
/** Most ids remembered; the oldest are forgotten first (about 50 bytes each). */
const MAX_REMEMBERED = 50_000;

/**
 * The interaction ids this process has handled, for their lifetime: a gateway RESUME replays the
 * events a shard missed, and an interaction delivered twice must run once and be answered once.
 * A shard's interactions only ever reach the process that runs it, so memory is the right place.
 */
export class SeenInteractions {
  /** id → when it stops mattering (insertion order is age order). */
  readonly #ids = new Map<string, number>();

  constructor(
    private readonly lifetimeMs = INTERACTION_LIFETIME_MS,
    private readonly maxRemembered = MAX_REMEMBERED,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `id` is seen within its lifetime; false for a repeat. */
  first(id: string): boolean {
    const now = this.now();
    this.#forgetOld(now);
    if (this.#ids.has(id)) return false;
    this.#ids.set(id, now + this.lifetimeMs);
    return true;
  }

  get size(): number {
    return this.#ids.size;
  }

  #forgetOld(now: number): void {
    for (const [id, until] of this.#ids) {
      if (until > now && this.#ids.size < this.maxRemembered) break;
      this.#ids.delete(id);
    }
  }
}
