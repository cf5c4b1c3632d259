import type { AutocompleteInteraction, ChatInputCommandInteraction, Guild } from 'discord.js';
import { type BoardInput, leaderboardView } from '../cards/index.ts';
import { UserError } from '../core/errors.ts';
import { fitText, LIMITS, quoteInput } from '../core/fit.ts';
import { localDate } from '../core/localtime.ts';
import { currentStreak } from '../scoring/streak.ts';
import '../season/feature.ts';
import type { SeasonStandingsView } from '../season/service.ts';
import { cardsOf } from './cards.ts';
import type { Context } from './command.ts';
import { boardPeriods, PERIODS_WITH_SEASON } from './leaderboard-reply.ts';
import { displayNames } from './members.ts';
import { seasonBoardMessage } from './render/leaderboard.ts';
import { deferPublicly, type Message, respond } from './reply.ts';

/**
 * `/leaderboard period:season [season:<name>]`: the running season's standings, or a past season's, as
 * the leaderboard card titled with the season's name and days left ("final" once it is over).
 */
export async function respondSeasonBoard(
  interaction: ChatInputCommandInteraction,
  ctx: Context,
  name: string | null,
): Promise<void> {
  if (!ctx.seasons) throw new UserError('Seasons are not enabled on this bot.');
  const guildId = interaction.guildId ?? '';
  // A cold ranking takes a moment; otherwise an unknown season is still refused privately.
  if (!ctx.store.scores.isLoaded(guildId)) await deferPublicly(interaction);
  const view = await ctx.seasons.standings(guildId, interaction.user.id, name ?? undefined);
  if (!view) {
    const known = (await ctx.seasons.seasonNames(guildId)).slice(0, 5);
    throw new UserError(
      `There is no season called ${quoteInput(name ?? '')}.${known.length ? ` Try: ${known.join(', ')}.` : ''}`,
    );
  }
  // Names, streaks and the picture take a moment: acknowledge first.
  await deferPublicly(interaction);
  await respond(
    interaction,
    await seasonBoardReply(ctx, interaction.guild, guildId, view, interaction.user.id),
  );
}

/**
 * The running season's board as `ownerId` sees it, for the Season button; undefined once no season
 * runs (it ended between the post and the click).
 */
export async function runningSeasonBoard(
  ctx: Context,
  guild: Guild | null,
  guildId: string,
  ownerId: string,
): Promise<Message | undefined> {
  // Without a name, standings are the running season's, or none.
  const view = await ctx.seasons?.standings(guildId, ownerId);
  return view?.live ? seasonBoardReply(ctx, guild, guildId, view, ownerId) : undefined;
}

/** A season's board message: names, streaks, the card (text alone if it fails to draw), the period buttons. */
async function seasonBoardReply(
  ctx: Context,
  guild: Guild | null,
  guildId: string,
  view: SeasonStandingsView,
  ownerId: string,
): Promise<Message> {
  const ids = view.top.map((entry) => entry.userId);
  const { timeZone } = await ctx.store.settings.get(guildId);
  const today = localDate(ctx.clock.now(), timeZone);
  // The running season's board is the Season button's; a past or just-ended one is none of the periods.
  const running = view.daysLeft !== null;
  const [names, streaks, periods] = await Promise.all([
    displayNames(guild, ids),
    seasonStreaks(ctx, guildId, view, today),
    // Whether a season runs is known for the running season's board; a past one's must ask.
    running ? PERIODS_WITH_SEASON : boardPeriods(ctx, guildId),
  ]);
  const board = leaderboardView(seasonBoardInput(view), ownerId, names, streaks);
  const card = await cardsOf(ctx)
    .render('leaderboard', board.card)
    .catch((error: unknown) => {
      ctx.log.warn({ err: error, guildId }, 'season leaderboard card failed to render; sending text');
      return undefined;
    });
  return seasonBoardMessage(board, card, { running, ownerId, periods });
}

/** A season's standings as the leaderboard view reads a board. */
export function seasonBoardInput(view: SeasonStandingsView): BoardInput {
  return {
    period: 'season',
    periodKey: view.name,
    ranked: view.ranked,
    top: view.top.map(({ rank, userId, points }) => ({ rank, userId, points })),
    me: view.me ?? null,
    season: { name: view.name, daysLeft: view.daysLeft },
  };
}

/** Streaks shown beside the names: today's for a running season, as they were at the end for a finished one. */
async function seasonStreaks(
  ctx: Context,
  guildId: string,
  view: SeasonStandingsView,
  today: string,
): Promise<Map<string, number>> {
  if (!view.live) return new Map(view.top.map((e) => [e.userId, e.streak ?? 0]));
  const records = await Promise.all(view.top.map((e) => ctx.store.scores.getMember(guildId, e.userId)));
  return new Map(
    view.top.map((e, i) => {
      const record = records[i];
      return [e.userId, record ? currentStreak(record.daily, today) : 0];
    }),
  );
}

/** Autocomplete for the `season` option: the running season and past ones, newest first. */
export async function seasonNameChoices(interaction: AutocompleteInteraction, ctx: Context): Promise<void> {
  const typed = String(interaction.options.getFocused()).trim().toLowerCase();
  const names = ctx.seasons && interaction.guildId ? await ctx.seasons.seasonNames(interaction.guildId) : [];
  const choices = names
    .filter((n) => n.toLowerCase().includes(typed))
    .slice(0, LIMITS.autocompleteChoices)
    .map((n) => ({ name: fitText(n, LIMITS.autocompleteName), value: fitText(n, 100) }));
  await interaction.respond(choices);
}
