import {
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type Client,
  DiscordAPIError,
  Routes,
} from 'discord.js';
import { asPostFailure } from '../daily/poster.ts';
import { seasonPostBody } from '../discord/render/season.ts';
import { NO_MENTIONS } from '../discord/reply.ts';
import { championRoleProblem } from './roles.ts';
import type { SeasonDiscord } from './view.ts';

const UNKNOWN_MEMBER = 10007;

/**
 * Season posts and role changes through discord.js REST. The role check reads the guild and the bot's
 * member fresh each time (roles change without events under the Guilds intent's member limits), and
 * runs before any change, so a role the bot may not manage is never touched.
 */
export function discordSeasonGateway(client: () => Client | undefined): SeasonDiscord {
  const ready = () => {
    const current = client();
    if (!current?.user) throw new Error('the Discord client is not connected yet');
    return { rest: current.rest, botId: current.user.id };
  };
  return {
    async post(channelId, view) {
      try {
        const body = { ...seasonPostBody(view), allowed_mentions: { parse: [...NO_MENTIONS.parse] } };
        const message = (await ready().rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
        return message.id;
      } catch (error) {
        throw asPostFailure(error);
      }
    },
    async roleProblem(guildId, roleId) {
      const { rest, botId } = ready();
      const guild = (await rest.get(Routes.guild(guildId))) as APIGuild;
      const me = (await rest.get(Routes.guildMember(guildId, botId))) as APIGuildMember;
      return championRoleProblem({
        guildId,
        roleId,
        roles: guild.roles.map((r) => ({
          id: r.id,
          name: r.name,
          position: r.position,
          permissions: r.permissions,
          managed: r.managed,
        })),
        botRoleIds: me.roles,
        botIsOwner: guild.owner_id === botId,
      });
    },
    async isMember(guildId, userId) {
      try {
        await ready().rest.get(Routes.guildMember(guildId, userId));
        return true;
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return false;
        throw error;
      }
    },
    async addRole(guildId, userId, roleId) {
      await ready().rest.put(Routes.guildMemberRole(guildId, userId, roleId), {
        reason: 'flashcord: season champion',
      });
    },
    async removeRole(guildId, userId, roleId) {
      try {
        await ready().rest.delete(Routes.guildMemberRole(guildId, userId, roleId), {
          reason: 'flashcord: a new season has champions',
        });
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return;
        throw error;
      }
    },
  };
}
