import type { APIEmbed } from 'discord.js';
import { fitEmbed } from '../../core/fit.ts';
import type { Period } from '../../scoring/periods.ts';
import type { Leaderboard } from '../../store/index.ts';
import type { Message } from '../reply.ts';
import { mention, plural } from './text.ts';

const COLOR = 0xfee75c;
const MEDALS = ['🥇', '🥈', '🥉'];
const PERIOD_NAMES: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };

/** How members earn points, for an empty board. */
export const HOW_TO_EARN =
  'Earn points with `/quiz` (10 for a right answer, 15 when typed), the daily question (20 + streak bonus) and races.';

/**
 * The top of the server for a period, and the caller's own rank below it when they are not in the
 * top. Members are shown as mentions, which Discord renders as names (or `<@id>` for members who
 * left) and which never ping inside an embed.
 */
export function leaderboardMessage(board: Leaderboard, callerId: string): Message {
  const when = PERIOD_NAMES[board.period];
  const title = `Leaderboard — ${when}${board.period === 'all' ? '' : ` (${board.periodKey})`}`;
  if (board.top.length === 0) {
    const embed: APIEmbed = { title, description: `No points ${when} yet.\n${HOW_TO_EARN}`, color: COLOR };
    return { embeds: [fitEmbed(embed)] };
  }
  const lines = board.top.map((entry) => {
    const place = MEDALS[entry.rank - 1] ?? `**${entry.rank}.**`;
    const you = entry.userId === callerId ? ' ← you' : '';
    return `${place} ${mention(entry.userId)} — ${plural(entry.points, 'point')}${you}`;
  });
  const inTop = board.top.some((entry) => entry.userId === callerId);
  let own = '';
  if (!inTop) {
    own = board.me
      ? `\n\nYou: **#${board.me.rank}** of ${board.ranked} with ${plural(board.me.points, 'point')}`
      : `\n\nYou have no points ${when} yet. ${HOW_TO_EARN}`;
  }
  const embed: APIEmbed = {
    title,
    description: `${lines.join('\n')}${own}`,
    color: COLOR,
    footer: { text: `${plural(board.ranked, 'member')} with points ${when}` },
  };
  return { embeds: [fitEmbed(embed)] };
}
