import { type APIMessage, type Client, DiscordAPIError, Routes } from 'discord.js';
import { dailyPostBody } from '../discord/render/daily.ts';
import { NO_MENTIONS } from '../discord/reply.ts';
import { type DailyChannel, PostFailure } from './view.ts';

/** Discord's codes for "the bot may not do that here": Missing Access, Missing Permissions. */
const ACCESS_CODES = new Set([50001, 50013]);
const UNKNOWN_CHANNEL = 10003;

/**
 * Daily posts through discord.js REST (no channel fetch needed, so nothing depends on the cache).
 * Refusals become `PostFailure`; server errors and timeouts are rethrown as they are, because then
 * nobody knows whether the message was created.
 */
export function discordDailyChannel(client: () => Client | undefined): DailyChannel {
  const rest = () => {
    const current = client();
    if (!current) throw new Error('the Discord client is not connected yet');
    return current.rest;
  };
  const allowed_mentions = { parse: [...NO_MENTIONS.parse] };
  return {
    async post(channelId, view) {
      try {
        const body = { ...dailyPostBody(view), allowed_mentions };
        const message = (await rest().post(Routes.channelMessages(channelId), { body })) as APIMessage;
        return message.id;
      } catch (error) {
        throw asPostFailure(error);
      }
    },
    async edit(channelId, messageId, view) {
      try {
        const body = { ...dailyPostBody(view), allowed_mentions };
        await rest().patch(Routes.channelMessage(channelId, messageId), { body });
      } catch (error) {
        throw asPostFailure(error);
      }
    },
  };
}

/** A Discord refusal as `PostFailure`; anything else (5xx, network, rate limit) unchanged. */
export function asPostFailure(error: unknown): unknown {
  if (!(error instanceof DiscordAPIError) || error.status >= 500) return error;
  const code = typeof error.code === 'number' ? error.code : undefined;
  if (error.status === 403 || (code !== undefined && ACCESS_CODES.has(code))) {
    return new PostFailure('access', error.message, code);
  }
  if (code === UNKNOWN_CHANNEL) return new PostFailure('missing-channel', error.message, code);
  return new PostFailure('other', error.message, code);
}
