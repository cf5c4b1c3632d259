/** Every key the store writes, in one place (documented in docs/storage.md). */

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws a clear error for an id that cannot be part of a key (Discord ids are digits). */
export function assertId(what: string, id: string): void {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new RangeError(`${what} must be 1–64 letters, digits, _ or -; got ${JSON.stringify(id)}`);
  }
}

/** Member index buckets per guild: ~1,600 ids each at 100,000 members. */
export const MEMBER_BUCKETS = 64;

export const keys = {
  member: (guildId: string, userId: string) => `v1:guild:${guildId}:member:${userId}`,
  memberBucket: (guildId: string, bucket: number) => `v1:guild:${guildId}:members:${bucket}`,
  settings: (guildId: string) => `v1:guild:${guildId}:settings`,
  /** JSON array of guild ids: the index on SQLite; on Redis only read to migrate it into the set. */
  settingsIndex: () => 'v1:settings:guilds',
  /** Redis SET of guild ids: the index on Redis. */
  settingsIndexSet: () => 'v1:settings:guild-set',
  /** JSON array of the members' flags on one question (src/store/flags.ts). */
  flags: (guildId: string, itemId: string) => `v1:guild:${guildId}:flags:${itemId}`,
  /** JSON array of the item ids with open flags. */
  flagIndex: (guildId: string) => `v1:guild:${guildId}:flagged`,
  /** JSON array of the item ids never asked in the guild. */
  muted: (guildId: string) => `v1:guild:${guildId}:muted`,
  /** How one question has been answered in the guild: `{asked, right, wrong}`. */
  questionStats: (guildId: string, itemId: string) => `v1:guild:${guildId}:qstats:${itemId}`,
  /** JSON array of the item ids with statistics. */
  questionStatsIndex: (guildId: string) => `v1:guild:${guildId}:qstats`,
  /** JSON array of the item ids whose statistics look suspicious and no moderator has kept yet. */
  suspiciousIndex: (guildId: string) => `v1:guild:${guildId}:suspicious`,
  session: (id: string) => `v1:session:${id}`,
  app: (key: string) => `v1:app:${key}`,
};

/** The index bucket of a user id (FNV-1a), stable across processes and versions. */
export function bucketOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % MEMBER_BUCKETS;
}
