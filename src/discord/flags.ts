import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { UserError } from '../core/errors.ts';
import { flagQueue, parseFlagReason } from '../quiz/question-health.ts';
import { assertId } from '../store/keys.ts';
import type { ComponentHandlers, Context } from './command.ts';
import {
  FLAG_REASON_INPUT,
  FLAG_TEXT_INPUT,
  type FlagsView,
  flagModal,
  flagReplyMessage,
  flagsPageMessage,
} from './render/flags.ts';
import { replyPrivately, showModal, updateMessage } from './reply.ts';

const DMS = 'Flags belong to a server: flag the question from a server where it was asked.';

function guildOf(interaction: { guildId: string | null }): string {
  if (!interaction.guildId) throw new UserError(DMS);
  return interaction.guildId;
}

function itemIdOf(args: string[]): string {
  const itemId = args[0] ?? '';
  try {
    assertId('itemId', itemId);
  } catch {
    throw new UserError('This button has expired.');
  }
  return itemId;
}

/** The member's side: the Flag button opens the form (at once: a form must be the first answer), the form stores the flag. */
export const memberFlagHandlers: ComponentHandlers = {
  opensModal: () => true,
  // The form's answer is a private thanks, not an edit of the message the question was on.
  ack: 'private',
  async button(interaction: ButtonInteraction, args, ctx) {
    const guildId = guildOf(interaction);
    const itemId = itemIdOf(args);
    const item = ctx.banks.forGuild(guildId).get(itemId);
    await showModal(interaction, flagModal(itemId, item?.prompt));
  },
  async modal(interaction: ModalSubmitInteraction, args, ctx) {
    const guildId = guildOf(interaction);
    const itemId = itemIdOf(args);
    const picked = interaction.fields.getStringSelectValues(FLAG_REASON_INPUT)[0] ?? '';
    const reason = parseFlagReason(picked) ?? 'other';
    const text = interaction.fields.getTextInputValue(FLAG_TEXT_INPUT) ?? '';
    const outcome = await ctx.store.health.flag(guildId, itemId, {
      userId: interaction.user.id,
      at: ctx.clock.now().getTime(),
      reason,
      text,
    });
    if (outcome === 'flagged')
      ctx.log.info({ guildId, itemId, reason, by: interaction.user.id }, 'question flagged');
    await replyPrivately(interaction, flagReplyMessage(outcome, reason));
  },
};

/** The flagged questions and the statistics of them and of the suspicious ones: what the queue is made of. */
async function openQueue(ctx: Context, guildId: string) {
  const health = ctx.store.health;
  const [flags, suspicious] = await Promise.all([health.openFlags(guildId), health.suspicious(guildId)]);
  const flaggedStats = await Promise.all(
    [...flags.keys()].map(async (itemId) => [itemId, await health.statsOf(guildId, itemId)] as const),
  );
  return [flags, new Map([...suspicious, ...flaggedStats])] as const;
}

/** The page of `/bank flags` at `index` of `view`, read fresh from the store and the server's bank. */
async function pageOf(ctx: Context, guildId: string, view: FlagsView, index: number, notice?: string) {
  const health = ctx.store.health;
  const muted = await health.muted(guildId);
  const entries =
    view === 'open'
      ? flagQueue(...(await openQueue(ctx, guildId)), muted)
      : await Promise.all(
          [...muted].sort().map(async (itemId) => ({
            itemId,
            flags: [],
            stats: await health.statsOf(guildId, itemId),
            suspicious: false,
          })),
        );
  const at = Math.max(0, Math.min(index, entries.length - 1));
  const entry = entries[at];
  const item = entry ? ctx.banks.forGuild(guildId).get(entry.itemId) : undefined;
  return flagsPageMessage({
    view,
    index: at,
    total: entries.length,
    ...(entry ? { entry } : {}),
    ...(item ? { item } : {}),
    ...(notice ? { notice } : {}),
  });
}

/** `/bank flags`: the first flagged (or suspicious) question of the server, with its buttons. */
export async function showFlags(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
  const guildId = guildOf(interaction);
  const view: FlagsView = interaction.options.getString('show') === 'muted' ? 'muted' : 'open';
  await replyPrivately(interaction, await pageOf(ctx, guildId, view, 0));
}

const NOTICES = {
  dismiss: 'Dismissed: the question stays in the quizzes and leaves this list.',
  mute: 'Muted: it will not be asked in this server (quizzes, races, exams, the daily question).',
  unmute: 'Unmuted: it can be asked again.',
} as const;

/** The moderators' buttons in `/bank flags` (the bank command is Manage Server only, and so are they). */
export const moderatorFlagHandlers: ComponentHandlers = {
  async button(interaction, args, ctx) {
    const guildId = guildOf(interaction);
    const [verb, viewArg, indexArg, itemArg] = args;
    const view: FlagsView = viewArg === 'muted' ? 'muted' : 'open';
    const index = Number(indexArg) || 0;
    if (verb === 'page') {
      await updateMessage(interaction, await pageOf(ctx, guildId, view, index));
      return;
    }
    if (verb !== 'dismiss' && verb !== 'mute' && verb !== 'unmute')
      throw new UserError('This button has expired.');
    const itemId = itemIdOf([itemArg ?? '']);
    if (verb === 'dismiss') await ctx.store.health.dismiss(guildId, itemId);
    else if (verb === 'mute') await ctx.store.health.mute(guildId, itemId);
    else await ctx.store.health.unmute(guildId, itemId);
    ctx.log.info({ guildId, itemId, action: verb, by: interaction.user.id }, 'flagged question handled');
    await updateMessage(interaction, await pageOf(ctx, guildId, view, index, NOTICES[verb]));
  },
};
