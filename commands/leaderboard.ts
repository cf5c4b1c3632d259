import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { leaderboardMessage } from '../src/discord/render/leaderboard.ts';
import { acknowledge, respond } from '../src/discord/reply.ts';
import { respondSeasonBoard, seasonNameChoices } from '../src/discord/season-leaderboard.ts';
import { PERIODS, type Period } from '../src/scoring/periods.ts';

/** `/leaderboard`: public, since the competition is the point; mentions never ping. */
export default {
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('Top 10 of this server, and your own rank')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('period')
        .setDescription('week (default), month, all time or the season')
        .addChoices(
          { name: 'week', value: 'week' },
          { name: 'month', value: 'month' },
          { name: 'all', value: 'all' },
          { name: 'season', value: 'season' },
        ),
    )
    .addStringOption((o) =>
      o
        .setName('season')
        .setDescription('A season by name, e.g. "December 2026"')
        .setAutocomplete(true)
        .setMaxLength(100),
    ),
  guildOnly: true,
  ack: 'public',
  autocomplete: seasonNameChoices,

  async execute(interaction, ctx) {
    const asked = interaction.options.getString('period') ?? 'week';
    const season = interaction.options.getString('season');
    if (asked === 'season' || season) return respondSeasonBoard(interaction, ctx, season);
    const period: Period = PERIODS.includes(asked as Period) ? (asked as Period) : 'week';
    const guildId = interaction.guildId ?? '';
    // Rankings not rebuilt yet (just after a restart): acknowledge first, a large guild takes seconds.
    if (!ctx.store.scores.isLoaded(guildId)) await acknowledge(interaction, 'public');
    const { timeZone } = await ctx.store.settings.get(guildId);
    const board = await ctx.store.scores.leaderboard(guildId, period, ctx.clock.now(), timeZone, {
      limit: 10,
      userId: interaction.user.id,
    });
    await respond(interaction, leaderboardMessage(board, interaction.user.id));
  },
} satisfies Command;
