import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  PermissionFlagsBits,
  type SendableChannels,
} from 'discord.js';
import { UserError } from '../core/errors.ts';
import { quoteInput } from '../core/fit.ts';
import type { ComponentHandlers, Context } from '../discord/command.ts';
import {
  RACE_HANDLER,
  raceRevealMessage,
  raceRoundMessage,
  raceStandingsMessage,
  raceStartMessage,
} from '../discord/render/race.ts';
import { deferPrivately, fitMessage, NO_MENTIONS, replyPrivately, respond, send } from '../discord/reply.ts';
import { EXPIRED_BUTTON } from '../discord/router.ts';
import { mutedPredicate } from '../quiz/question-health.ts';
import { hashString } from '../quiz/random.ts';
import { pickRaceQuestions } from './pick.ts';
import { type AnswerOutcome, type RaceDisplay, RaceService, type RaceServiceDeps } from './runner.ts';

declare module '../discord/command.ts' {
  interface Context {
    /** Race mode of /quiz (added by `raceFeature().extendContext`). */
    race?: RaceService;
  }
}

/** What `/quiz mode:race` passes on. */
export interface StartRaceOptions {
  /** A tag, note title or note path; null for the whole bank. */
  topic: string | null;
  /** How many questions (rounds). */
  questions: number;
  /** Question order and options; default: from the interaction id. */
  seed?: number;
}

export const RACE_ANSWERS: Record<AnswerOutcome, string> = {
  locked: '🔒 Answer locked in. The answer is revealed when the round ends.',
  duplicate: 'You already answered this round; only your first answer counts.',
  closed: 'This round is closed; wait for the next question.',
  invalid: EXPIRED_BUTTON,
  ended: 'This race has ended.',
};

/** The permissions a race needs in its channel: see it, post in it, and show embeds. */
export const NEEDED =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/**
 * Starts a public race in the interaction's channel (the `/quiz mode:race` handler): replies with the
 * announcement, then posts the rounds. `UserError` when the channel already has a race, the topic has
 * no button questions, or the bot cannot post there.
 */
export async function startRace(
  interaction: ChatInputCommandInteraction,
  ctx: Context,
  options: StartRaceOptions,
): Promise<void> {
  if (!interaction.inGuild() || !interaction.channelId) {
    throw new UserError('Races run in a server channel, not in direct messages.');
  }
  if (interaction.appPermissions && !interaction.appPermissions.has(NEEDED)) {
    throw new UserError('I need View Channel, Send Messages and Embed Links in this channel to run a race.');
  }
  const service = raceServiceOf(ctx);
  const questions = pickRaceQuestions(
    ctx.banks.forGuild(interaction.guildId),
    options.topic,
    options.questions,
    options.seed ?? hashString(interaction.id),
    mutedPredicate(await ctx.store.health.muted(interaction.guildId)),
  );
  if (questions.length === 0) {
    const what = options.topic ? `about ${quoteInput(options.topic)}` : 'in the question bank';
    throw new UserError(
      `There is nothing a race can ask ${what} (races need multiple-choice or true/false questions).`,
    );
  }
  await service.start(
    discordRaceDisplay(interaction.client),
    {
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      starterId: interaction.user.id,
      topic: options.topic,
      questions,
    },
    (state) => respond(interaction, raceStartMessage(state)),
  );
}

/** Button handlers for `v1:race:…`; spread into the `components` of the command that starts races. */
export const raceComponents: Record<string, ComponentHandlers> = {
  [RACE_HANDLER]: {
    async button(interaction, args, ctx) {
      const [raceId = '', action, round, choice] = args;
      if (!/^[a-z0-9]{1,20}$/.test(raceId)) throw new UserError(EXPIRED_BUTTON);
      const service = raceServiceOf(ctx);
      const display = discordRaceDisplay(interaction.client);
      if (action === 'a') {
        const outcome = await service.answer(
          display,
          raceId,
          toIndex(round),
          interaction.user.id,
          toIndex(choice),
        );
        await replyPrivately(interaction, RACE_ANSWERS[outcome]);
        return;
      }
      if (action === 'stop') return stop(interaction, service, raceId);
      throw new UserError(EXPIRED_BUTTON);
    },
  },
};

async function stop(interaction: ButtonInteraction, service: RaceService, raceId: string): Promise<void> {
  // Stopping reveals and scores the open round before answering: acknowledge first (privately).
  await deferPrivately(interaction);
  const isAdmin = Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild));
  await service.stop(discordRaceDisplay(interaction.client), raceId, interaction.user.id, isAdmin);
  await replyPrivately(interaction, 'You stopped the race; the standings are posted.');
}

/** Shows races in Discord channels through the bot's client. */
export function discordRaceDisplay(client: Client): RaceDisplay {
  const channelOf = async (channelId: string): Promise<SendableChannels> => {
    const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId));
    if (!channel?.isSendable()) throw new Error(`channel ${channelId} is not one the bot can post in`);
    return channel;
  };
  const edit = async (
    channelId: string,
    messageId: string | null,
    body: ReturnType<typeof raceRoundMessage>,
  ) => {
    if (!messageId) return;
    const channel = await channelOf(channelId);
    await channel.messages.edit(messageId, { ...fitMessage(body), allowedMentions: NO_MENTIONS });
  };
  return {
    async postRound(state) {
      const message = await send(await channelOf(state.channelId), raceRoundMessage(state));
      return message.id;
    },
    updateRound: (state) => edit(state.channelId, state.roundMessageId, raceRoundMessage(state)),
    revealRound: (state, result, awarded) =>
      edit(state.channelId, state.roundMessageId, raceRevealMessage(state, result, awarded)),
    async postStandings(state) {
      await send(await channelOf(state.channelId), raceStandingsMessage(state));
    },
  };
}

/** The race service of this bot, added at start by `raceFeature()`; throws when it was not installed. */
export function raceServiceOf(ctx: Context): RaceService {
  if (!ctx.race) {
    throw new Error('race mode needs ctx.race: install raceFeature() at start (see defaultFeatures())');
  }
  return ctx.race;
}

/**
 * Wires race mode into `startBot`: `extendContext` adds `ctx.race`, `onReady` returns the shutdown
 * step that ends running races cleanly (revealed, scored, standings posted).
 */
export function raceFeature(options: Omit<RaceServiceDeps, 'store' | 'clock' | 'log'> = {}) {
  return {
    extendContext(ctx: Context): void {
      ctx.race = new RaceService({ store: ctx.store, clock: ctx.clock, log: ctx.log, ...options });
    },
    onReady(ctx: Context): () => Promise<void> {
      return () => ctx.race?.close() ?? Promise.resolve();
    },
  };
}

function toIndex(raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new UserError(EXPIRED_BUTTON);
  return n;
}
