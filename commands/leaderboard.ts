import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { leaderboardReply, periodOf } from '../src/discord/leaderboard-reply.ts';
import { LEADERBOARD_HANDLER, myRankMessage, SEASON_PERIOD } from '../src/discord/render/leaderboard.ts';
import {
  deferMessageUpdate,
  deferPublicly,
  replyPrivately,
  respond,
  updateMessage,
} from '../src/discord/reply.ts';
import {
  respondSeasonBoard,
  runningSeasonBoard,
  seasonNameChoices,
} from '../src/discord/season-leaderboard.ts';
import { PERIODS } from '../src/scoring/periods.ts';

/** `/leaderboard`: public, since the competition is the point; a card with period buttons; mentions never ping. */
export default {
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('Top 10 of this server, and your own rank')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('period')
        .setDescription('week (default), month, all time or the season')
        .addChoices(...[...PERIODS, 'season'].map((p) => ({ name: p, value: p }))),
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
    const season = interaction.options.getString('season');
    if (interaction.options.getString('period') === 'season' || season)
      return respondSeasonBoard(interaction, ctx, season);
    // Acknowledge first: names, streaks and the picture take a moment (and a cold ranking seconds).
    await deferPublicly(interaction);
    const period = periodOf(interaction.options.getString('period'));
    const message = await leaderboardReply(
      ctx,
      interaction.guild,
      interaction.guildId ?? '',
      period,
      interaction.user.id,
    );
    await respond(interaction, message);
  },

  components: {
    [LEADERBOARD_HANDLER]: {
      async button(interaction, [action, period, ownerId], ctx) {
        const guildId = interaction.guildId ?? '';
        if (action === 'me' && period === SEASON_PERIOD) {
          const view = ctx.seasons && (await ctx.seasons.standings(guildId, interaction.user.id));
          if (!view) return replyPrivately(interaction, 'No season is running now.');
          return replyPrivately(interaction, myRankMessage(view.me, view.ranked, SEASON_PERIOD, view.name));
        }
        if (action === 'me') {
          const { timeZone } = await ctx.store.settings.get(guildId);
          const board = await ctx.store.scores.leaderboard(
            guildId,
            periodOf(period),
            ctx.clock.now(),
            timeZone,
            {
              limit: 1,
              userId: interaction.user.id,
            },
          );
          return replyPrivately(
            interaction,
            myRankMessage(board.me, board.ranked, board.period, board.periodKey),
          );
        }
        // A period switch edits the same message, for everyone, still showing its owner's rank.
        await deferMessageUpdate(interaction);
        const owner = ownerId ?? interaction.user.id;
        const season =
          period === SEASON_PERIOD
            ? await runningSeasonBoard(ctx, interaction.guild, guildId, owner)
            : undefined;
        if (season) return updateMessage(interaction, season);
        // A season that ended since the board was posted: this week's board instead.
        const message = await leaderboardReply(ctx, interaction.guild, guildId, periodOf(period), owner);
        await updateMessage(interaction, message);
      },
    },
  },
} satisfies Command;
