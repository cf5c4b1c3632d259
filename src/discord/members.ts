import type { Guild } from 'discord.js';

/**
 * Display names of `userIds` in a guild: from the member cache, else one REST fetch each (in parallel).
 * Members who left are missing from the map; the caller words them ("former member").
 */
export async function displayNames(
  guild: Guild | null,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!guild) return names;
  await Promise.all(
    [...new Set(userIds)].map(async (id) => {
      const member = guild.members.cache.get(id) ?? (await guild.members.fetch(id).catch(() => null));
      if (member) names.set(id, member.displayName);
    }),
  );
  return names;
}
