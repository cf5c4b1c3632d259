import type Keyv from 'keyv';
import { guarded } from './errors.ts';
import type { GuildQueue } from './queue.ts';
import { type RedisAccess, redisAccessOf } from './redis.ts';

/** Ids of the guilds that have some record, shared by every process on the store. */
export interface GuildIndex {
  add(guildId: string): Promise<void>;
  list(): Promise<string[]>;
}

/** Where one guild index lives (keyv keys, without the namespace). */
export interface GuildIndexKeys {
  /** JSON array of ids: the index on SQLite; on Redis only read to migrate it into the set. */
  array: string;
  /** Redis SET of ids: the index on Redis. */
  set: string;
  /** Queue lane that serializes the array's read-then-write (the index is shared by all guilds). */
  lane: string;
}

/** A Redis SET index when the keyv is Redis, else a JSON array updated in one queue lane. */
export function guildIndexOf(keyv: Keyv, queue: GuildQueue, names: GuildIndexKeys): GuildIndex {
  const redis = redisAccessOf(keyv);
  return redis ? redisSetIndex(keyv, redis, names) : queuedJsonIndex(keyv, queue, names);
}

/**
 * A JSON array updated by read-then-write, serialized by the queue: safe for one process only, which is
 * all SQLite serves (sharded mode refuses it).
 */
function queuedJsonIndex(keyv: Keyv, queue: GuildQueue, names: GuildIndexKeys): GuildIndex {
  const list = async () => (await guarded(() => keyv.get<string[]>(names.array))) ?? [];
  return {
    list,
    add: (guildId) =>
      queue.run(names.lane, async () => {
        const ids = await list();
        if (!ids.includes(guildId)) await guarded(() => keyv.set(names.array, [...ids, guildId]));
      }),
  };
}

/**
 * A Redis SET: SADD is atomic, so shards adding guilds at the same moment lose none. Ids in the JSON
 * array of an older version are folded in on every listing (a miss costs one GET), then that key is
 * deleted; folding before deleting means a failure in between only folds them again next time.
 */
function redisSetIndex(keyv: Keyv, redis: RedisAccess, names: GuildIndexKeys): GuildIndex {
  const set = redis.name(names.set);
  const foldLegacyArray = async () => {
    const legacy = await keyv.get<unknown>(names.array);
    if (legacy === undefined) return;
    const ids = Array.isArray(legacy) ? legacy.filter((id): id is string => typeof id === 'string') : [];
    if (ids.length > 0) await (await redis.client()).sAdd(set, ids);
    await keyv.delete(names.array);
  };
  return {
    add: (guildId) =>
      guarded(async () => {
        await (await redis.client()).sAdd(set, guildId);
      }),
    list: () =>
      guarded(async () => {
        await foldLegacyArray();
        return await (await redis.client()).sMembers(set);
      }),
  };
}
