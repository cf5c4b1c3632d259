import {
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type Client,
  DiscordAPIError,
  PermissionFlagsBits,
  type RawFile,
  Routes,
} from 'discord.js';
import { type CardRenderer, podiumView, type RenderedCard } from '../cards/index.ts';
import { asPostFailure } from '../daily/poster.ts';
import { PostFailure } from '../daily/view.ts';
import { displayNames } from '../discord/members.ts';
import { seasonPostBody } from '../discord/render/season.ts';
import { NO_MENTIONS } from '../discord/reply.ts';
import type { Logger } from '../log.ts';
import { championRoleProblem } from './roles.ts';
import type { SeasonDiscord, SeasonPosted, SeasonPostView } from './view.ts';

const UNKNOWN_MEMBER = 10007;

/**
 * What the end-of-season post needs in its channel: the embed needs Embed Links, the podium picture
 * Attach Files (without it the post goes out as text only).
 */
export const SEASON_POST_NEEDED =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

/** How the gateway draws the podium: the bot's card renderer and a logger for a picture that fails. */
export interface SeasonGatewayOptions {
  cards?: () => CardRenderer;
  log?: Logger;
}

/**
 * Season posts and role changes through discord.js REST. The role check reads the guild and the bot's
 * member fresh each time (roles change without events under the Guilds intent's member limits), and
 * runs before any change, so a role the bot may not manage is never touched.
 */
export function discordSeasonGateway(
  client: () => Client | undefined,
  options: SeasonGatewayOptions = {},
): SeasonDiscord {
  const ready = () => {
    const current = client();
    if (!current?.user) throw new Error('the Discord client is not connected yet');
    return { rest: current.rest, botId: current.user.id };
  };
  const send = async (channelId: string, view: SeasonPostView, card?: RenderedCard & { alt: string }) => {
    try {
      const body = {
        ...seasonPostBody(view, card ? { file: card.file, alt: card.alt } : undefined),
        allowed_mentions: { parse: [...NO_MENTIONS.parse] },
      };
      const files: RawFile[] = card ? [{ name: card.file, data: card.png, contentType: 'image/png' }] : [];
      const message = (await ready().rest.post(Routes.channelMessages(channelId), {
        body,
        ...(files.length > 0 ? { files } : {}),
      })) as APIMessage;
      return message.id;
    } catch (error) {
      throw asPostFailure(error);
    }
  };
  /** The podium card, or undefined when it cannot be drawn (the post then goes out as text). */
  const podium = async (view: SeasonPostView) => {
    if (!options.cards) return undefined;
    try {
      const guild = client()?.guilds.cache.get(view.guildId) ?? null;
      const names = await displayNames(
        guild,
        view.podium.map((s) => s.userId),
      );
      const { card, text } = podiumView(
        {
          seasonName: view.season.name,
          participants: view.participants,
          podium: view.podium,
          ...(view.next ? { next: { name: view.next.name, days: view.next.days } } : {}),
        },
        names,
      );
      return { ...(await options.cards().render('podium', card)), alt: text };
    } catch (error) {
      options.log?.warn({ err: error, guildId: view.guildId }, 'podium card failed to render; posting text');
      return undefined;
    }
  };
  return {
    async post(channelId, view): Promise<SeasonPosted> {
      const card = await podium(view);
      if (!card) return { messageId: await send(channelId, view) };
      try {
        return { messageId: await send(channelId, view, card) };
      } catch (error) {
        // Discord refuses the whole message when the bot may not attach files there; the text still
        // goes out (and a refusal of the text too is the usual PostFailure).
        if (!(error instanceof PostFailure) || error.kind !== 'access') throw error;
        const messageId = await send(channelId, view);
        return {
          messageId,
          problem: `The podium picture was left out of the end-of-season post in <#${channelId}>: give the bot Attach Files there.`,
        };
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
