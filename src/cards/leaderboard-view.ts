import type { LeaderboardCardData } from './leaderboard.ts';
import { counted, monthName, weekRange } from './words.ts';

/** A board as the store gives it (src/store Leaderboard), with the period as data so new periods just work. */
export interface BoardInput {
  period: string;
  periodKey: string;
  ranked: number;
  top: { userId: string; rank: number; points: number }[];
  me?: { userId: string; rank: number; points: number } | null;
  /** A season's board names the season: days left while it runs, `daysLeft: null` once it is final. */
  season?: { name: string; daysLeft: number | null };
}

/** The leaderboard in three forms: card data, a short summary, and the full text (alt text). */
export interface LeaderboardView {
  /** The period as a heading says it: "this week (Dec 1–7)", "December 2026 · 12 days left". */
  heading: string;
  card: LeaderboardCardData;
  summary: string;
  text: string;
}

const LABELS: Record<string, string> = { week: 'This week', month: 'This month', all: 'All time' };

/** A period's short name ("This week"); a period added later (a season) is named after itself. */
export function periodLabel(period: string): string {
  return LABELS[period] ?? `${period.charAt(0).toUpperCase()}${period.slice(1)}`;
}

/** How a period is named: "This week" + "Dec 1–7" + "this week (Dec 1–7)"; unknown periods show their key. */
export function periodWords(period: string, key: string): PeriodWords {
  const label = periodLabel(period);
  const words = (detail: string, inText: string) => ({ label, detail, inText, heading: inText });
  if (period === 'week') return words(weekRange(key), `this week (${weekRange(key)})`);
  if (period === 'month') return words(monthName(key), `in ${monthName(key)}`);
  if (period === 'all') return words('', 'of all time');
  if (period === 'season') return words(key, `in ${key}`);
  return words(key, `in ${period} ${key}`);
}

/** How a period is named, for the card, a heading and a sentence. */
export interface PeriodWords {
  label: string;
  detail: string;
  inText: string;
  heading: string;
}

/**
 * How a season is named: "December 2026" + "12 days left" (the current day counted, as `/season
 * status` does) while it runs, "Final standings" once it is over; "in December 2026 (12 days left)".
 */
export function seasonWords(name: string, daysLeft: number | null): PeriodWords {
  const left = daysLeft === null ? 'final' : `${counted(daysLeft, 'day')} left`;
  return {
    label: name,
    detail: daysLeft === null ? 'Final standings' : left,
    inText: `in ${name} (${left})`,
    heading: `${name} · ${left}`,
  };
}

const pts = (points: number) => counted(points, 'point');

/**
 * Builds the leaderboard view. `names` gives display names (a member who left shows as "former member"),
 * `streaks` current daily streaks; both come from the caller, so this stays pure.
 */
export function leaderboardView(
  board: BoardInput,
  callerId: string,
  names: ReadonlyMap<string, string>,
  streaks: ReadonlyMap<string, number>,
): LeaderboardView {
  const words = board.season
    ? seasonWords(board.season.name, board.season.daysLeft)
    : periodWords(board.period, board.periodKey);
  const nameOf = (id: string) => names.get(id) ?? 'former member';
  const rows = board.top.slice(0, 10).map((entry) => ({
    rank: entry.rank,
    name: nameOf(entry.userId),
    points: entry.points,
    streak: streaks.get(entry.userId) ?? 0,
    you: entry.userId === callerId,
  }));
  const inTop = rows.some((r) => r.you);
  const me = inTop || !board.me ? null : { rank: board.me.rank, points: board.me.points };
  const card: LeaderboardCardData = {
    periodLabel: words.label,
    periodDetail: words.detail,
    ranked: board.ranked,
    rows,
    me,
  };
  const own = inTop
    ? `You are #${rows.find((r) => r.you)?.rank} of ${board.ranked}.`
    : me
      ? `You are #${me.rank} of ${board.ranked} with ${pts(me.points)}.`
      : 'You have no points in this period yet.';
  if (rows.length === 0) {
    const summary = `No points ${words.inText} yet.`;
    return { heading: words.heading, card, summary, text: `Leaderboard ${words.inText}: no points yet.` };
  }
  const podium = rows
    .slice(0, 3)
    .map((r) => `${r.name} ${pts(r.points)}`)
    .join(', ');
  const summary = `Top ${words.inText}: ${podium}. ${own}`;
  const text = [
    `Leaderboard ${words.inText}, ${board.ranked} ${board.ranked === 1 ? 'member' : 'members'} with points:`,
    ...rows.map(
      (r) => `${r.rank}. ${r.name}: ${pts(r.points)}${r.streak > 0 ? `, ${r.streak}-day streak` : ''}`,
    ),
    own,
  ].join('\n');
  return { heading: words.heading, card, summary, text };
}
