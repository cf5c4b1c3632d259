/** Discord's epoch (2015-01-01T00:00:00Z), the zero point of every snowflake timestamp. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Makes realistic, strictly increasing snowflakes; one per fake server, so ids never leak between tests. */
export class SnowflakeFactory {
  #lastMs = 0n;
  #increment = 0n;

  /** A new snowflake for the current time (or `at`), unique within this factory. */
  next(at: number = Date.now()): string {
    const ms = BigInt(at);
    if (ms > this.#lastMs) {
      this.#lastMs = ms;
      this.#increment = 0n;
    } else {
      this.#increment += 1n;
      // 12 bits of increment per millisecond; borrow the next millisecond rather than wrap.
      if (this.#increment > 0xfffn) {
        this.#lastMs += 1n;
        this.#increment = 0n;
      }
    }
    return String(((this.#lastMs - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.#increment);
  }
}

/** The shard that owns a guild: `(guild_id >> 22) % shards`, Discord's documented formula. */
export function shardOf(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** A snowflake-shaped guild id that lands on `shard` of `shards`; for tests that need a known split. */
export function guildIdForShard(shard: number, shards: number, base = 1_700_000_000_000): string {
  const offset = BigInt(base) - DISCORD_EPOCH;
  const aligned = offset - (offset % BigInt(shards)) + BigInt(shard);
  return String(aligned << 22n);
}

/** The creation time encoded in a snowflake. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}
