import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { examDepsOf } from '../src/discord/exam-deps.ts';
import { readinessFields } from '../src/discord/render/exam.ts';
import { reviewStatsFields } from '../src/discord/render/review.ts';
import { noStatsMessage, statsMessage } from '../src/discord/render/stats.ts';
import { replyPrivately } from '../src/discord/reply.ts';
import { memberReadiness } from '../src/exam/member.ts';
import { memberStats } from '../src/scoring/member.ts';

/** `/stats`: private, since accuracy and weak topics are personal (even when looking at someone else). */
export default {
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Points, accuracy, streak, weakest topics and review progress')
    .setContexts(InteractionContextType.Guild)
    .addUserOption((o) => o.setName('user').setDescription('Whose stats (yours when left out)')),
  guildOnly: true,

  async execute(interaction, ctx) {
    const guildId = interaction.guildId ?? '';
    const target = interaction.options.getUser('user') ?? interaction.user;
    const record = await ctx.store.scores.getMember(guildId, target.id);
    if (!record)
      return replyPrivately(interaction, noStatsMessage(target.id, target.id === interaction.user.id));
    const { timeZone } = await ctx.store.settings.get(guildId);
    const now = ctx.clock.now();
    const stats = memberStats(record, now, timeZone);
    const bank = ctx.banks.forGuild(guildId);
    const review = await ctx.store.cards.summary(guildId, target.id, now, bank.items, { timeZone });
    const readiness = ctx.exam
      ? await memberReadiness(examDepsOf(ctx), ctx.store.cards, { guildId, userId: target.id })
      : null;
    await replyPrivately(
      interaction,
      statsMessage(stats, [
        ...reviewStatsFields(review.topics, stats.topics, review.overall),
        ...(readiness ? readinessFields(readiness) : []),
      ]),
    );
  },
} satisfies Command;
