import type { SKRSContext2D } from '@napi-rs/canvas';
import { background, roundRect, THEME, text } from './draw.ts';

/** One member on the board. Names are display names, already chosen by the caller (never fetched here). */
export interface LeaderboardCardRow {
  rank: number;
  name: string;
  points: number;
  /** Current daily streak in days (0: none). */
  streak: number;
  /** The member who asked. */
  you: boolean;
}

/** Everything the leaderboard card shows: plain data, so the same data always gives the same picture. */
export interface LeaderboardCardData {
  /** "This week", "November", "All time", "Season 3"… (periods are data, not a fixed list). */
  periodLabel: string;
  /** A second line under the period: "Dec 1–7", or empty. */
  periodDetail: string;
  /** Members with points in the period. */
  ranked: number;
  /** The top (at most 10). */
  rows: LeaderboardCardRow[];
  /** The caller's own rank when they are not in `rows`: null when they have no points in the period. */
  me: { rank: number; points: number } | null;
}

export const LEADERBOARD_CARD = { width: 800, rowHeight: 44, top: 118, maxRows: 10 } as const;

/** The card's size: fixed width, height from the number of rows (at most 10) and the own-rank footer. */
export function leaderboardCardSize(data: LeaderboardCardData): { width: number; height: number } {
  const rows = Math.max(1, Math.min(data.rows.length, LEADERBOARD_CARD.maxRows));
  return {
    width: LEADERBOARD_CARD.width,
    height: LEADERBOARD_CARD.top + rows * LEADERBOARD_CARD.rowHeight + 84,
  };
}

const MEDALS = ['🥇', '🥈', '🥉'];

/** Draws the leaderboard card on a canvas of `leaderboardCardSize(data)`. */
export function drawLeaderboardCard(ctx: SKRSContext2D, data: LeaderboardCardData): void {
  const { width, height } = leaderboardCardSize(data);
  background(ctx, width, height);
  text(ctx, '🏆 Leaderboard', 40, 66, { size: 32, bold: true, maxWidth: 440 });
  text(ctx, data.periodLabel, width - 40, 58, { size: 22, bold: true, align: 'right', maxWidth: 280 });
  if (data.periodDetail)
    text(ctx, data.periodDetail, width - 40, 86, {
      size: 17,
      color: THEME.muted,
      align: 'right',
      maxWidth: 280,
    });
  const members = `${data.ranked} ${data.ranked === 1 ? 'member' : 'members'} with points`;
  text(ctx, members, 40, 96, { size: 17, color: THEME.muted, maxWidth: 440 });

  const rows = data.rows.slice(0, LEADERBOARD_CARD.maxRows);
  if (rows.length === 0) {
    text(ctx, 'No points yet — answer a /quiz to be first.', width / 2, LEADERBOARD_CARD.top + 30, {
      size: 20,
      color: THEME.muted,
      align: 'center',
      maxWidth: width - 80,
    });
  }
  rows.forEach((row, i) => {
    const y = LEADERBOARD_CARD.top + i * LEADERBOARD_CARD.rowHeight;
    roundRect(
      ctx,
      28,
      y,
      width - 56,
      LEADERBOARD_CARD.rowHeight - 6,
      10,
      row.you ? THEME.highlight : THEME.row,
    );
    const base = y + 27;
    const medal = MEDALS[row.rank - 1];
    if (medal) text(ctx, medal, 62, base + 1, { size: 22, align: 'center' });
    else text(ctx, `#${row.rank}`, 62, base, { size: 18, bold: true, color: THEME.muted, align: 'center' });
    text(ctx, row.name, 100, base, { size: 20, bold: row.you, maxWidth: 430 });
    if (row.streak > 0)
      text(ctx, `🔥 ${row.streak}`, 600, base, { size: 17, color: THEME.warn, align: 'right' });
    text(ctx, `${row.points.toLocaleString('en-US')} pts`, width - 48, base, {
      size: 20,
      bold: true,
      align: 'right',
    });
  });

  const footY = height - 38;
  const inTop = rows.some((r) => r.you);
  const own = inTop
    ? 'You are in the top 10 — keep it up!'
    : data.me
      ? `You: #${data.me.rank} of ${data.ranked} · ${data.me.points.toLocaleString('en-US')} pts`
      : 'You have no points in this period yet.';
  text(ctx, own, 40, footY, { size: 19, color: inTop ? THEME.good : THEME.text, maxWidth: width - 80 });
}
