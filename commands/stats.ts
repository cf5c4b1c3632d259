import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { statsView } from '../src/cards/index.ts';
import { cardsOf } from '../src/discord/cards.ts';
import type { Command } from '../src/discord/command.ts';
import { examDepsOf } from '../src/discord/exam-deps.ts';
import { displayNames } from '../src/discord/members.ts';
import { noStatsMessage, statsMessage, statsTextMessage } from '../src/discord/render/stats.ts';
import { deferPrivately, replyPrivately } from '../src/discord/reply.ts';
import { domainBars, memberReadiness } from '../src/exam/member.ts';
import { memberStats } from '../src/scoring/member.ts';

/** `/stats`: private, since accuracy and weak topics are personal (even when looking at someone else). */
export default {
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Points, accuracy, streak, weakest topics and review progress')
    .setContexts(InteractionContextType.Guild)
    .addUserOption((o) => o.setName('user').setDescription('Whose stats (yours when left out)'))
    .addStringOption((o) =>
      o
        .setName('format')
        .setDescription('picture (default) or text')
        .addChoices({ name: 'picture', value: 'picture' }, { name: 'text', value: 'text' }),
    ),
  guildOnly: true,

  async execute(interaction, ctx) {
    // Acknowledge first: the review summary and the picture take a moment.
    await deferPrivately(interaction);
    const guildId = interaction.guildId ?? '';
    const target = interaction.options.getUser('user') ?? interaction.user;
    const record = await ctx.store.scores.getMember(guildId, target.id);
    if (!record)
      return replyPrivately(interaction, noStatsMessage(target.id, target.id === interaction.user.id));
    const { timeZone } = await ctx.store.settings.get(guildId);
    const now = ctx.clock.now();
    const bank = ctx.banks.forGuild(guildId);
    const [review, names, readiness] = await Promise.all([
      ctx.store.cards.summary(guildId, target.id, now, bank.items, { timeZone }),
      displayNames(interaction.guild, [target.id]),
      ctx.exam ? memberReadiness(examDepsOf(ctx), ctx.store.cards, { guildId, userId: target.id }) : null,
    ]);
    const view = statsView({
      name: names.get(target.id) ?? target.displayName,
      stats: memberStats(record, now, timeZone),
      record,
      review,
      items: bank.items,
      now,
      timeZone,
      ...(readiness ? { domains: domainBars(readiness) } : {}),
    });
    if (interaction.options.getString('format') === 'text')
      return replyPrivately(interaction, statsTextMessage(view));
    const card = await cardsOf(ctx)
      .render('stats', view.card)
      .catch((error: unknown) => {
        ctx.log.warn({ err: error, guildId }, 'stats card failed to render; sending text');
        return undefined;
      });
    await replyPrivately(interaction, statsMessage(view, card, target.id));
  },
} satisfies Command;
