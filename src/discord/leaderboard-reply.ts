import type { Guild } from 'discord.js';
import { leaderboardView } from '../cards/index.ts';
import { localDate } from '../core/localtime.ts';
import { PERIODS, type Period } from '../scoring/periods.ts';
import { currentStreak } from '../scoring/streak.ts';
import { cardsOf } from './cards.ts';
import type { Context } from './command.ts';
import { displayNames } from './members.ts';
import { leaderboardMessage, SEASON_PERIOD } from './render/leaderboard.ts';
import type { Message } from './reply.ts';

/** The period named by an option or a button, or `week` for anything unknown. */
export function periodOf(value: string | null | undefined): Period {
  return PERIODS.includes(value as Period) ? (value as Period) : 'week';
}

/**
 * The leaderboard message for a period as `ownerId` sees it: the top 10 with names and streaks, the
 * card (drawn after the interaction was acknowledged), and the buttons. A card that fails to draw
 * leaves the text, never the answer.
 */
export async function leaderboardReply(
  ctx: Context,
  guild: Guild | null,
  guildId: string,
  period: Period,
  ownerId: string,
): Promise<Message> {
  const { timeZone } = await ctx.store.settings.get(guildId);
  const now = ctx.clock.now();
  const board = await ctx.store.scores.leaderboard(guildId, period, now, timeZone, {
    limit: 10,
    userId: ownerId,
  });
  const ids = board.top.map((entry) => entry.userId);
  const today = localDate(now, timeZone);
  const [names, records] = await Promise.all([
    displayNames(guild, ids),
    Promise.all(ids.map((id) => ctx.store.scores.getMember(guildId, id))),
  ]);
  const streaks = new Map(ids.map((id, i) => [id, records[i] ? currentStreak(records[i].daily, today) : 0]));
  const view = leaderboardView(board, ownerId, names, streaks);
  const card = await cardsOf(ctx)
    .render('leaderboard', view.card)
    .catch((error: unknown) => {
      ctx.log.warn({ err: error, guildId }, 'leaderboard card failed to render; sending text');
      return undefined;
    });
  return leaderboardMessage(view, card, { period, ownerId, periods: await boardPeriods(ctx, guildId) });
}

/** The board's periods while a season runs: week, month, all time and the season. */
export const PERIODS_WITH_SEASON: readonly string[] = [...PERIODS, SEASON_PERIOD];

/** The periods the board's buttons switch between: week, month, all time, and the season while one runs. */
export async function boardPeriods(ctx: Context, guildId: string): Promise<readonly string[]> {
  if (!ctx.seasons) return PERIODS;
  const running = await ctx.seasons.running(guildId).catch(() => false);
  return running ? PERIODS_WITH_SEASON : PERIODS;
}
