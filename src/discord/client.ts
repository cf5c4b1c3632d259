import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Config } from '../config.ts';
import { clientShardOptions } from '../shard/plan.ts';
import { NO_MENTIONS } from './reply.ts';

/** How many members and users to keep per guild; interactions carry their own member data. */
const MEMBER_CACHE = 25;
const USER_CACHE = 200;

/**
 * A discord.js client for a slash-command bot: `Guilds` intent only (no message content, no
 * member list), small caches so RSS stays flat with many servers, and mentions off by default.
 */
export function createClient(config: Pick<Config, 'discordApiUrl' | 'shards'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Explicit shards: discord.js would otherwise read SHARDS/SHARD_COUNT from process.env itself.
    ...clientShardOptions(config.shards),
    partials: [Partials.Channel],
    rest: { api: config.discordApiUrl },
    allowedMentions: NO_MENTIONS,
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      DMMessageManager: 0,
      GuildMessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      GuildScheduledEventManager: 0,
      GuildStickerManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: {
        maxSize: MEMBER_CACHE,
        // The bot's own member decides what it may do in a channel.
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: {
        maxSize: USER_CACHE,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
    }),
  });
}
