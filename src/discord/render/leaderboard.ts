import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle } from 'discord.js';
import type { LeaderboardView, RenderedCard } from '../../cards/index.ts';
import { periodLabel, periodWords } from '../../cards/index.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { button, buttonRow } from './buttons.ts';
import { plain } from './text.ts';
import { cardMessage } from './v2.ts';

const COLOR = 0xfee75c;

/** The custom_id prefix of the leaderboard's buttons (`v1:lb:…`). */
export const LEADERBOARD_HANDLER = 'lb';

/** How members earn points, for an empty board. */
export const HOW_TO_EARN =
  'Earn points with `/quiz` (10 for a right answer, 15 when typed), the daily question (20 + streak bonus) and races.';

/** custom_id of a period button: `v1:lb:p:<period>:<owner>`; the owner is whose rank the card shows. */
export const periodButtonId = (period: string, ownerId: string) =>
  encodeCustomId(LEADERBOARD_HANDLER, ['p', period, ownerId]);
/** custom_id of "My rank": `v1:lb:me:<period>`, answered privately to whoever clicks. */
export const myRankButtonId = (period: string) => encodeCustomId(LEADERBOARD_HANDLER, ['me', period]);

/**
 * One button per period (the shown one highlighted and disabled), then "My rank" for the shown period;
 * a past season's board (`current` none of `periods`) has no "My rank".
 */
export function leaderboardButtons(
  periods: readonly string[],
  current: string,
  ownerId: string,
): APIActionRowComponent<APIButtonComponent> {
  const buttons = periods.slice(0, 4).map((period) => {
    const shown = period === current;
    const b = button(
      periodButtonId(period, ownerId),
      periodLabel(period),
      shown ? ButtonStyle.Primary : ButtonStyle.Secondary,
    );
    return shown ? { ...b, disabled: true } : b;
  });
  const mine = periods.includes(current)
    ? [button(myRankButtonId(current), 'My rank', ButtonStyle.Secondary)]
    : [];
  return buttonRow([...buttons, ...mine]);
}

/**
 * The leaderboard as a Components V2 message: a heading and summary (names as mentions, which never
 * ping), the card, its plain-text version as alt text, and the period and "My rank" buttons.
 */
export function leaderboardMessage(
  view: LeaderboardView,
  card: RenderedCard | undefined,
  options: { period: string; ownerId: string; periods: readonly string[] },
): Message {
  return boardMessage(view, card, [leaderboardButtons(options.periods, options.period, options.ownerId)]);
}

/**
 * A season's leaderboard (`/leaderboard period:season`) as a Components V2 message: the card titled
 * with the season's name and days left, its text as alt text, and the period buttons (Season shown
 * when it is the running season's board).
 */
export function seasonBoardMessage(
  view: LeaderboardView,
  card: RenderedCard | undefined,
  options: { running: boolean; ownerId: string; periods: readonly string[] },
): Message {
  const current = options.running ? SEASON_PERIOD : '';
  return boardMessage(view, card, [leaderboardButtons(options.periods, current, options.ownerId)]);
}

/** The period button of the running season. */
export const SEASON_PERIOD = 'season';

function boardMessage(
  view: LeaderboardView,
  card: RenderedCard | undefined,
  rows: ReturnType<typeof leaderboardButtons>[],
): Message {
  const empty = view.card.rows.length === 0;
  return cardMessage({
    heading: `### 🏆 Leaderboard — ${view.heading}`,
    summary: empty ? `${plain(view.summary)}\n${HOW_TO_EARN}` : plain(view.summary),
    ...(card ? { card } : {}),
    alt: view.text,
    accent: COLOR,
    rows,
  });
}

/** The private answer to "My rank". */
export function myRankMessage(
  me: { rank: number; points: number } | null | undefined,
  ranked: number,
  period: string,
  periodKey: string,
): string {
  const words = periodWords(period, periodKey);
  return me
    ? `You are **#${me.rank}** of ${ranked} ${words.inText}, with ${me.points.toLocaleString('en-US')} ${me.points === 1 ? 'point' : 'points'}.`
    : `You have no points ${words.inText} yet. ${HOW_TO_EARN}`;
}
