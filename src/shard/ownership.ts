/**
 * Which shard owns a guild, and whether this process runs it. Pure: no discord.js import, so the
 * daily scheduler and tests can use it with a plain `{ shards, shardCount }`.
 */

/** The shards a process runs: discord.js `ClientOptions` has this shape after login. */
export interface ShardView {
  /** The shard ids this process runs (discord.js: a number, an array, or `'auto'` before login). */
  shards?: number | readonly number[] | 'auto';
  /** Total shards over every process of the bot. */
  shardCount?: number;
}

/** The shard of a guild: `(guild_id >> 22) % shardCount`, Discord's documented formula. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  if (!/^\d{1,20}$/.test(guildId)) throw new RangeError(`guild id must be a snowflake, got "${guildId}"`);
  if (!Number.isInteger(shardCount) || shardCount < 1)
    throw new RangeError(`shard count must be a positive integer, got ${shardCount}`);
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A predicate "does this process own the guild?" for the given shards. With one shard (or no
 * sharding) every guild is owned. Throws when the view names no shards (e.g. `'auto'` before login).
 */
export function guildOwnership(view: ShardView): (guildId: string) => boolean {
  const count = view.shardCount ?? 1;
  const shards = view.shards ?? [0];
  if (shards === 'auto') throw new Error("shards are still 'auto': ask for ownership after login");
  const ids = new Set(typeof shards === 'number' ? [shards] : shards);
  if (count === 1) return () => true;
  return (guildId) => ids.has(shardOfGuild(guildId, count));
}

/**
 * Whether a running client (or any `{ options: ShardView }`) owns `guildId`. The daily scheduler
 * calls this so a guild's daily question is posted by its shard only:
 * `ownsGuild(client, settings.guildId)`.
 */
export function ownsGuild(client: { options: ShardView }, guildId: string): boolean {
  return guildOwnership(client.options)(guildId);
}
